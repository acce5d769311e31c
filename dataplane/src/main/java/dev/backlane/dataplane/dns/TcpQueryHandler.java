package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;

/**
 * A VPC listener's TCP side: each message (already cut at its two-byte length, RFC 1035 section 4.2.2) is a
 * query answered whole, never truncated. A client that sends queries but does not read its answers stops
 * being read once its unsent answers pass the channel's high water mark, so it cannot grow memory.
 */
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final VpcDnsResponder responder;

    TcpQueryHandler(VpcDnsResponder responder) {
        this.responder = requireNonNull(responder, "responder is null");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
        Channel channel = ctx.channel();
        ByteBuf response = responder.respond(ctx.alloc(), message, (InetSocketAddress) channel.remoteAddress(), false, channel::writeAndFlush);
        if (response != null) {
            ctx.write(response);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client that idles past the read timeout, resets, or sends a message over the limit loses its connection; the listener lives on.
        ctx.close();
    }
}
