package dev.backlane.dataplane.toxic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.fault.StreamBreak;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * F6, asymmetric routing, on a connection established before the fault began: its packets now come back by another
 * path, whose stateful device has never seen the connection. From the next byte either way, {@code reset} resets it
 * (the workload sees "connection reset by peer"); {@code stall} drops every byte both ways, so both ends wait until a
 * timeout of their own. A connection left idle is untouched until it is used, as on AWS.
 */
public final class StreamBreakHandler extends ChannelDuplexHandler {
    private final StreamBreak mode;

    public StreamBreakHandler(StreamBreak mode) {
        this.mode = requireNonNull(mode, "mode is null");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            broken(ctx, data, null);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf data && data.isReadable()) {
            broken(ctx, data, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void broken(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
        ToxicHandler.drop(data, promise);
        switch (mode) {
            case RESET -> ToxicHandler.reset(ctx.channel());
            case STALL -> {
                if (promise == null) {
                    ctx.read();
                }
            }
        }
    }
}
