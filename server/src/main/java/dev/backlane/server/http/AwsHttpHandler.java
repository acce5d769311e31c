package dev.backlane.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.CallError;
import dev.backlane.server.api.ApiDispatcher;
import dev.backlane.server.api.ApiResponse;
import dev.backlane.server.api.Caller;
import dev.backlane.server.api.sts.StsSessions;
import dev.backlane.server.traffic.WorkloadDecider;
import dev.backlane.server.protocol.ErrorAnswer;
import dev.backlane.server.protocol.Protocol;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.protocol.ServiceProtocols;
import dev.backlane.server.requestlog.RequestLog;
import dev.backlane.server.requestlog.RequestRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * The AWS API over HTTP: one port for every service, the service, region and account taken from the
 * request's SigV4 credential scope; for the Query services the parameters from the form body and the query
 * string, for the awsJson services (CloudWatch Logs) the operation from {@code X-Amz-Target} and the input
 * from the JSON body. A request
 * signed for a service Backlane does not serve is refused in that service's own protocol. Every request
 * is answered (a failure of Backlane's own is a 500 InternalError, never a dropped connection, which
 * SDKs retry) and gets one line in the request log.
 */
public final class AwsHttpHandler implements HttpHandler {
    /** AWS refuses Query requests much larger than this; so does Backlane, before reading them whole. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(AwsHttpHandler.class.getName());

    private final ApiDispatcher dispatcher;
    private final String defaultRegion;
    private final String defaultAccount;
    private final UnservedService unserved = new UnservedService(ServiceProtocols.standard());
    private final RequestLog requestLog;
    private final StsSessions sessions;

    public AwsHttpHandler(ApiDispatcher dispatcher, String defaultRegion, String defaultAccount, RequestLog requestLog) {
        this(dispatcher, defaultRegion, defaultAccount, requestLog, new StsSessions(java.time.InstantSource.system()));
    }

    /** A handler that makes calls signed with the temporary credentials of {@code sessions} as those roles' sessions. */
    public AwsHttpHandler(ApiDispatcher dispatcher, String defaultRegion, String defaultAccount, RequestLog requestLog, StsSessions sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
        this.defaultAccount = requireNonNull(defaultAccount, "defaultAccount is null");
        this.requestLog = requireNonNull(requestLog, "requestLog is null");
    }

    /** What is sent back, and what the request log keeps of the call. */
    private record Answered(int status, String contentType, Map<String, String> headers, byte[] body, Scope scope, String service,
            String requestId, String action, String errorCode, List<String> resourceIds) {
        static Answered of(ApiResponse response, Scope scope, String service) {
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            headers.put("x-amzn-RequestId", response.requestId());
            return new Answered(response.status(), response.contentType(), headers, response.bytes(), scope,
                    service, response.requestId(), response.action(), response.errorCode(), response.resourceIds());
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        long started = System.nanoTime();
        Answered answered = null;
        boolean sent = false;
        try (exchange) {
            Optional<CredentialScope> unservedService = unservedService(exchange);
            answered = unservedService.isPresent() ? refuseUnserved(exchange, unservedService.get()) : answer(exchange);
            answered.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", answered.contentType());
            exchange.getResponseHeaders().set("Server", "Backlane");
            exchange.sendResponseHeaders(answered.status(), answered.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answered.body());
            }
            sent = true;
        } finally {
            requestLog.record(record(exchange, arrived, System.nanoTime() - started, answered, sent));
        }
    }

    /** The credential scope of a request signed for a service Backlane does not serve. */
    private Optional<CredentialScope> unservedService(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        try {
            FormParameters.decodeInto(rawQueryUtf8(exchange), query);
        } catch (AwsException malformed) {
            // The dispatcher reports a malformed query string in the service's answer.
        }
        return CredentialScope.from(exchange.getRequestHeaders().getFirst("Authorization"), query)
                .filter(credentials -> dispatcher.service(credentials.service()).isEmpty());
    }

