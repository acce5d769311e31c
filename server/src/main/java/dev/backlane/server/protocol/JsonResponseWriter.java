package dev.backlane.server.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.backlane.core.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an awsJson or Smithy RPC v2 CBOR response: the output tree as a JSON object (CBOR map) of the output
 * shape's members, in the shape's order, timestamps as epoch seconds (in CBOR tagged 1, as the protocol has them);
 * errors as {@code __type} and {@code message}, with {@code x-amzn-query-error} for a service that kept its Query
 * error codes.
 */
public final class JsonResponseWriter implements ResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFactory CBOR = new CBORFactory();

    private final ServiceModel model;
    private final boolean cbor;

    public JsonResponseWriter(ServiceModel model) {
        this.model = model;
        this.cbor = model.protocol() == Protocol.RPC_V2_CBOR;
    }

    @Override
    public String contentType() {
        return cbor ? "application/cbor" : model.jsonContentType();
    }

    @Override
    public Map<String, String> headers(Optional<AwsException> error) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (cbor) {
            headers.put("smithy-protocol", "rpc-v2-cbor");
        }
        error.filter(ignored -> model.awsQueryCompatible()).ifPresent(
                e -> headers.put("x-amzn-query-error", e.code().code() + ";" + (e.code().httpStatus() < 500 ? "Sender" : "Receiver")));
        return headers;
    }

    @Override
    public byte[] write(OperationModel operation, Map<String, Object> output, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = (cbor ? CBOR : JSON).createGenerator(out)) {
            if (operation.outputShape() == null) {
                generator.writeStartObject();
                generator.writeEndObject();
            } else {
                write(generator, model.shape(operation.outputShape()), output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] writeError(AwsException error, String requestId) {
        if (!model.awsQueryCompatible()) {
            return ErrorAnswer.of(cbor ? WireProtocol.RPC_V2_CBOR : WireProtocol.JSON, error, requestId, model.jsonContentType()).body();
        }
        // The modelled error's shape names the type; clients read the Query code from x-amzn-query-error.
        String type = model.errorShape(error.code().code()).orElse(error.code().code());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put("message", error.getMessage());
        if (cbor) {
            return ErrorAnswer.cborMap(body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("__type", type);
            generator.writeStringField("message", error.getMessage());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
                if (generator instanceof CBORGenerator tagged) {
                    tagged.writeTag(1);
                }
                generator.writeNumber(instant.toEpochMilli() / 1000.0);
            }
        }
    }
}
