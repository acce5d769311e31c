package dev.backlane.server.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.backlane.core.error.AwsException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Writes an awsJson response: the output tree as a JSON object of the output shape's members, in the
 * shape's order, timestamps as epoch seconds; errors through {@link ErrorAnswer}, the one writer of error
 * envelopes.
 */
public final class JsonResponseWriter implements ResponseWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final ServiceModel model;

    public JsonResponseWriter(ServiceModel model) {
        this.model = model;
    }

    @Override
    public String contentType() {
        return model.jsonContentType();
    }

    @Override
    public String write(OperationModel operation, Map<String, Object> output, String requestId) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (operation.outputShape() == null) {
                generator.writeStartObject();
                generator.writeEndObject();
            } else {
                write(generator, model.shape(operation.outputShape()), output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String writeError(AwsException error, String requestId) {
        return new String(ErrorAnswer.of(WireProtocol.JSON, error, requestId, model.jsonContentType()).body(), StandardCharsets.UTF_8);
    }

    private void write(JsonGenerator generator, Shape shape, Object value) throws IOException {
        switch (shape.type()) {
            case STRUCTURE -> {
                Map<?, ?> values = (Map<?, ?>) value;
                generator.writeStartObject();
                for (Member member : shape.members().values()) {
                    Object memberValue = values.get(member.name());
                    if (memberValue != null) {
                        generator.writeFieldName(member.name());
                        write(generator, model.shapeOf(member), memberValue);
                    }
                }
                generator.writeEndObject();
            }
            case LIST -> {
                generator.writeStartArray();
                Shape element = model.shapeOf(shape.listMember());
                for (Object item : (Collection<?>) value) {
                    write(generator, element, item);
                }
                generator.writeEndArray();
            }
            case MAP -> {
                generator.writeStartObject();
                Shape valueShape = model.shapeOf(shape.mapValue());
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    write(generator, valueShape, entry.getValue());
                }
                generator.writeEndObject();
            }
            case STRING, BLOB -> generator.writeString(String.valueOf(value));
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case INTEGER, LONG -> generator.writeNumber(((Number) value).longValue());
            case FLOAT, DOUBLE -> generator.writeNumber(((Number) value).doubleValue());
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                generator.writeNumber(instant.toEpochMilli() / 1000.0);
            }
        }
    }
}
