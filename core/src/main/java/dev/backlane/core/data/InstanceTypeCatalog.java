package dev.backlane.core.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
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

/**
 * The instance types Backlane offers, read once from {@code data/instance-types.json}, each offered in
 * every zone of every region (see {@code data/SOURCES.md} for how that differs from AWS).
 */
public final class InstanceTypeCatalog {
    private static final InstanceTypeCatalog STANDARD = load();

    private final Map<String, InstanceTypeInfo> types;

    private InstanceTypeCatalog(Map<String, InstanceTypeInfo> types) {
        this.types = types;
    }

    public static InstanceTypeCatalog standard() {
        return STANDARD;
    }

    public Optional<InstanceTypeInfo> find(String instanceType) {
        return Optional.ofNullable(types.get(instanceType));
    }

    /** Every type, in name order. */
    public List<InstanceTypeInfo> all() {
        return List.copyOf(types.values());
    }

    /** Whether the type is offered in the zone; every known type is offered in every known zone. */
    public boolean isOffered(String instanceType, AvailabilityZone zone) {
        return types.containsKey(instanceType) && zone != null;
    }

    private static InstanceTypeCatalog load() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = InstanceTypeCatalog.class.getResourceAsStream("/dev/backlane/core/data/instance-types.json")) {
            JsonNode root = mapper.readTree(in);
            List<InstanceTypeInfo> read = new ArrayList<>();
            for (JsonNode type : root.path("instanceTypes")) {
                read.add(mapper.treeToValue(type, InstanceTypeInfo.class));
            }
            read.sort((a, b) -> a.instanceType().compareTo(b.instanceType()));
            Map<String, InstanceTypeInfo> types = new LinkedHashMap<>();
            read.forEach(type -> types.put(type.instanceType(), type));
            return new InstanceTypeCatalog(java.util.Collections.unmodifiableMap(types));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
