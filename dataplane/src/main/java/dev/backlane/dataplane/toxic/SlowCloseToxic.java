package dev.backlane.dataplane.toxic;

import dev.backlane.core.fault.ToxicStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's {@code slow_close}: the close is held back {@code delay} ms. Downstream, the gateway closing the
 * workload's connection (the server side ended) reaches the workload that much later; upstream, the workload's close
 * reaches the gateway that much later. The bytes themselves pass untouched.
 */
final class SlowCloseToxic extends ToxicHandler {
    private final long delayMillis;

    SlowCloseToxic(ToxicStream stream, long delayMillis) {
        super(stream);
        this.delayMillis = delayMillis;
    }

    @Override
    void data(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
        pass(ctx, data, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (stream() == ToxicStream.DOWNSTREAM) {
            ctx.executor().schedule(() -> ctx.close(promise), delayMillis, TimeUnit.MILLISECONDS);
        } else {
            ctx.close(promise);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stream() == ToxicStream.UPSTREAM) {
            ctx.executor().schedule(() -> {
                ctx.fireChannelInactive();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } else {
            ctx.fireChannelInactive();
        }
    }
}
