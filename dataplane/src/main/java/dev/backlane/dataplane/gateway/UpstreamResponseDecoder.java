package dev.backlane.dataplane.gateway;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * Decodes an upstream's answers, knowing, as Netty's {@code HttpClientCodec} does, that the answer to HEAD has no
 * body. Kept apart from the request encoder so it can be reset after a body was spliced past it ({@link BodySplice}).
 */
final class UpstreamResponseDecoder extends HttpResponseDecoder {
    private boolean answersHead;

    UpstreamResponseDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** The request whose answer comes next. */
    void expectAnswerTo(HttpMethod method) {
        answersHead = HttpMethod.HEAD.equals(method);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        boolean informational = ((HttpResponse) message).status().codeClass() == HttpStatusClass.INFORMATIONAL;
        return (answersHead && !informational) || super.isContentAlwaysEmpty(message);
    }
}
