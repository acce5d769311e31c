package dev.backlane.core.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-managed prefix list a gateway endpoint routes to: the one named for its service
 * ({@code com.amazonaws.us-east-1.s3}) in the region's prefix lists ({@code data/prefix-lists.json}).
 */
public interface GatewayPrefixLists {
    /** The ID of the region's AWS-managed list for the service, e.g. {@code pl-63a5400a}. */
    Optional<String> prefixListId(String region, String serviceName);

    static GatewayPrefixLists standard() {
        return DataFile.STANDARD;
    }

    /** The lists as the data file gives them. */
    final class DataFile implements GatewayPrefixLists {
        private static final DataFile STANDARD = load();

        private final Map<String, String> idsByRegionAndName;

        private DataFile(Map<String, String> idsByRegionAndName) {
            this.idsByRegionAndName = Map.copyOf(idsByRegionAndName);
        }

        @Override
        public Optional<String> prefixListId(String region, String serviceName) {
            return Optional.ofNullable(idsByRegionAndName.get(region + " " + serviceName));
        }

        private static DataFile load() {
            try (InputStream in = GatewayPrefixLists.class.getResourceAsStream("/dev/backlane/core/data/prefix-lists.json")) {
                Map<String, String> ids = new HashMap<>();
                for (JsonNode list : new ObjectMapper().readTree(in).path("prefixLists")) {
                    ids.put(list.path("region").asText() + " " + list.path("name").asText(), list.path("id").asText());
                }
                return new DataFile(ids);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
