package dev.backlane.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.server.ApiDispatcher;
import dev.backlane.server.ApiResponse;
import dev.backlane.server.protocol.ErrorAnswer;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.protocol.ServiceProtocols;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The AWS API over HTTP: one port for every service, the service, region and account taken from the
 * request's SigV4 credential scope, the parameters from the form body and the query string. A request
 * signed for a service Backlane does not serve is refused in that service's own protocol.
 */
public final class AwsHttpHandler implements HttpHandler {
    /** AWS refuses Query requests much larger than this; so does Backlane, before reading them whole. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final ApiDispatcher dispatcher;
    private final String defaultRegion;
    private final String defaultAccount;
    private final UnservedService unserved = new UnservedService(ServiceProtocols.standard());

    public AwsHttpHandler(ApiDispatcher dispatcher, String defaultRegion, String defaultAccount) {
        this.dispatcher = dispatcher;
        this.defaultRegion = defaultRegion;
        this.defaultAccount = defaultAccount;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> unservedService = unservedService(exchange);
            if (unservedService.isPresent()) {
                exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
                send(exchange, unserved.answer(unservedService.get(), exchange.getRequestHeaders(), dispatcher.services(),
                        UUID.randomUUID().toString()));
                return;
            }
            ApiResponse response = respond(exchange);
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.getResponseHeaders().set("Server", "Backlane");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The service the request is signed for, when Backlane does not serve it. */
    private Optional<String> unservedService(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        try {
            FormParameters.decodeInto(rawQueryUtf8(exchange), query);
        } catch (AwsException malformed) {
            // The dispatcher reports a malformed query string in the service's answer.
        }
        return CredentialScope.from(exchange.getRequestHeaders().getFirst("Authorization"), query)
                .map(CredentialScope::service)
                .filter(service -> dispatcher.service(service).isEmpty());
    }

    private static void send(HttpExchange exchange, ErrorAnswer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.getResponseHeaders().set("Server", "Backlane");
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private ApiResponse respond(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        ServiceEndpoint service = dispatcher.defaultService();
        try {
            FormParameters.decodeInto(rawQueryUtf8(exchange), parameters);
            byte[] body = readBody(exchange.getRequestBody());
            Map<String, String> form = FormParameters.decode(body);
            for (Map.Entry<String, String> entry : form.entrySet()) {
                if (parameters.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The parameter %s is given more than once", entry.getKey());
                }
            }
            Optional<CredentialScope> credentials = CredentialScope.from(exchange.getRequestHeaders().getFirst("Authorization"), parameters);
            String serviceName = credentials.map(CredentialScope::service).orElse("ec2");
            service = dispatcher.service(serviceName).orElse(service);
            Scope scope = new Scope(
                    credentials.map(c -> c.account(defaultAccount)).orElse(defaultAccount),
                    credentials.map(CredentialScope::region).orElse(defaultRegion));
            return dispatcher.dispatch(service, scope, parameters);
        } catch (AwsException error) {
            return new ApiResponse(error.code().httpStatus(), service.writer().writeError(error, UUID.randomUUID().toString()));
        }
    }

    private static String rawQueryUtf8(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? "" : query;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw AwsException.of(ErrorCode.INVALID_REQUEST, "The request body exceeds the maximum size of %d bytes.", MAX_BODY_BYTES);
        }
        return body;
    }
}
