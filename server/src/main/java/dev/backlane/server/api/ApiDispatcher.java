package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.protocol.OperationModel;
import dev.backlane.server.protocol.RestJsonRoutes;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.protocol.WireRequest;
import dev.backlane.server.requestlog.ResourceIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one AWS API call, independent of HTTP: picks the operation ({@code Action} for Query, {@code X-Amz-Target}
 * for awsJson, the path for RPC v2 CBOR), parses and validates the input against the model, runs the handler and writes the response or the error
 * in the service's own envelope. A failure that is not the caller's becomes a 500 InternalError with
 * nothing changed, never a stack trace on the wire; a call whose write was committed is always
 * answered with that write's answer, written before the commit.
 */
public final class ApiDispatcher {
    private static final Logger LOG = Logger.getLogger(ApiDispatcher.class.getName());

    private final Map<String, ServiceEndpoint> services;
    private final OperationRegistry operations;
    private final Cloud cloud;
    private final CallGate gate;

    public ApiDispatcher(Map<String, ServiceEndpoint> services, OperationRegistry operations, Cloud cloud) {
        this(services, operations, cloud, CallGate.OPEN);
    }

    /** A dispatcher that asks {@code gate} about each call once its operation is known, before it is parsed or handled. */
    public ApiDispatcher(Map<String, ServiceEndpoint> services, OperationRegistry operations, Cloud cloud, CallGate gate) {
        this.services = Map.copyOf(services);
        this.operations = requireNonNull(operations, "operations is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.gate = requireNonNull(gate, "gate is null");
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

    /** Answers a Query call: the operation is the {@code Action} parameter, the input the other parameters. */
    public ApiResponse dispatch(ServiceEndpoint service, Scope scope, Map<String, String> parameters) {
        return dispatch(service, Caller.root(scope), parameters);
    }

    /** As {@link #dispatch(ServiceEndpoint, Scope, Map)}, made by the caller. */
    public ApiResponse dispatch(ServiceEndpoint service, Caller caller, Map<String, String> parameters) {
        return dispatch(service, caller, parameters, formLength(parameters));
    }

    /** The same, for a request of {@code requestBytes} as sent. */
    public ApiResponse dispatch(ServiceEndpoint service, Caller caller, Map<String, String> parameters, int requestBytes) {
        String action = parameters.get("Action");
        Map<String, String> remaining = new LinkedHashMap<>(parameters);
        remaining.remove("Action");
        remaining.remove("Version");
        remaining.keySet().removeIf(key -> key.startsWith("X-Amz-") || key.startsWith("x-amz-"));
        return run(service, caller, action, ResourceIds.inParameters(parameters), new WireRequest(remaining, new byte[0]), requestBytes, () -> {
            if (action == null || action.isEmpty()) {
                throw AwsException.of(ErrorCode.MISSING_ACTION, "The request must contain the parameter Action");
            }
            return service.model().operation(action)
                    .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ACTION, "The action %s is not valid for this web service.", action));
        });
    }

    /**
     * Answers an awsJson call: the operation is named by {@code X-Amz-Target} ({@code Logs_20140328.CreateLogGroup}),
     * the input is the JSON body.
     */
    public ApiResponse dispatchJson(ServiceEndpoint service, Scope scope, String target, byte[] body) {
        return dispatchJson(service, Caller.root(scope), target, body, body.length);
    }

    /**
     * As {@link #dispatchJson(ServiceEndpoint, Scope, String, byte[])}, made by the caller, of {@code requestBytes} as sent
     * (the body may have come compressed).
     */
    public ApiResponse dispatchJson(ServiceEndpoint service, Caller caller, String target, byte[] body, int requestBytes) {
        String prefix = service.model().targetPrefix() + ".";
        String action = target != null && target.startsWith(prefix) ? target.substring(prefix.length()) : null;
        return run(service, caller, action == null ? target : action, List.of(), WireRequest.json(body), requestBytes, () -> {
            if (action == null) {
                throw AwsException.of(ErrorCode.UNKNOWN_OPERATION_EXCEPTION, "The X-Amz-Target header must name an operation as %s<Operation>",
                        prefix);
            }
            return service.model().operation(action).orElseThrow(() -> AwsException.of(ErrorCode.UNKNOWN_OPERATION_EXCEPTION,
                    "The operation %s is not an operation of %s.", action, service.model().serviceId()));
        });
    }

    /**
     * Answers a Smithy RPC v2 CBOR call: the operation is named by the path ({@code /service/GraniteServiceVersion20100801/operation/
     * PutMetricData}), the input is the CBOR body.
     */
    public ApiResponse dispatchCbor(ServiceEndpoint service, Scope scope, String path, byte[] body) {
        return dispatchCbor(service, Caller.root(scope), path, body, body.length);
    }

