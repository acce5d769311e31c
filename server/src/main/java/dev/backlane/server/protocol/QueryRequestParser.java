package dev.backlane.server.protocol;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the flat parameters of an AWS Query request ({@code Filter.1.Value.2=x}) into a tree keyed by
 * model member names, checked against the operation's input shape: unknown parameters, values of the
 * wrong type, enum values, bounds and required members each get AWS's error naming the parameter.
 */
public final class QueryRequestParser implements RequestParser {
    private final ServiceModel model;
    private final Map<String, Map<String, Member>> wireNamesByShape = new ConcurrentHashMap<>();

    public QueryRequestParser(ServiceModel model) {
        this.model = model;
    }

    @Override
    public Map<String, Object> parse(OperationModel operation, WireRequest request) {
        return parse(operation, request.parameters());
    }

    /**
     * Parses the parameters (Action, Version and signing parameters already removed) against the
     * operation's input shape.
     */
    public Map<String, Object> parse(OperationModel operation, Map<String, String> parameters) {
        Map<String, Object> tree = new LinkedHashMap<>();
        Shape input = operation.inputShape() == null ? null : model.shape(operation.inputShape());
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            if (input == null) {
                throw unknown(key);
            }
            String[] parts = key.split("\\.", -1);
            place(tree, input, parts, 0, parameter.getValue(), key);
        }
        return input == null ? Map.of() : finish(tree, input, "");
    }

    private void place(Map<String, Object> target, Shape structure, String[] parts, int index, String value, String key) {
        Member member = wireNames(structure).get(parts[index]);
        if (member == null) {
            throw unknown(prefix(parts, index + 1));
        }
        Shape shape = model.shapeOf(member);
        String path = prefix(parts, index + 1);
        placeValue(target, member.name(), shape, member, parts, index + 1, value, path, key);
    }

    @SuppressWarnings("unchecked")
    private void placeValue(Map<String, Object> target, String slot, Shape shape, Member member, String[] parts, int next,
            String value, String path, String key) {
        switch (shape.type()) {
            case STRUCTURE -> {
                if (next >= parts.length) {
                    throw unknown(key);
                }
                Object existing = target.computeIfAbsent(slot, ignored -> new LinkedHashMap<String, Object>());
                if (!(existing instanceof Map)) {
                    throw repeated(path);
                }
                place((Map<String, Object>) existing, shape, parts, next, value, key);
            }
            case LIST -> placeListElement(target, slot, shape, member, parts, next, value, path, key);
            case MAP -> placeMapEntry(target, slot, shape, parts, next, value, path, key);
            case STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, TIMESTAMP, BLOB -> {
                if (next != parts.length) {
                    throw unknown(key);
                }
                if (target.containsKey(slot)) {
                    throw repeated(path);
                }
                target.put(slot, new Raw(value, path));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void placeListElement(Map<String, Object> target, String slot, Shape list, Member member, String[] parts, int next,
            String value, String path, String key) {
        int indexPosition = next;
        boolean flattened = list.flattened() || (member != null && member.flattened());
        if (model.protocol() == Protocol.QUERY && !flattened) {
            if (next == parts.length && value.isEmpty()) {
                // An empty list is sent as "Name=" in the query protocol.
                target.putIfAbsent(slot, new IndexedList());
                return;
            }
            String elementName = list.listMember().locationName() == null ? "member" : list.listMember().locationName();
            if (next >= parts.length || !parts[next].equals(elementName)) {
                throw unknown(key);
            }
            indexPosition = next + 1;
        }
        if (indexPosition >= parts.length) {
            if (value.isEmpty()) {
                target.putIfAbsent(slot, new IndexedList());
                return;
            }
            throw unknown(key);
        }
        int position = listIndex(parts[indexPosition], key);
        Object existing = target.computeIfAbsent(slot, ignored -> new IndexedList());
        if (!(existing instanceof IndexedList elements)) {
            throw repeated(path);
        }
        Shape elementShape = model.shapeOf(list.listMember());
        String elementPath = prefix(parts, indexPosition + 1);
        placeValue(elements.slots(), Integer.toString(position), elementShape, list.listMember(), parts, indexPosition + 1, value,
                elementPath, key);
    }

    private void placeMapEntry(Map<String, Object> target, String slot, Shape map, String[] parts, int next, String value,
            String path, String key) {
        int indexPosition = map.flattened() ? next : next + 1;
        if (!map.flattened() && (next >= parts.length || !parts[next].equals("entry"))) {
            throw unknown(key);
        }
        if (indexPosition + 1 >= parts.length) {
            throw unknown(key);
        }
        int position = listIndex(parts[indexPosition], key);
        Object existing = target.computeIfAbsent(slot, ignored -> new IndexedMap());
        if (!(existing instanceof IndexedMap entries)) {
            throw repeated(path);
        }
        String keyName = map.mapKey().locationName() == null ? "key" : map.mapKey().locationName();
        String valueName = map.mapValue().locationName() == null ? "value" : map.mapValue().locationName();
        Map<String, Object> entry = entries.entries().computeIfAbsent(position, ignored -> new LinkedHashMap<>());
        String part = parts[indexPosition + 1];
        String entryPath = prefix(parts, indexPosition + 2);
        if (part.equals(keyName)) {
            placeValue(entry, "key", model.shapeOf(map.mapKey()), map.mapKey(), parts, indexPosition + 2, value, entryPath, key);
        } else if (part.equals(valueName)) {
            placeValue(entry, "value", model.shapeOf(map.mapValue()), map.mapValue(), parts, indexPosition + 2, value, entryPath, key);
        } else {
            throw unknown(key);
        }
    }

    /** Converts the placed raw values to typed ones, orders lists by index and checks required members. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> finish(Map<String, Object> tree, Shape structure, String path) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Member> entry : structure.members().entrySet()) {
            Member member = entry.getValue();
            Object placed = tree.get(member.name());
            String wire = path + wireName(member);
            if (placed == null) {
                if (structure.required().contains(member.name())) {
                    throw AwsException.of(missingParameterCode(), "The request must contain the parameter %s", wire);
                }
                continue;
            }
            result.put(member.name(), finishValue(placed, model.shapeOf(member), wire));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private Object finishValue(Object placed, Shape shape, String wire) {
        return switch (shape.type()) {
            case STRUCTURE -> finish((Map<String, Object>) placed, shape, wire + ".");
            case LIST -> {
                IndexedList elements = (IndexedList) placed;
                List<Object> values = new ArrayList<>(elements.slots().size());
                Shape elementShape = model.shapeOf(shape.listMember());
                TreeMap<Integer, Object> ordered = new TreeMap<>();
                elements.slots().forEach((position, value) -> ordered.put(Integer.parseInt(position), value));
                for (Map.Entry<Integer, Object> element : ordered.entrySet()) {
                    values.add(finishValue(element.getValue(), elementShape, wire + "." + element.getKey()));
                }
                checkLength(shape, values.size(), wire);
                yield List.copyOf(values);
            }
            case MAP -> {
                IndexedMap entries = (IndexedMap) placed;
                Map<String, Object> values = new LinkedHashMap<>();
                for (Map<String, Object> entry : new TreeMap<>(entries.entries()).values()) {
                    Object entryKey = entry.get("key");
                    if (entryKey == null) {
                        throw AwsException.of(missingParameterCode(), "The request must contain the parameter %s.key", wire);
                    }
                    Object entryValue = entry.get("value");
                    values.put(((Raw) entryKey).text(),
                            entryValue == null ? null : finishValue(entryValue, model.shapeOf(shape.mapValue()), wire));
                }
                yield values;
            }
            case STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, TIMESTAMP, BLOB -> convert((Raw) placed, shape);
        };
    }

    private Object convert(Raw raw, Shape shape) {
        String text = raw.text();
        try {
            return switch (shape.type()) {
                case STRING -> {
                    if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
                        throw model.protocol() == Protocol.EC2
                                ? invalid(raw, "Valid values are " + String.join(", ", shape.enumValues()) + ".")
                                : ConstraintViolation.enumValue(text, raw.path(), shape.enumValues());
                    }
                    checkLength(shape, text.length(), raw.path());
                    yield text;
                }
                case INTEGER -> checkRange(shape, Integer.parseInt(text.trim()), raw);
                case LONG -> checkRange(shape, Long.parseLong(text.trim()), raw);
                case FLOAT, DOUBLE -> {
                    double parsed = Double.parseDouble(text.trim());
                    if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                        throw new NumberFormatException(text);
                    }
                    yield shape.type() == ShapeType.FLOAT ? (Object) (float) parsed : (Object) parsed;
                }
                case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw invalid(raw, "Expected a boolean (true or false).");
                };
                case TIMESTAMP -> parseTimestamp(raw);
                case BLOB -> Base64.getDecoder().decode(text);
                case STRUCTURE, LIST, MAP -> throw new IllegalStateException("not a scalar: " + shape.name());
            };
        } catch (NumberFormatException e) {
            throw invalid(raw, "Expected " + (shape.type() == ShapeType.INTEGER || shape.type() == ShapeType.LONG ? "an integer." : "a number."));
        } catch (IllegalArgumentException e) {
            throw invalid(raw, "Expected base64-encoded data.");
        }
    }

    private Instant parseTimestamp(Raw raw) {
        String text = raw.text().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.endsWith("Z") ? text : text + "Z");
            } catch (DateTimeParseException again) {
                try {
                    double seconds = Double.parseDouble(text);
                    return Instant.ofEpochMilli((long) (seconds * 1000));
                } catch (NumberFormatException notNumber) {
                    throw invalid(raw, "Expected an ISO 8601 timestamp.");
                }
            }
        }
    }

    private <N extends Number> N checkRange(Shape shape, N value, Raw raw) {
        if (shape.min() != null && value.doubleValue() < shape.min()) {
            throw AwsException.of(invalidValueCode(), "Value ( %s ) for parameter %s is invalid. Expecting a value greater than or equal to %s.",
                    raw.text(), raw.path(), formatBound(shape.min()));
        }
        if (shape.max() != null && value.doubleValue() > shape.max()) {
            throw AwsException.of(invalidValueCode(), "Value ( %s ) for parameter %s is invalid. Expecting a value less than or equal to %s.",
                    raw.text(), raw.path(), formatBound(shape.max()));
        }
        return value;
    }

    private void checkLength(Shape shape, int length, String path) {
        // EC2's models carry no length bounds on strings; ELBv2's and STS's do, and those services check them.
        if (model.protocol() == Protocol.EC2) {
            return;
        }
        if (shape.min() != null && length < shape.min()) {
            throw ConstraintViolation.lengthAtLeast(path, formatBound(shape.min()));
        }
        if (shape.max() != null && length > shape.max()) {
            throw ConstraintViolation.lengthAtMost(path, formatBound(shape.max()));
        }
    }

    private static String formatBound(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private AwsException invalid(Raw raw, String detail) {
        return AwsException.of(invalidValueCode(), "Value (%s) for parameter %s is invalid. %s", raw.text(), raw.path(), detail);
    }

    private ErrorCode invalidValueCode() {
        return model.protocol() == Protocol.EC2 ? ErrorCode.INVALID_PARAMETER_VALUE : ErrorCode.VALIDATION_ERROR;
    }

    private ErrorCode missingParameterCode() {
        return model.protocol() == Protocol.EC2 ? ErrorCode.MISSING_PARAMETER : ErrorCode.VALIDATION_ERROR;
    }

    private AwsException unknown(String parameter) {
        return AwsException.of(model.protocol() == Protocol.EC2 ? ErrorCode.UNKNOWN_PARAMETER : ErrorCode.INVALID_PARAMETER_VALUE,
                "The parameter %s is not recognized", parameter);
    }

    private AwsException repeated(String parameter) {
        return AwsException.of(invalidValueCode(), "The parameter %s is given more than once", parameter);
    }

    private int listIndex(String text, String key) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit) || text.charAt(0) == '0') {
            throw AwsException.of(invalidValueCode(), "The parameter %s has an invalid list index '%s': indexes start at 1", key, text);
        }
        return Integer.parseInt(text);
    }

    private static String prefix(String[] parts, int count) {
        return String.join(".", java.util.Arrays.copyOf(parts, count));
    }

    /** The name a member is sent under in this protocol. */
    public String wireName(Member member) {
        if (model.protocol() == Protocol.EC2) {
            if (member.queryName() != null) {
                return member.queryName();
            }
            if (member.locationName() != null) {
                return Character.toUpperCase(member.locationName().charAt(0)) + member.locationName().substring(1);
            }
            return member.name();
        }
        return member.locationName() != null ? member.locationName() : member.name();
    }

    private Map<String, Member> wireNames(Shape structure) {
        return wireNamesByShape.computeIfAbsent(structure.name(), ignored -> {
            Map<String, Member> byWire = new HashMap<>();
            for (Member member : structure.members().values()) {
                byWire.put(wireName(member), member);
            }
            return Map.copyOf(byWire);
        });
    }

    /** A value as sent, with the parameter it came from, until its shape's type is applied. */
    private record Raw(String text, String path) {}

    private record IndexedList(Map<String, Object> slots) {
        IndexedList() {
            this(new LinkedHashMap<>());
        }
    }

    private record IndexedMap(Map<Integer, Map<String, Object>> entries) {
        IndexedMap() {
            this(new LinkedHashMap<>());
        }
    }
}
