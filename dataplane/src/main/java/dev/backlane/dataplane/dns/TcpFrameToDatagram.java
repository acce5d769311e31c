package dev.backlane.dataplane.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Hands a TCP message (already cut at its two-byte length, RFC 1035 4.2.2) to the same decoder and handler as
 * a UDP packet, addressed from the connection's ends, so both transports parse and answer with one code.
 */
final class TcpFrameToDatagram extends MessageToMessageDecoder<ByteBuf> {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(new DatagramPacket(frame.retain(), (InetSocketAddress) ctx.channel().localAddress(), (InetSocketAddress) ctx.channel().remoteAddress()));
    }
}