    /**
     * As {@link #dispatchCbor(ServiceEndpoint, Scope, String, byte[])}, made by the caller, of {@code requestBytes} as sent
     * (the body may have come compressed).
     */
    public ApiResponse dispatchCbor(ServiceEndpoint service, Caller caller, String path, byte[] body, int requestBytes) {
        String prefix = "/service/" + service.model().targetPrefix() + "/operation/";
        String action = path != null && path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0 ? path.substring(prefix.length()) : null;
        return run(service, caller, action == null ? path : action, List.of(), WireRequest.json(body), requestBytes, () -> {
            if (action == null) {
                throw AwsException.of(ErrorCode.UNKNOWN_OPERATION_EXCEPTION, "The request path must name an operation as %s<Operation>", prefix);
            }
            return service.model().operation(action).orElseThrow(() -> AwsException.of(ErrorCode.UNKNOWN_OPERATION_EXCEPTION,
                    "The operation %s is not an operation of %s.", action, service.model().serviceId()));
        });
    }

    /**
     * Answers a REST-JSON call: the operation is the one whose HTTP binding matches the method and path, the input its
     * path labels, query string and JSON body.
     */
    public ApiResponse dispatchRest(ServiceEndpoint service, Scope scope, String method, String rawPath, String rawQuery, byte[] body) {
        return dispatchRest(service, Caller.root(scope), method, rawPath, rawQuery, body);
    }

    /** As {@link #dispatchRest(ServiceEndpoint, Scope, String, String, String, byte[])}, made by the caller. */
    public ApiResponse dispatchRest(ServiceEndpoint service, Caller caller, String method, String rawPath, String rawQuery, byte[] body) {
        Optional<RestJsonRoutes.Match> match = service.routes().match(method, rawPath);
        String action = match.map(found -> found.operation().name()).orElse(null);
        WireRequest request = WireRequest.rest(match.map(RestJsonRoutes.Match::labels).orElse(Map.of()), RestJsonRoutes.query(rawQuery), body);
        return run(service, caller, action == null ? method + " " + rawPath : action, List.of(), request, body.length,
                () -> match.map(RestJsonRoutes.Match::operation).orElseThrow(() -> AwsException.of(ErrorCode.UNKNOWN_OPERATION_EXCEPTION,
                        "No operation of %s is bound to %s %s.", service.model().serviceId(), method, rawPath)));
    }

    private ApiResponse run(ServiceEndpoint service, Caller caller, String action, List<String> named, WireRequest request, int requestBytes,
            Supplier<OperationModel> operationOf) {
        String requestId = UUID.randomUUID().toString();
        Scope scope = caller.scope();
        Call call = null;
        try {
            OperationModel operation = operationOf.get();
            OptionalInt limit = operations.maxRequestBytes(service.name(), action);
            if (limit.isPresent() && requestBytes > limit.getAsInt()) {
                throw AwsException.of(ErrorCode.REQUEST_ENTITY_TOO_LARGE, "Request size %d exceeded %d bytes", requestBytes, limit.getAsInt());
            }
            Optional<AwsException> refused = gate.refusal(service.name(), caller, operation.name());
            if (refused.isPresent()) {
                return refusal(service, refused.get(), requestId, action, named);
            }
            Map<String, Object> input = service.parser().parse(operation, request);
            OperationHandler handler = operations.find(service.name(), action).orElseThrow(() -> AwsException.of(
                    ErrorCode.UNSUPPORTED_OPERATION, "The operation %s is not supported by Backlane yet.", action));
            call = new Call(cloud, service.name(), action, caller, new Input(input), requestId,
                    output -> service.writer().write(operation, output, requestId));
            Map<String, Object> output = handler.handle(call);
            Optional<Call.Answer> committed = call.committedAnswer();
            if (committed.isPresent()) {
                return success(service, committed.get().body(), requestId, action,
                        ResourceIds.union(named, ResourceIds.inOutput(committed.get().output())));
            }
            return success(service, service.writer().write(operation, output == null ? Map.of() : output, requestId), requestId, action, named);
        } catch (RuntimeException | StackOverflowError failure) {
            Optional<Call.Answer> committed = call == null ? Optional.empty() : call.committedAnswer();
            if (committed.isPresent()) {
                LOG.log(Level.SEVERE, "request " + requestId + " failed after its write was committed; answering with the write's answer", failure);
                return success(service, committed.get().body(), requestId, action, named);
            }
            if (failure instanceof AwsException error) {
                return refusal(service, error, requestId, action, named);
            }
            LOG.log(Level.SEVERE, "request " + requestId + " failed", failure);
            return refusal(service, new AwsException(ErrorCode.INTERNAL_ERROR, "An internal error has occurred"), requestId, action, named);
        }
    }

    /** The size of the parameters as a form: what a Query request of them sends. */
    private static int formLength(Map<String, String> parameters) {
        int length = Math.max(0, parameters.size() - 1);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            length += URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8).length() + 1
                    + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).length();
        }
        return length;
    }

    /** The error in the service's protocol, with the headers its clients read it from. */
    public static ApiResponse refusal(ServiceEndpoint service, AwsException error, String requestId, String action, List<String> named) {
        return new ApiResponse(service.writer().errorStatus(error), service.writer().contentType(), service.writer().headers(Optional.of(error)),
                service.writer().writeError(error, requestId), requestId, action, error.code().code(), named);
    }

    private static ApiResponse success(ServiceEndpoint service, byte[] body, String requestId, String action, List<String> resourceIds) {
        return new ApiResponse(200, service.writer().contentType(), service.writer().headers(Optional.empty()), body, requestId, action, null,
                resourceIds);
    }
}
