package dev.backlane.dataplane.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.error.AwsException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answers the gateway writes itself: a decider's response, the 504 of a BLOCKED call in {@code error} mode,
 * and the gateway's own errors (bad input, an upstream that is down). The gateway's own errors are plain text
 * naming what went wrong, since no AWS service sent them.
 */
final class GatewayResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String EXPLANATION_HEADER = "x-backlane-explanation";

    private GatewayResponses() {
    }

    static FullHttpResponse of(int status, Map<String, String> headers, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        headers.forEach((name, value) -> response.headers().set(name, value));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    static FullHttpResponse text(HttpResponseStatus status, String message) {
        return of(status.code(), Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), "text/plain; charset=utf-8"),
                ("Backlane gateway: " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A request the decider rejected: its AWS error code and status, in the generic AWS XML error shape. */
    static FullHttpResponse awsError(AwsException error) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(error.code().code()) + "</Code><Message>"
                + xml(error.getMessage()) + "</Message></Error>\n";
        return of(error.code().httpStatus(), Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), "application/xml"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The code that blocked the path: the last blocking explanation (they come last), else the last of any. */
    static Optional<String> blockingCode(PathResult path) {
        List<Explanation> explanations = path.explanations();
        for (int i = explanations.size() - 1; i >= 0; i--) {
            if (explanations.get(i).code().blocking()) {
                return Optional.of(explanations.get(i).code().name());
            }
        }
        return explanations.isEmpty() ? Optional.empty() : Optional.of(explanations.get(explanations.size() - 1).code().name());
    }

    /** The 504 of a BLOCKED call in {@code error} mode: the explanation code in a header, every explanation in the JSON body. */
    static FullHttpResponse blocked(PathResult path, String hostname) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", "Backlane: the path to " + hostname + " is blocked; on AWS this call would time out.");
        body.put("verdict", path.verdict().name());
        ArrayNode explanations = body.putArray("explanations");
        for (Explanation explanation : path.explanations()) {
            explanations.addObject().put("code", explanation.code().name()).put("component", explanation.component()).put("detail", explanation.detail());
        }
        return of(HttpResponseStatus.GATEWAY_TIMEOUT.code(), Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), "application/json",
                EXPLANATION_HEADER, blockingCode(path).orElse("BLOCKED")), (body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The status for a request the decoder could not read: too long a line or head, else malformed. */
    static HttpResponseStatus statusForUnreadable(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongFrameException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }

    static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
