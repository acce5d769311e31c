package dev.backlane.server.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an awsJson request body against the operation's input shape, as AWS's awsJson services do: a value
 * of the wrong JSON type is a SerializationException; a missing required member, a length, range or enum
 * or pattern outside the model's bounds a ValidationException naming the member's path ({@code logEvents.1.member.message}).
 * Members the model does not know are ignored, as AWS ignores them; a JSON null is an absent member.
 */
public final class JsonRequestParser implements RequestParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    /** The model's string patterns, compiled once; a pattern Java cannot compile is not checked. */
    private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

    private final ServiceModel model;
    private final ObjectMapper mapper;

    /** Reads JSON, or CBOR when the model is read as Smithy RPC v2 CBOR: the same documents in another encoding. */
    public JsonRequestParser(ServiceModel model) {
        this.model = model;
        this.mapper = model.protocol() == Protocol.RPC_V2_CBOR ? CBOR : JSON;
    }

    @Override
    public Map<String, Object> parse(OperationModel operation, WireRequest request) {
        JsonNode root;
        try {
            root = request.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(request.body());
        } catch (JsonProcessingException malformed) {
            throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "The request body is not valid %s: %s", mapper == CBOR ? "CBOR" : "JSON",
                    malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "The request body could not be read");
        }
        if (root == null || root.isMissingNode()) {
            root = mapper.createObjectNode();
        }
        if (!root.isObject()) {
            throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "Start of structure or map found where not expected.");
        }
        if (operation.inputShape() == null) {
            return new LinkedHashMap<>();
        }
        return structure(model.shape(operation.inputShape()), root, "");
    }

    private Map<String, Object> structure(Shape shape, JsonNode node, String path) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Member member : shape.members().values()) {
            JsonNode value = node.get(member.name());
            if (value != null && !value.isNull()) {
                values.put(member.name(), value(model.shapeOf(member), value, path.isEmpty() ? member.name() : path + "." + member.name()));
            }
        }
        for (String required : shape.required()) {
            if (!values.containsKey(required)) {
                throw AwsException.of(ErrorCode.VALIDATION_EXCEPTION,
                        "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null",
                        path.isEmpty() ? required : path + "." + required);
            }
        }
        return values;
    }

    private Object value(Shape shape, JsonNode node, String path) {
        return switch (shape.type()) {
            case STRUCTURE -> {
                requireType(node.isObject(), path, "structure");
                yield structure(shape, node, path);
            }
            case LIST -> {
                requireType(node.isArray(), path, "list");
                checkLength(shape, node.size(), path, null);
                List<Object> items = new ArrayList<>();
                Shape element = model.shapeOf(shape.listMember());
                for (int i = 0; i < node.size(); i++) {
                    if (!node.get(i).isNull()) {
                        items.add(value(element, node.get(i), path + "." + (i + 1) + ".member"));
                    }
                }
                yield items;
            }
            case MAP -> {
                requireType(node.isObject(), path, "map");
                checkLength(shape, node.size(), path, null);
                Map<String, Object> entries = new LinkedHashMap<>();
                Shape keyShape = model.shapeOf(shape.mapKey());
                Shape valueShape = model.shapeOf(shape.mapValue());
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    checkString(keyShape, field.getKey(), path + ".key");
                    entries.put(field.getKey(), value(valueShape, field.getValue(), path + ".value"));
                }
                yield entries;
            }
            case STRING -> {
                requireType(node.isTextual(), path, "string");
                yield checkString(shape, node.textValue(), path);
            }
            case BLOB -> {
                // JSON carries a blob as base64 text, CBOR as a byte string; both are kept as base64 text.
                requireType(node.isTextual() || node.isBinary(), path, "blob");
                yield node.isBinary() ? java.util.Base64.getEncoder().encodeToString(binary(node)) : checkString(shape, node.textValue(), path);
            }
            case BOOLEAN -> {
                requireType(node.isBoolean(), path, "boolean");
                yield node.booleanValue();
            }
            case INTEGER -> {
                requireType(node.isIntegralNumber() && node.canConvertToInt(), path, "integer");
                checkRange(shape, node.longValue(), path);
                yield node.intValue();
            }
            case LONG -> {
                requireType(node.isIntegralNumber() && node.canConvertToLong(), path, "long");
                checkRange(shape, node.longValue(), path);
                yield node.longValue();
            }
            case FLOAT, DOUBLE -> {
                requireType(node.isNumber(), path, "number");
                yield node.doubleValue();
            }
            case TIMESTAMP -> {
                requireType(node.isNumber(), path, "timestamp");
                yield Instant.ofEpochMilli(Math.round(node.doubleValue() * 1000));
            }
        };
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException unreadable) {
            throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "The request body could not be read");
        }
    }

    private static void requireType(boolean matches, String path, String type) {
        if (!matches) {
            throw AwsException.of(ErrorCode.SERIALIZATION_EXCEPTION, "Expected a %s at '%s'", type, path);
        }
    }

    private static String checkString(Shape shape, String value, String path) {
        if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(value)) {
            throw constraint(value, path, "Member must satisfy enum value set: " + shape.enumValues());
        }
        checkLength(shape, value.codePointCount(0, value.length()), path, value);
        if (shape.pattern() != null) {
            Optional<Pattern> pattern = PATTERNS.computeIfAbsent(shape.pattern(), JsonRequestParser::compile);
            if (pattern.isPresent() && !pattern.get().matcher(value).matches()) {
                throw constraint(value, path, "Member must satisfy regular expression pattern: " + shape.pattern());
            }
        }
        return value;
    }

    private static Optional<Pattern> compile(String pattern) {
        try {
            return Optional.of(Pattern.compile(pattern));
        } catch (PatternSyntaxException notJava) {
            return Optional.empty();
        }
    }

    private static void checkLength(Shape shape, int length, String path, String value) {
        if (shape.min() != null && length < shape.min()) {
            throw constraint(value, path, "Member must have length greater than or equal to " + shape.min().longValue());
        }
        if (shape.max() != null && length > shape.max()) {
            throw constraint(value, path, "Member must have length less than or equal to " + shape.max().longValue());
        }
    }

    private static void checkRange(Shape shape, long value, String path) {
        if (shape.min() != null && value < shape.min()) {
            throw constraint(Long.toString(value), path, "Member must have value greater than or equal to " + shape.min().longValue());
        }
        if (shape.max() != null && value > shape.max()) {
            throw constraint(Long.toString(value), path, "Member must have value less than or equal to " + shape.max().longValue());
        }
    }

    private static AwsException constraint(String value, String path, String constraint) {
        return value == null
                ? AwsException.of(ErrorCode.VALIDATION_EXCEPTION, "1 validation error detected: Value at '%s' failed to satisfy constraint: %s", path,
                        constraint)
                : AwsException.of(ErrorCode.VALIDATION_EXCEPTION, "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: %s",
                        value, path, constraint);
    }
}
