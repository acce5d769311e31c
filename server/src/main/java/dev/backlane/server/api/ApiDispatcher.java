package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.protocol.OperationModel;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.requestlog.ResourceIds;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one AWS Query call, independent of HTTP: picks the operation by {@code Action}, parses and
 * validates the parameters against the model, runs the handler and writes the response or the error
 * in the service's own envelope. A failure that is not the caller's becomes a 500 InternalError with
 * nothing changed, never a stack trace on the wire; a call whose write was committed is always
 * answered with that write's answer, written before the commit.
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
        String action = parameters.get("Action");
        List<String> named = ResourceIds.inParameters(parameters);
        Call call = null;
        try {
            Map<String, String> remaining = new LinkedHashMap<>(parameters);
            remaining.remove("Action");
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
            call = new Call(cloud, service.name(), action, scope, new Input(input), requestId,
                    output -> service.writer().write(operation, output, requestId));
            Map<String, Object> output = handler.handle(call);
            Optional<Call.Answer> committed = call.committedAnswer();
            if (committed.isPresent()) {
                return success(committed.get().body(), requestId, action, ResourceIds.union(named, ResourceIds.inOutput(committed.get().output())));
            }
            return success(service.writer().write(operation, output == null ? Map.of() : output, requestId), requestId, action, named);
        } catch (RuntimeException | StackOverflowError failure) {
            Optional<Call.Answer> committed = call == null ? Optional.empty() : call.committedAnswer();
            if (committed.isPresent()) {
                LOG.log(Level.SEVERE, "request " + requestId + " failed after its write was committed; answering with the write's answer", failure);
                return success(committed.get().body(), requestId, action, named);
            }
            if (failure instanceof AwsException error) {
                return new ApiResponse(error.code().httpStatus(), service.writer().writeError(error, requestId), requestId, action,
                        error.code().code(), named);
            }
            LOG.log(Level.SEVERE, "request " + requestId + " failed", failure);
            AwsException internal = new AwsException(ErrorCode.INTERNAL_ERROR, "An internal error has occurred");
            return new ApiResponse(500, service.writer().writeError(internal, requestId), requestId, action, internal.code().code(), named);
        }
    }

    private static ApiResponse success(String body, String requestId, String action, List<String> resourceIds) {
        return new ApiResponse(200, body, requestId, action, null, resourceIds);
    }
}
