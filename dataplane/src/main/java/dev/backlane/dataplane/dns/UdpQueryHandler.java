package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * A VPC listener's UDP side: each datagram is a query; answers are written as they are made and flushed once
 * per batch of datagrams read, so a busy listener makes one system call per batch rather than per answer.
 * It keeps no state, so the sockets that share a port share it.
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final VpcDnsResponder responder;

    UdpQueryHandler(VpcDnsResponder responder) {
        this.responder = requireNonNull(responder, "responder is null");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        Channel channel = ctx.channel();
        ByteBuf response = responder.respond(ctx.alloc(), packet.content(), packet.sender(), true,
                later -> channel.writeAndFlush(new DatagramPacket(later, packet.sender(), packet.recipient())));
        if (response != null) {
            ctx.write(new DatagramPacket(response, packet.sender(), packet.recipient()));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A datagram that cannot be answered (an unreachable client, a full socket buffer) is lost, as UDP is; the listener lives on.
    }
}
