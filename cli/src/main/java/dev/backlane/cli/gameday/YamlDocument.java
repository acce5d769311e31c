package dev.backlane.cli.gameday;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read twice: as a tree of {@link JsonNode}s to validate, and as a stream of tokens whose
 * {@link JsonLocation}s say where each field and list item starts, so that a problem names its line and column.
 */
final class YamlDocument {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private final String source;
    private final JsonNode root;
    private final Map<JsonPointer, JsonLocation> locations;

    private YamlDocument(String source, JsonNode root, Map<JsonPointer, JsonLocation> locations) {
        this.source = source;
        this.root = root;
        this.locations = locations;
    }

    /** The document in {@code text}; {@code source} names it in problems (a file name). Malformed YAML is a problem at its line. */
    static YamlDocument parse(String source, String text) {
        Map<JsonPointer, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.FIELD_NAME) {
                    locations.put(context.pathAsPointer(), parser.currentTokenLocation());
                } else if (token.isStructStart() && context.getParent() != null && context.getParent().inArray()) {
                    locations.putIfAbsent(context.getParent().pathAsPointer(), parser.currentTokenLocation());
                } else if (token.isScalarValue() && context.inArray()) {
                    locations.putIfAbsent(context.pathAsPointer(), parser.currentTokenLocation());
                }
            }
            JsonNode root = MAPPER.readTree(text);
            return new YamlDocument(source, root == null ? MAPPER.nullNode() : root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(java.util.List.of(new ScenarioException.Problem(source, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "", "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ScenarioException(java.util.List.of(new ScenarioException.Problem(source, 0, 0, "", "cannot be read: " + e.getMessage())));
        }
    }

    String source() {
        return source;
    }

    JsonNode root() {
        return root;
    }

    /** Where the field or item at {@code pointer} starts; the nearest enclosing one's place when it has none of its own. */
    JsonLocation location(JsonPointer pointer) {
        for (JsonPointer at = pointer; at != null; at = at.head()) {
            JsonLocation location = locations.get(at);
            if (location != null) {
                return location;
            }
        }
        return JsonLocation.NA;
    }
}
