package dev.backlane.dataplane.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.util.List;

/**
 * Decodes a query as Netty does, and answers a packet it cannot parse as a real server does: FORMERR with the
 * packet's ID when it has a whole header, nothing when it has not (there is no one to answer) or when it is a
 * response (answering responses lets two servers loop). Every packet is read within its own bounds, so a
 * hostile one costs no more than its size.
 */
final class LenientQueryDecoder extends DatagramDnsQueryDecoder {
    static final int HEADER_BYTES = 12;
    private static final int RESPONSE_FLAG = 0x80;

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) throws Exception {
        ByteBuf buf = packet.content();
        if (buf.readableBytes() < HEADER_BYTES || (buf.getByte(buf.readerIndex() + 2) & RESPONSE_FLAG) != 0) {
            return;
        }
        int id = buf.getUnsignedShort(buf.readerIndex());
        int flags = buf.getUnsignedByte(buf.readerIndex() + 2);
        try {
            super.decode(ctx, packet, out);
        } catch (Exception malformed) {
            DatagramDnsResponse response = new DatagramDnsResponse(packet.recipient(), packet.sender(), id, DnsOpCode.valueOf((flags >> 3) & 0x0F),
                    DnsResponseCode.FORMERR);
            response.setRecursionDesired((flags & 0x01) != 0);
            response.setRecursionAvailable(true);
            ctx.writeAndFlush(response);
        }
    }
}
