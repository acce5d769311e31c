package dev.backlane.dataplane.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes a connection carries each way on the wire, before any decoding, for the events; bodies spliced
 * past the pipeline are added by the gateway. Sits first in the pipeline and runs on the connection's event loop only, so plain fields suffice.
 */
final class TrafficCounter extends ChannelDuplexHandler {
    private long bytesIn;
    private long bytesOut;

    long bytesIn() {
        return bytesIn;
    }

    long bytesOut() {
        return bytesOut;
    }

    /** Bytes spliced in from the client past the pipeline ({@link BodySplice}). */
    void splicedIn(long bytes) {
        bytesIn += bytes;
    }

    /** Bytes spliced out to the client past the pipeline ({@link BodySplice}). */
    void splicedOut(long bytes) {
        bytesOut += bytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buffer) {
            bytesIn += buffer.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buffer) {
            bytesOut += buffer.readableBytes();
        }
        ctx.write(msg, promise);
    }
}
