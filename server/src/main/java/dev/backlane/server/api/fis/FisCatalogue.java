package dev.backlane.server.api.fis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FIS actions and target resource types Backlane carries out, read from {@code fis/actions.json} (AWS's descriptions
 * and parameters from the FIS actions reference), as the model's {@code Action} and {@code TargetResourceType} trees.
 */
final class FisCatalogue {
    private static final String RESOURCE = "/dev/backlane/server/fis/actions.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Map<String, Object>> actions = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> targetTypes = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    FisCatalogue() {
        try (InputStream in = FisCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = MAPPER.readTree(in);
            for (JsonNode action : root.path("actions")) {
                actions.put(action.path("id").asText(), MAPPER.convertValue(action, Map.class));
            }
            for (JsonNode type : root.path("targetResourceTypes")) {
                targetTypes.put(type.path("resourceType").asText(), MAPPER.convertValue(type, Map.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Map<String, Object>> action(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    List<Map<String, Object>> actions() {
        return List.copyOf(actions.values());
    }

    Optional<Map<String, Object>> targetType(String resourceType) {
        return Optional.ofNullable(targetTypes.get(resourceType));
    }

    List<Map<String, Object>> targetTypes() {
        return List.copyOf(targetTypes.values());
    }

    /** The resource type an action's named target must have ({@code Roles} -> {@code aws:iam:role}). */
    @SuppressWarnings("unchecked")
    Optional<String> targetResourceType(String actionId, String targetName) {
        return action(actionId).map(action -> (Map<String, Object>) action.get("targets"))
                .map(targets -> (Map<String, Object>) targets.get(targetName))
                .map(target -> (String) target.get("resourceType"));
    }
}
