package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * Tells a SOCKS5 client from an HTTP one by the first byte it sends (SOCKS5's version, 0x05, begins no HTTP method),
 * installs that protocol's handlers after itself and steps aside: they then see the connection become active and
 * its first bytes, as if they had been there from the start. A SOCKS4 client (first byte 0x04, which begins no HTTP
 * method either) is refused in its own protocol: reply 91, "request rejected or failed", then close. A client that
 * sends nothing is closed when the gateway's idle timeout passes.
 */
final class ProtocolDetector extends ChannelInboundHandlerAdapter {
    static final int SOCKS5_VERSION = 0x05;
    static final int SOCKS4_VERSION = 0x04;
    /** SOCKS4's reply: version 0, code 91 (rejected or failed), then port and address, unused. */
    private static final byte[] SOCKS4_REJECTED = {0x00, 0x5B, 0, 0, 0, 0, 0, 0};

    private final ConnectionEvents events;
    private final Consumer<ChannelPipeline> http;
    private final Consumer<ChannelPipeline> socks5;

    ProtocolDetector(ConnectionEvents events, Consumer<ChannelPipeline> http, Consumer<ChannelPipeline> socks5) {
        this.events = requireNonNull(events, "events is null");
        this.http = requireNonNull(http, "http is null");
        this.socks5 = requireNonNull(socks5, "socks5 is null");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        events.opened(ctx.channel());
        // Held back from the handlers after this one until they exist.
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || !bytes.isReadable()) {
            ReferenceCountUtil.release(msg);
            ctx.read();
            return;
        }
        int first = bytes.getUnsignedByte(bytes.readerIndex());
        if (first == SOCKS4_VERSION) {
            bytes.release();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(SOCKS4_REJECTED)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean isSocks5 = first == SOCKS5_VERSION;
        (isSocks5 ? socks5 : http).accept(ctx.pipeline());
        ctx.fireChannelActive();
        ctx.fireChannelRead(msg);
        ctx.pipeline().remove(this);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        events.closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
