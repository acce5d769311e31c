package dev.backlane.dataplane.gateway;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.dataplane.gateway.TunnelDecision.Refusal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a tunnel's client is told, in its own protocol: an HTTP CONNECT's status line, or a SOCKS5 reply. The
 * bytes are written raw, after the handshake's decoders are gone.
 */
sealed interface TunnelReplies {
    /** The tunnel is open: what follows are the target's bytes. */
    ByteBuf established();

    /** The tunnel was refused before any packet left, or the target refused it. */
    ByteBuf refused(Refusal refusal, String message);

    /** The path is BLOCKED and the gateway's mode is {@code error}: answered at once, with the explanation where the protocol can carry it. */
    ByteBuf blocked(PathResult path, String host);

    /** The gateway itself failed to judge the request. */
    ByteBuf failed(String message);

    /** HTTP CONNECT (HTTPS_PROXY): 200 opens the tunnel; refusals are 502 (501 where the gateway carries no such tunnel), a blocked path 504 as for calls. */
    record Http() implements TunnelReplies {
        @Override
        public ByteBuf established() {
            return Unpooled.copiedBuffer("HTTP/1.1 200 Connection established\r\n\r\n", StandardCharsets.US_ASCII);
        }

        @Override
        public ByteBuf refused(Refusal refusal, String message) {
            HttpResponseStatus status = switch (refusal) {
                case HOST_UNREACHABLE, CONNECTION_REFUSED -> HttpResponseStatus.BAD_GATEWAY;
                case NOT_SUPPORTED -> HttpResponseStatus.NOT_IMPLEMENTED;
            };
            return wire(GatewayResponses.text(status, message));
        }

        @Override
        public ByteBuf blocked(PathResult path, String host) {
            return wire(GatewayResponses.blocked(path, host));
        }

        @Override
        public ByteBuf failed(String message) {
            return wire(GatewayResponses.text(HttpResponseStatus.BAD_GATEWAY, message));
        }

        /** The response as bytes on the wire, saying the connection closes after it. */
        private static ByteBuf wire(FullHttpResponse response) {
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status().code()).append(' ').append(response.status().reasonPhrase()).append("\r\n");
            for (Map.Entry<String, String> header : response.headers()) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            head.append("connection: close\r\n\r\n");
            return Unpooled.wrappedBuffer(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1), response.content());
        }
    }

    /**
     * SOCKS5: reply 0x00 opens the tunnel; a name that does not resolve is 0x04 (host unreachable), a target that
     * refuses 0x05 (connection refused), a blocked path in {@code error} mode or a destination the gateway carries
     * no tunnel to 0x02 (not allowed by ruleset), the gateway's own failure 0x01. The reply carries no text: the
     * explanation is in the events.
     */
    record Socks5() implements TunnelReplies {
        @Override
        public ByteBuf established() {
            return Unpooled.wrappedBuffer(Socks5Messages.reply(Socks5Messages.REPLY_SUCCEEDED));
        }

        @Override
        public ByteBuf refused(Refusal refusal, String message) {
            int code = switch (refusal) {
                case HOST_UNREACHABLE -> Socks5Messages.REPLY_HOST_UNREACHABLE;
                case CONNECTION_REFUSED -> Socks5Messages.REPLY_CONNECTION_REFUSED;
                case NOT_SUPPORTED -> Socks5Messages.REPLY_NOT_ALLOWED;
            };
            return Unpooled.wrappedBuffer(Socks5Messages.reply(code));
        }

        @Override
        public ByteBuf blocked(PathResult path, String host) {
            return Unpooled.wrappedBuffer(Socks5Messages.reply(Socks5Messages.REPLY_NOT_ALLOWED));
        }

        @Override
        public ByteBuf failed(String message) {
            return Unpooled.wrappedBuffer(Socks5Messages.reply(Socks5Messages.REPLY_GENERAL_FAILURE));
        }
    }
}
