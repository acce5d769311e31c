package dev.backlane.server.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads a REST-JSON request against the operation's input shape: members bound to the path ({@code location: uri}) and
 * the query string ({@code querystring}) are taken from there, the others from the JSON body; then the whole input is
 * checked as awsJson checks a body ({@link JsonRequestParser}), so a bad value gets the same ValidationException naming
 * the member. A query-string number that is not one is a SerializationException, as a body number of the wrong type.
 */
public final class RestJsonRequestParser implements RequestParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServiceModel model;
    private final JsonRequestParser body;

    public RestJsonRequestParser(ServiceModel model) {
        this.model = model;
        this.body = new JsonRequestParser(model);
    }

    @Override
    public Map<String, Object> parse(OperationModel operation, WireRequest request) {
        if (operation.inputShape() == null) {
            return body.parse(operation, WireRequest.json(new byte[0]));
        }
        ObjectNode input = bodyObject(request.body());
        Shape shape = model.shape(operation.inputShape());
        for (Member member : shape.members().values()) {
            if (member.location() == null) {
                continue;
            }
            input.remove(member.name());
            String wireName = member.locationName() == null ? member.name() : member.locationName();
            switch (member.location()) {
                case "uri" -> {
                    String label = request.labels().get(wireName);
                    if (label != null) {
                        input.put(member.name(), label);
                    }
                }
                case "querystring" -> {
                    List<String> values = request.query().get(wireName);
                    if (values != null && !values.isEmpty()) {
                        input.set(member.name(), queryValue(model.shapeOf(member), values, member.name()));
                    }
                }
                default -> {
                    // Headers FIS's operations do not bind; nothing else is read from them.
                }
            }
        }
        try {
            return body.parse(operation, WireRequest.json(MAPPER.writeValueAsBytes(input)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode bodyObject(byte[] bytes) {
        if (bytes.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode root = MAPPER.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!root.isObject()) {
                throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "Start of structure or map found where not expected.");
            }
            return (ObjectNode) root;
        } catch (JsonProcessingException malformed) {
            throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "The request body is not valid JSON: %s", malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "The request body could not be read");
        }
    }

    private JsonNode queryValue(Shape shape, List<String> values, String name) {
        return switch (shape.type()) {
            case LIST -> {
                ArrayNode array = MAPPER.createArrayNode();
                Shape element = model.shapeOf(shape.listMember());
                values.forEach(value -> array.add(queryValue(element, List.of(value), name)));
                yield array;
            }
            case INTEGER, LONG -> {
                try {
                    yield MAPPER.getNodeFactory().numberNode(Long.parseLong(values.get(0)));
                } catch (NumberFormatException notNumber) {
                    throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "Value '%s' at '%s' is not an integer.", values.get(0), name);
                }
            }
            case BOOLEAN -> MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(values.get(0)));
            default -> MAPPER.getNodeFactory().textNode(values.get(0));
        };
    }
}
