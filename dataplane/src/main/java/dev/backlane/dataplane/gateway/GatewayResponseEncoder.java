package dev.backlane.dataplane.gateway;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Encodes the answers to a client connection, knowing, as Netty's {@code HttpServerCodec} does, that an answer to
 * HEAD carries no body whatever its headers say. Kept apart from the request decoder so that decoder can be reset
 * after a body was spliced past it ({@link BodySplice}).
 */
final class GatewayResponseEncoder extends HttpResponseEncoder {
    private boolean answersHead;

    /** The request the next answers are for (null between requests). */
    void answering(HttpMethod method) {
        answersHead = HttpMethod.HEAD.equals(method);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse response) {
        return answersHead || super.isContentAlwaysEmpty(response);
    }
}
