package dev.backlane.dataplane.toxic;

import dev.backlane.core.fault.ToxicStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Toxiproxy's {@code timeout}: no byte gets through its way, and the connection is closed {@code timeout} ms after the
 * toxic began acting on it; with a timeout of 0 it is never closed, and the bytes are dropped for as long as the toxic
 * lasts (a hung peer).
 */
final class TimeoutToxic extends ToxicHandler {
    private final long timeoutMillis;

    TimeoutToxic(ToxicStream stream, long timeoutMillis) {
        super(stream);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (timeoutMillis > 0) {
            after(ctx, timeoutMillis, () -> ctx.channel().close());
        }
    }

    @Override
    void data(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
        drop(data, promise);
        if (promise == null) {
            // The gateway read nothing, so it asks for nothing more: keep reading, as the peer's socket keeps accepting.
            ctx.read();
        }
    }
}
