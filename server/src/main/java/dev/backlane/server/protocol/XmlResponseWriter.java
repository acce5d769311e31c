package dev.backlane.server.protocol;

import dev.backlane.core.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Writes an operation's output, given as a tree keyed by model member names, as the XML its service
 * speaks — element names, list wrappers and scalar formats all taken from the output shape.
 */
public final class XmlResponseWriter implements ResponseWriter {
    /** AWS writes timestamps in UTC with milliseconds: {@code 2026-11-22T01:53:06.000Z}. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final ServiceModel model;
    private final java.util.concurrent.ConcurrentMap<String, WritableStructure> structures = new java.util.concurrent.ConcurrentHashMap<>();

    public XmlResponseWriter(ServiceModel model) {
        this.model = model;
    }

    @Override
    public String contentType() {
        return "text/xml;charset=UTF-8";
    }

    @Override
    public byte[] write(OperationModel operation, Map<String, Object> output, String requestId) {
        return text(operation, output, requestId).getBytes(StandardCharsets.UTF_8);
    }

    private String text(OperationModel operation, Map<String, Object> output, String requestId) {
        StringBuilder out = new StringBuilder(512);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String root = operation.name() + "Response";
        out.append('<').append(root).append(" xmlns=\"").append(model.xmlNamespace()).append("\">");
        Shape shape = operation.outputShape() == null ? null : model.shape(operation.outputShape());
        switch (model.protocol()) {
            case EC2 -> {
                out.append("<requestId>").append(requestId).append("</requestId>");
                if (shape == null) {
                    // EC2 answers operations without output with <return>true</return>.
                    out.append("<return>true</return>");
                } else {
                    writeMembers(out, shape, output);
                }
            }
            case QUERY -> {
                String wrapper = operation.resultWrapper() != null ? operation.resultWrapper() : operation.name() + "Result";
                if (shape != null) {
                    out.append('<').append(wrapper).append('>');
                    writeMembers(out, shape, output);
                    out.append("</").append(wrapper).append('>');
                }
                out.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
            }
            case JSON, RPC_V2_CBOR, REST_JSON -> throw new IllegalStateException(model.serviceId() + " speaks " + model.protocol() + ", not XML");
        }
        out.append("</").append(root).append('>');
        return out.toString();
    }

    /** Writes the members present in {@code values}, in the shape's order, as AWS does. */
    private void writeMembers(StringBuilder out, Shape structure, Map<String, Object> values) {
        WritableStructure writable = structures.computeIfAbsent(structure.name(), name -> WritableStructure.of(model, structure));
        Object[] slots = new Object[writable.members().length];
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Integer position = writable.positions().get(entry.getKey());
            if (position == null) {
                throw new IllegalStateException("shape " + structure.name() + " has no member " + entry.getKey());
            }
            slots[position] = entry.getValue();
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                writeMember(out, writable, i, slots[i]);
            }
        }
    }

    private void writeMember(StringBuilder out, WritableStructure writable, int position, Object value) {
        Shape shape = writable.shapes()[position];
        String element = writable.elements()[position];
        if (shape.type() == ShapeType.LIST && (shape.flattened() || writable.members()[position].flattened())) {
            for (Object item : (Collection<?>) value) {
                writeValue(out, element, model.shapeOf(shape.listMember()), item);
            }
            return;
        }
        writeValue(out, element, shape, value);
    }

    /** A structure's members resolved once: their shapes, element names and positions in the model's order. */
    private record WritableStructure(Member[] members, Shape[] shapes, String[] elements, Map<String, Integer> positions) {
        static WritableStructure of(ServiceModel model, Shape structure) {
            Member[] members = structure.members().values().toArray(new Member[0]);
            Shape[] shapes = new Shape[members.length];
            String[] elements = new String[members.length];
            Map<String, Integer> positions = new java.util.HashMap<>();
            for (int i = 0; i < members.length; i++) {
                shapes[i] = model.shapeOf(members[i]);
                elements[i] = members[i].locationName() != null ? members[i].locationName() : members[i].name();
                positions.put(members[i].name(), i);
            }
            return new WritableStructure(members, shapes, elements, Map.copyOf(positions));
        }
    }

    @SuppressWarnings("unchecked")
    private void writeValue(StringBuilder out, String element, Shape shape, Object value) {
        out.append('<').append(element).append('>');
        switch (shape.type()) {
            case STRUCTURE -> writeMembers(out, shape, (Map<String, Object>) value);
            case LIST -> {
                Member itemMember = shape.listMember();
                String itemElement = itemMember.locationName() != null ? itemMember.locationName() : "member";
                Shape itemShape = model.shapeOf(itemMember);
                for (Object item : (Collection<?>) value) {
                    writeValue(out, itemElement, itemShape, item);
                }
            }
            case MAP -> {
                String keyElement = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
                String valueElement = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
                for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
                    out.append("<entry>");
                    writeValue(out, keyElement, model.shapeOf(shape.mapKey()), entry.getKey());
                    writeValue(out, valueElement, model.shapeOf(shape.mapValue()), entry.getValue());
                    out.append("</entry>");
                }
            }
            case STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN -> XmlText.append(out, String.valueOf(value));
            case TIMESTAMP -> XmlText.append(out, formatTimestamp(value));
            case BLOB -> out.append(value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : value);
        }
        out.append("</").append(element).append('>');
    }

    static String formatTimestamp(Object value) {
        return value instanceof Instant instant ? ISO_MILLIS.format(instant) : String.valueOf(value);
    }

    /** The error envelope of this service, with AWS's shape for EC2 and for the query services. */
    @Override
    public byte[] writeError(AwsException error, String requestId) {
        return errorText(error, requestId).getBytes(StandardCharsets.UTF_8);
    }

    private String errorText(AwsException error, String requestId) {
        return switch (model.protocol()) {
            case EC2 -> XmlErrorEnvelope.ec2(error.code().code(), error.getMessage(), requestId);
            case QUERY -> XmlErrorEnvelope.query(model.xmlNamespace(), error.code().httpStatus(), error.code().code(), error.getMessage(),
                    requestId);
            case JSON, RPC_V2_CBOR, REST_JSON -> throw new IllegalStateException(model.serviceId() + " speaks " + model.protocol() + ", not XML");
        };
    }
}
