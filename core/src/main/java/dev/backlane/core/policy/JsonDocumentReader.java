package dev.backlane.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads JSON text into a tree while noting every member name that appears twice in one object, with
 * its path. Jackson's own duplicate detection stops at the first duplicate; this reader keeps going so
 * that validation reports them all. Numbers keep the text they were written with.
 */
final class JsonDocumentReader {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final List<Finding> findings;

    JsonDocumentReader(List<Finding> findings) {
        this.findings = findings;
    }

    /** The document's tree, or empty after adding a MALFORMED_JSON finding. */
    Optional<JsonNode> read(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                findings.add(new Finding(FindingCode.MALFORMED_JSON, "The policy document is empty", JsonPaths.ROOT));
                return Optional.empty();
            }
            JsonNode root = readValue(parser, JsonPaths.ROOT);
            if (parser.nextToken() != null) {
                findings.add(new Finding(FindingCode.MALFORMED_JSON,
                        "Unexpected content after the policy document" + where(parser.currentLocation()), JsonPaths.ROOT));
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            findings.add(new Finding(FindingCode.MALFORMED_JSON,
                    "The policy document is not valid JSON" + where(e.getLocation()) + ": " + JsonSyntaxProblem.describe(e.getOriginalMessage()),
                    JsonPaths.ROOT));
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string failed", e);
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private JsonNode readValue(JsonParser parser, String path) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(parser, path);
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, JsonPaths.index(path, index++)));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case END_ARRAY:
            case END_OBJECT:
            case FIELD_NAME:
            case NOT_AVAILABLE:
            case VALUE_EMBEDDED_OBJECT:
                break;
        }
        throw new JsonProcessingException("unexpected " + token, parser.currentLocation()) {
        };
    }

    private ObjectNode readObject(JsonParser parser, String path) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String memberPath = JsonPaths.member(path, name);
            parser.nextToken();
            JsonNode value = readValue(parser, memberPath);
            if (object.has(name)) {
                findings.add(new Finding(FindingCode.DUPLICATE_ELEMENT,
                        "The element " + name + " appears more than once; AWS would keep only one of them", memberPath));
            }
            object.set(name, value);
        }
        return object;
    }
}
