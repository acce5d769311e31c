package dev.backlane.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-managed prefix lists of every region (S3 and DynamoDB), read once from
 * {@code data/prefix-lists.json}. IDs are unique only within a region, so lookups name the region.
 */
public final class AwsPrefixListCatalog {
    private static final AwsPrefixListCatalog STANDARD = load();

    private final Map<String, List<AwsPrefixList>> byRegion;

    private AwsPrefixListCatalog(Map<String, List<AwsPrefixList>> byRegion) {
        this.byRegion = byRegion;
    }

    public static AwsPrefixListCatalog standard() {
        return STANDARD;
    }

    /** The region's lists, in ID order. */
    public List<AwsPrefixList> region(String region) {
        return byRegion.getOrDefault(region, List.of());
    }

    public Optional<AwsPrefixList> find(String region, String id) {
        return region(region).stream().filter(list -> list.id().equals(id)).findFirst();
    }

    private static AwsPrefixListCatalog load() {
        try (InputStream in = AwsPrefixListCatalog.class.getResourceAsStream("/dev/backlane/core/data/prefix-lists.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, List<AwsPrefixList>> byRegion = new LinkedHashMap<>();
            for (JsonNode node : root.path("prefixLists")) {
                List<String> cidrs = new ArrayList<>();
                node.path("cidrs").forEach(cidr -> cidrs.add(cidr.asText()));
                AwsPrefixList list = new AwsPrefixList(node.path("region").asText(), node.path("service").asText(), node.path("id").asText(),
                        node.path("name").asText(), cidrs);
                byRegion.computeIfAbsent(list.region(), ignored -> new ArrayList<>()).add(list);
            }
            Map<String, List<AwsPrefixList>> sorted = new LinkedHashMap<>();
            byRegion.forEach((region, lists) -> sorted.put(region,
                    lists.stream().sorted(java.util.Comparator.comparing(AwsPrefixList::id)).toList()));
            return new AwsPrefixListCatalog(java.util.Collections.unmodifiableMap(sorted));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
