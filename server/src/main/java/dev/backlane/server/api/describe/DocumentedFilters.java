package dev.backlane.server.api.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The filter names AWS documents for each EC2 operation, read from the model data
 * ({@code ec2-2016-11-15.filters.json}). A filter not documented for an operation is refused, as EC2
 * refuses it.
 */
public final class DocumentedFilters {
    private static final DocumentedFilters EC2 = load("/dev/backlane/server/models/ec2-2016-11-15.filters.json");

    private final Map<String, Set<String>> byOperation;

    private DocumentedFilters(Map<String, Set<String>> byOperation) {
        this.byOperation = byOperation;
    }

    public static DocumentedFilters ec2() {
        return EC2;
    }

    private static DocumentedFilters load(String resource) {
        try (InputStream in = DocumentedFilters.class.getResourceAsStream(resource)) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Set<String>> byOperation = new HashMap<>();
            root.fields().forEachRemaining(entry -> {
                Set<String> names = new HashSet<>();
                entry.getValue().forEach(name -> names.add(name.asText()));
                byOperation.put(entry.getKey(), Set.copyOf(names));
            });
            return new DocumentedFilters(Map.copyOf(byOperation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented names for the operation ({@code tag} stands for {@code tag:<key>}). */
    public Set<String> names(String operation) {
        return byOperation.getOrDefault(operation, Set.of());
    }

    public boolean isDocumented(String operation, String filterName) {
        Set<String> names = names(operation);
        if (filterName.startsWith("tag:")) {
            return names.contains("tag") || names.contains("tag:<key>") || names.contains("tag-key");
        }
        return names.contains(filterName);
    }
}
