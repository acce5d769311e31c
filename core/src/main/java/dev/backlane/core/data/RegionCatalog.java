package dev.backlane.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.model.AvailabilityZone;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every AWS commercial region with its zones, read once from {@code data/regions.json}. */
public final class RegionCatalog {
    private static final RegionCatalog STANDARD = load();

    private final Map<String, Region> regions;

    private RegionCatalog(Map<String, Region> regions) {
        this.regions = regions;
    }

    public static RegionCatalog standard() {
        return STANDARD;
    }

    public Optional<Region> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    public List<Region> regions() {
        return List.copyOf(regions.values());
    }

    private static RegionCatalog load() {
        try (InputStream in = RegionCatalog.class.getResourceAsStream("/dev/backlane/core/data/regions.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Region> regions = new LinkedHashMap<>();
            for (JsonNode region : root.path("regions")) {
                List<AvailabilityZone> zones = new ArrayList<>();
                for (JsonNode zone : region.path("zones")) {
                    zones.add(new AvailabilityZone(zone.path("name").asText(), zone.path("id").asText()));
                }
                String name = region.path("name").asText();
                regions.put(name, new Region(name, region.path("description").asText(), region.path("optInStatus").asText(),
                        region.path("independentlyMapped").asBoolean(false), zones));
            }
            return new RegionCatalog(java.util.Collections.unmodifiableMap(regions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
