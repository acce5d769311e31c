package dev.backlane.dataplane.gateway;

import dev.backlane.core.traffic.AwsErrorCodes;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import java.util.Optional;

/**
 * Reads the AWS error code of one answer as it passes, by {@link AwsErrorCodes}: from the head's headers, else from the
 * first {@link AwsErrorCodes#BODY_PREFIX} bytes of the body, copied as they go by. Only error answers (4xx, 5xx) are
 * read, so a success costs one comparison. One per exchange; {@link #reset} between exchanges.
 */
final class ErrorCodeReader {
    private boolean reading;
    private Optional<String> code = Optional.empty();
    private byte[] prefix;
    private int length;

    void reset() {
        reading = false;
        code = Optional.empty();
        prefix = null;
        length = 0;
    }

    /** An answer's head: an error's headers may name its code; else its body is read. */
    void head(HttpResponse response) {
        reset();
        if (response.status().code() < 400) {
            return;
        }
        code = AwsErrorCodes.fromHeaders(response.headers()::get);
        reading = code.isEmpty();
    }

    /** Some of the answer's body, not consumed. */
    void body(ByteBuf content) {
        if (!reading) {
            return;
        }
        if (prefix == null) {
            prefix = new byte[AwsErrorCodes.BODY_PREFIX];
        }
        int take = Math.min(content.readableBytes(), prefix.length - length);
        content.getBytes(content.readerIndex(), prefix, length, take);
        length += take;
        if (length == prefix.length) {
            reading = false;
            code = AwsErrorCodes.fromBody(prefix, length);
        }
    }

    /** A whole answer the gateway gives itself. */
    void full(FullHttpResponse response) {
        head(response);
        body(response.content());
    }

    /** The code, once the body (or as much of it as is read) has passed. */
    Optional<String> code() {
        if (reading && prefix != null) {
            reading = false;
            code = AwsErrorCodes.fromBody(prefix, length);
        }
        return code;
    }
}
