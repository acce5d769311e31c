package dev.backlane.server;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationHandler;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.protocol.OperationModel;
import dev.backlane.server.protocol.ServiceEndpoint;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one AWS Query call, independent of HTTP: picks the operation by {@code Action}, parses and
 * validates the parameters against the model, runs the handler and writes the response or the error
 * in the service's own envelope. A failure that is not the caller's becomes a 500 InternalError with
 * nothing changed, never a stack trace on the wire.
 */
public final class ApiDispatcher {
    private static final Logger LOG = Logger.getLogger(ApiDispatcher.class.getName());

    private final Map<String, ServiceEndpoint> services;
    private final OperationRegistry operations;
    private final Cloud cloud;

    public ApiDispatcher(Map<String, ServiceEndpoint> services, OperationRegistry operations, Cloud cloud) {
        this.services = Map.copyOf(services);
        this.operations = requireNonNull(operations, "operations is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
    }

    public Optional<ServiceEndpoint> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The services Backlane answers. */
    public Collection<ServiceEndpoint> services() {
        return services.values();
    }

    /** The service to use when a request names none. */
    public ServiceEndpoint defaultService() {
        return services.get("ec2");
    }

    public ApiResponse dispatch(ServiceEndpoint service, Scope scope, Map<String, String> parameters) {
        String requestId = UUID.randomUUID().toString();
        try {
            return new ApiResponse(200, handle(service, scope, parameters, requestId));
        } catch (AwsException error) {
            return new ApiResponse(error.code().httpStatus(), service.writer().writeError(error, requestId));
        } catch (RuntimeException | StackOverflowError unexpected) {
            LOG.log(Level.SEVERE, "request " + requestId + " failed", unexpected);
            AwsException internal = new AwsException(ErrorCode.INTERNAL_ERROR, "An internal error has occurred");
            return new ApiResponse(500, service.writer().writeError(internal, requestId));
        }
    }

    private String handle(ServiceEndpoint service, Scope scope, Map<String, String> parameters, String requestId) {
        Map<String, String> remaining = new LinkedHashMap<>(parameters);
        String action = remaining.remove("Action");
        remaining.remove("Version");
        remaining.keySet().removeIf(key -> key.startsWith("X-Amz-") || key.startsWith("x-amz-"));
        if (action == null || action.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_ACTION, "The request must contain the parameter Action");
        }
        OperationModel operation = service.model().operation(action)
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ACTION, "The action %s is not valid for this web service.", action));
        Map<String, Object> input = service.parser().parse(operation, remaining);
        OperationHandler handler = operations.find(service.name(), action).orElseThrow(() -> AwsException.of(
                ErrorCode.UNSUPPORTED_OPERATION, "The operation %s is not supported by Backlane yet.", action));
        Map<String, Object> output = handler.handle(new Call(cloud, service.name(), action, scope, new Input(input), requestId));
        return service.writer().write(operation, output == null ? Map.of() : output, requestId);
    }
}
