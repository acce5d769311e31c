package dev.backlane.dataplane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRcode;
import dev.backlane.core.analysis.DnsRecord;
import dev.backlane.core.model.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing queries and sizing answers, in memory. */
class DnsResponseWriterTest {
    private static final String NAME = "vpce-0123456789abcdef0-abcd1234.sts.us-east-1.vpce.amazonaws.com";
    /** More records than 512 bytes hold (16 bytes each with the name compressed), fewer than 1232. */
    private static final PreparedAnswer FORTY = PreparedAnswer.of(new Scope("111122223333", "us-east-1"), new DnsAnswer(DnsRcode.NOERROR,
            records(40), "test"));

    @Test
    void anAnswerOverFiveHundredTwelveBytesIsTruncatedWithoutEdns() {
        DnsReply reply = answer(DnsReply.query(1, NAME, 1), true);
        assertTrue(reply.truncated());
        assertEquals(0, reply.answerCount());
        assertEquals(NAME, reply.question());
    }

    @Test
    void ednsRaisesTheLimitToTheSmallerPayloadSize() {
        DnsReply big = answer(DnsReply.query(2, NAME, 1, 4096, 0), true);
        assertFalse(big.truncated());
        assertEquals(40, big.addresses().size());
        assertEquals(DnsResponseWriter.UDP_PAYLOAD_SIZE, big.optPayload());
        DnsReply small = answer(DnsReply.query(3, NAME, 1, 100, 0), true);
        assertTrue(small.truncated(), "a payload size under 512 counts as 512 (RFC 6891 section 6.2.5)");
    }

    @Test
    void tcpAnswersAreNeverTruncated() {
        DnsReply reply = answer(DnsReply.query(4, NAME, 1), false);
        assertFalse(reply.truncated());
        assertEquals(40, reply.addresses().size());
        assertEquals(List.of(60), reply.ttls().stream().distinct().toList());
    }

    @Test
    void hostilePacketsAreFormerrOrIgnored() {
        byte[] query = DnsReply.query(5, NAME, 1);
        byte[] hugeCounts = query.clone();
        hugeCounts[6] = (byte) 0xFF;
        hugeCounts[7] = (byte) 0xFF;
        assertEquals(DnsRcode.FORMERR, refusal(hugeCounts).rcode());
        byte[] longLabel = query.clone();
        longLabel[12] = 0x40;
        assertEquals(DnsRcode.FORMERR, refusal(longLabel).rcode());
        byte[] pointer = query.clone();
        pointer[12] = (byte) 0xC0;
        pointer[13] = 12;
        assertEquals(DnsRcode.FORMERR, refusal(pointer).rcode());
        byte[] response = query.clone();
        response[2] |= (byte) 0x80;
        assertInstanceOf(DnsQuery.Ignored.class, DnsQuery.read(Unpooled.wrappedBuffer(response)));
        assertInstanceOf(DnsQuery.Ignored.class, DnsQuery.read(Unpooled.wrappedBuffer(new byte[11])));
        byte[] twoOpts = DnsReply.query(6, NAME, 1, 1232, 0);
        byte[] doubled = new byte[twoOpts.length + 11];
        System.arraycopy(twoOpts, 0, doubled, 0, twoOpts.length);
        System.arraycopy(twoOpts, twoOpts.length - 11, doubled, twoOpts.length, 11);
        doubled[11] = 2;
        assertEquals(DnsRcode.FORMERR, refusal(doubled).rcode());
    }

    private static DnsQuery.Refusal refusal(byte[] packet) {
        return assertInstanceOf(DnsQuery.Refusal.class, DnsQuery.read(Unpooled.wrappedBuffer(packet)));
    }

    private static DnsReply answer(byte[] packet, boolean udp) {
        ByteBuf buffer = Unpooled.wrappedBuffer(packet);
        DnsQuery query = assertInstanceOf(DnsQuery.Query.class, DnsQuery.read(buffer)).query();
        int limit = udp ? DnsResponseWriter.udpLimit(query) : DnsResponseWriter.UNLIMITED;
        ByteBuf response = DnsResponseWriter.answer(UnpooledByteBufAllocator.DEFAULT, buffer, query, FORTY, limit);
        assertTrue(response.readableBytes() <= limit);
        return DnsReply.parse(ByteBufUtil.getBytes(response));
    }

    private static List<DnsRecord> records(int count) {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(DnsRecord.a(NAME, 60, 0x0A000000L + i));
        }
        return records;
    }
}