    private Answered refuseUnserved(HttpExchange exchange, CredentialScope credentials) throws IOException {
        exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
        String requestId = UUID.randomUUID().toString();
        ErrorAnswer answer = unserved.answer(credentials.service(), exchange.getRequestHeaders(), dispatcher.services(), requestId);
        return new Answered(answer.status(), answer.contentType(), answer.headers(), answer.body(),
                new Scope(credentials.account(defaultAccount), credentials.region()), credentials.service(), requestId,
                exchange.getRequestHeaders().getFirst("X-Amz-Target"), ErrorCode.UNSUPPORTED_SERVICE.code(), List.of());
    }

    private Answered answer(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        ServiceEndpoint service = dispatcher.defaultService();
        Scope scope = new Scope(defaultAccount, defaultRegion);
        try {
            Optional<CredentialScope> restSigned = CredentialScope.from(exchange.getRequestHeaders().getFirst("Authorization"), Map.of());
            Optional<ServiceEndpoint> rest = restSigned.flatMap(credentials -> dispatcher.service(credentials.service())).filter(ServiceEndpoint::speaksRest);
            if (rest.isPresent()) {
                // REST: the query string binds members (a list repeats its name), so it is not read as Query parameters.
                service = rest.get();
                Caller caller = caller(restSigned.get(), exchange);
                scope = caller.scope();
                return Answered.of(dispatcher.dispatchRest(service, caller, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), readBody(exchange).bytes()), scope, service.name());
            }
            FormParameters.decodeInto(rawQueryUtf8(exchange), parameters);
            Body read = readBody(exchange);
            byte[] body = read.bytes();
            Optional<CredentialScope> signed = CredentialScope.from(exchange.getRequestHeaders().getFirst("Authorization"), parameters);
            Optional<ServiceEndpoint> signedService = signed.flatMap(credentials -> dispatcher.service(credentials.service()));
            Optional<ServiceEndpoint> cbor = signedService.filter(ignored -> speaksCbor(exchange)).flatMap(s -> s.speaking(Protocol.RPC_V2_CBOR));
            if (cbor.isPresent()) {
                // Smithy RPC v2 CBOR: the path names the operation, the body is its input.
                service = cbor.get();
                Caller caller = caller(signed.get(), exchange);
                scope = caller.scope();
                return Answered.of(dispatcher.dispatchCbor(service, caller, exchange.getRequestURI().getPath(), body, read.sent()), scope,
                        service.name());
            }
            Optional<ServiceEndpoint> json = signedService
                    .filter(s -> s.speaksJson() || exchange.getRequestHeaders().getFirst("X-Amz-Target") != null)
                    .flatMap(s -> s.speaking(Protocol.JSON));
            if (json.isPresent()) {
                // awsJson: the body is the operation's input, not a form.
                service = json.get();
                Caller caller = caller(signed.get(), exchange);
                scope = caller.scope();
                return Answered.of(dispatcher.dispatchJson(service, caller, exchange.getRequestHeaders().getFirst("X-Amz-Target"), body, read.sent()), scope,
                        service.name());
            }
            Map<String, String> form = FormParameters.decode(body);
            for (Map.Entry<String, String> entry : form.entrySet()) {
                if (parameters.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The parameter %s is given more than once", entry.getKey());
                }
            }
            Optional<CredentialScope> credentials = CredentialScope.from(exchange.getRequestHeaders().getFirst("Authorization"), parameters);
            String serviceName = credentials.map(CredentialScope::service).orElse("ec2");
            // A form is a Query call, also to a service whose model prefers another protocol (CloudWatch).
            service = dispatcher.service(serviceName).map(s -> s.speaking(Protocol.QUERY).orElse(s)).orElse(service);
            Caller caller = credentials.isPresent() ? caller(credentials.get(), exchange) : Caller.root(new Scope(defaultAccount, defaultRegion));
            scope = caller.scope();
            return Answered.of(dispatcher.dispatch(service, caller, parameters, read.sent() + rawQueryUtf8(exchange).length()), scope,
                    service.name());
        } catch (AwsException error) {
            return Answered.of(refusal(service, error, parameters), scope, service.name());
        } catch (IOException unreadable) {
            AwsException error = AwsException.of(ErrorCode.INVALID_REQUEST, "The request body could not be read: %s", unreadable.getMessage());
            return Answered.of(refusal(service, error, parameters), scope, service.name());
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "request failed before it was dispatched", unexpected);
            return Answered.of(refusal(service, new AwsException(ErrorCode.INTERNAL_ERROR, "An internal error has occurred"), parameters),
                    scope, service.name());
        }
    }

    /**
     * Who signed the request: the session of an assumed role whose temporary credentials signed it (in the role's
     * account), else the root of the account the access key selects; a call a workload's gateway forwarded says so. A
     * session's credentials past their expiry are refused in the service's words ({@link CallError#EXPIRED_TOKEN}).
     */
    private Caller caller(CredentialScope credentials, HttpExchange exchange) {
        Optional<StsSessions.Session> session = sessions.find(credentials.accessKeyId());
        if (session.isPresent() && sessions.expired(session.get())) {
            throw CallError.EXPIRED_TOKEN.of(credentials.service());
        }
        Scope scope = new Scope(session.map(StsSessions.Session::account).orElseGet(() -> credentials.account(defaultAccount)), credentials.region());
        Caller caller = session.map(found -> new Caller(scope, found.arn(), Optional.of(found.roleArn()), false)).orElseGet(() -> Caller.root(scope));
        return WorkloadDecider.GATEWAY_MARK.equals(exchange.getRequestHeaders().getFirst(WorkloadDecider.GATEWAY_HEADER)) ? caller.forwardedByGateway() : caller;
    }

    private static ApiResponse refusal(ServiceEndpoint service, AwsException error, Map<String, String> parameters) {
        return ApiDispatcher.refusal(service, error, UUID.randomUUID().toString(), parameters.get("Action"), List.of());
    }

    private static boolean speaksCbor(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        return "rpc-v2-cbor".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("smithy-protocol"))
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cbor"));
    }

    private static RequestRecord record(HttpExchange exchange, Instant arrived, long latencyNanos, Answered answered, boolean sent) {
        var headers = exchange.getRequestHeaders();
        InetSocketAddress remote = exchange.getRemoteAddress();
        String client = remote == null ? null : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        if (answered == null) {
            // Only an Error (out of memory, say) or an unreadable unserved request gets here; the line still says a call went unanswered.
            return new RequestRecord(arrived, "-", null, null, null, null, List.of(), 0, null, latencyNanos,
                    headers.getFirst("amz-sdk-invocation-id"), headers.getFirst("amz-sdk-request"), client, false);
        }
        return new RequestRecord(arrived, answered.requestId(), answered.scope().account(), answered.scope().region(), answered.service(),
                answered.action(), answered.resourceIds(), answered.status(), answered.errorCode(), latencyNanos,
                headers.getFirst("amz-sdk-invocation-id"), headers.getFirst("amz-sdk-request"), client, sent);
    }

    private static String rawQueryUtf8(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? "" : query;
    }

    /** A request's body as the operation reads it, and how many bytes were sent (compressed, when the client compressed it). */
    private record Body(byte[] bytes, int sent) {}

    /** The body, inflated when the client compressed it ({@code Content-Encoding: gzip}, as SDKs do for large PutMetricData calls). */
    private static Body readBody(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        int sent = body.length;
        if (body.length <= MAX_BODY_BYTES && "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream inflated = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = inflated.readNBytes(MAX_BODY_BYTES + 1);
            }
        }
        if (body.length > MAX_BODY_BYTES) {
            throw AwsException.of(ErrorCode.INVALID_REQUEST, "The request body exceeds the maximum size of %d bytes.", MAX_BODY_BYTES);
        }
        return new Body(body, sent);
    }
}
