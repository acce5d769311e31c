package dev.backlane.dataplane.toxic;

import dev.backlane.core.fault.ToxicStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Toxiproxy's {@code reset_peer}: the connection is reset (TCP RST: the workload sees "connection reset by peer") when
 * the toxic begins acting on it, or {@code timeout} ms later; until then the bytes pass.
 */
final class ResetPeerToxic extends ToxicHandler {
    private final long timeoutMillis;

    ResetPeerToxic(ToxicStream stream, long timeoutMillis) {
        super(stream);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        after(ctx, timeoutMillis, () -> reset(ctx.channel()));
    }

    @Override
    void data(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
        pass(ctx, data, promise);
    }
}
