package dev.backlane.server.protocol;

import dev.backlane.core.error.AwsException;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a REST-JSON response: the output shape as a JSON body ({@code application/json}), as awsJson writes it; errors
 * as {@code {"message": ...}} with the code in the {@code x-amzn-ErrorType} header and the status the model's error
 * shape names (FIS: ResourceNotFoundException 404, ConflictException 409).
 */
public final class RestJsonResponseWriter implements ResponseWriter {
    private final ServiceModel model;
    private final JsonResponseWriter json;

    public RestJsonResponseWriter(ServiceModel model) {
        this.model = model;
        this.json = new JsonResponseWriter(model);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] write(OperationModel operation, Map<String, Object> output, String requestId) {
        return json.write(operation, output, requestId);
    }

    @Override
    public byte[] writeError(AwsException error, String requestId) {
        return ErrorAnswer.of(WireProtocol.REST_JSON, error, requestId, null).body();
    }

    @Override
    public Map<String, String> headers(Optional<AwsException> error) {
        return error.map(e -> Map.of("x-amzn-ErrorType", e.code().code())).orElse(Map.of());
    }

    @Override
    public int errorStatus(AwsException error) {
        return model.errorStatus(error.code().code()).orElse(error.code().httpStatus());
    }
}
