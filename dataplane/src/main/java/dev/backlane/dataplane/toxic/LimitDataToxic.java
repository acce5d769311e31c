package dev.backlane.dataplane.toxic;

import dev.backlane.core.fault.ToxicStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Toxiproxy's {@code limit_data}: the connection is closed once {@code bytes} bytes have gone its way since the toxic
 * began acting on it; the byte that would pass the limit and all after it are not sent.
 */
final class LimitDataToxic extends ToxicHandler {
    private long left;

    LimitDataToxic(ToxicStream stream, long bytes) {
        super(stream);
        this.left = bytes;
    }

    @Override
    void data(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
        if (left <= 0) {
            drop(data, promise);
            return;
        }
        if (data.readableBytes() < left) {
            left -= data.readableBytes();
            pass(ctx, data, promise);
            return;
        }
        ByteBuf allowed = data.readRetainedSlice((int) left);
        data.release();
        left = 0;
        if (promise == null) {
            pass(ctx, allowed, null);
            ctx.channel().close();
        } else {
            ctx.writeAndFlush(allowed, promise).addListener(written -> ctx.channel().close());
        }
    }
}
