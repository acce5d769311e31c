package dev.backlane.dataplane.toxic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.fault.StreamBreak;
import dev.backlane.core.fault.Toxic;
import dev.backlane.core.fault.ToxicStream;
import dev.backlane.core.fault.ToxicType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToxicHandlerTest {
    private static final Random RANDOM = new Random(7);

    @Test
    void latencyHoldsDownstreamBytesForItsTimeInOrder() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.LATENCY, ToxicStream.DOWNSTREAM, 1, Map.of("latency", 100L)));
        ChannelFuture first = channel.writeAndFlush(text("one"));
        channel.writeAndFlush(text("two"));
        advance(channel, 99);
        assertNull(channel.readOutbound());
        assertFalse(first.isDone());
        advance(channel, 1);
        assertEquals("one", read(channel.readOutbound()));
        assertEquals("two", read(channel.readOutbound()));
        assertTrue(first.isSuccess());
    }

    @Test
    void latencyWithJitterStaysWithinLatencyPlusOrMinusJitterUpstream() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.LATENCY, ToxicStream.UPSTREAM, 1, Map.of("latency", 100L, "jitter", 50L)));
        channel.writeInbound(text("up"));
        advance(channel, 49);
        assertNull(channel.readInbound());
        advance(channel, 101);
        assertEquals("up", read(channel.readInbound()));
    }

    @Test
    void bandwidthLetsRateKilobytesASecondThrough() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.BANDWIDTH, ToxicStream.DOWNSTREAM, 1, Map.of("rate", 1L)));
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[2000]));
        advance(channel, 1000);
        assertEquals(1000, drainOutbound(channel));
        advance(channel, 1000);
        assertEquals(1000, drainOutbound(channel));
    }

    @Test
    void timeoutDropsEverythingAndClosesAfterItsTime() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.TIMEOUT, ToxicStream.UPSTREAM, 1, Map.of("timeout", 500L)));
        channel.writeInbound(text("lost"));
        assertNull(channel.readInbound());
        advance(channel, 499);
        assertTrue(channel.isOpen());
        advance(channel, 1);
        assertFalse(channel.isOpen());
    }

    @Test
    void timeoutOfZeroNeverCloses() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.TIMEOUT, ToxicStream.DOWNSTREAM, 1, Map.of()));
        ChannelFuture write = channel.writeAndFlush(text("lost"));
        advance(channel, 3_600_000);
        assertNull(channel.readOutbound());
        assertTrue(channel.isOpen() && write.isSuccess());
    }

    @Test
    void resetPeerClosesAfterItsTimeLettingBytesPassBefore() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.RESET_PEER, ToxicStream.DOWNSTREAM, 1, Map.of("timeout", 200L)));
        channel.writeAndFlush(text("before"));
        assertEquals("before", read(channel.readOutbound()));
        advance(channel, 200);
        assertFalse(channel.isOpen());
    }

    @Test
    void limitDataClosesOnceTheLimitIsReached() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.LIMIT_DATA, ToxicStream.DOWNSTREAM, 1, Map.of("bytes", 4L)));
        channel.writeAndFlush(text("ab"));
        assertTrue(channel.isOpen());
        channel.writeAndFlush(text("cdef"));
        assertEquals(4, drainOutbound(channel));
        assertFalse(channel.isOpen());
    }

    @Test
    void slowCloseDelaysTheClose() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.SLOW_CLOSE, ToxicStream.DOWNSTREAM, 1, Map.of("delay", 300L)));
        // Through the pipeline: EmbeddedChannel.close() would cancel the scheduled tasks.
        channel.pipeline().close();
        advance(channel, 299);
        assertTrue(channel.isOpen());
        advance(channel, 1);
        assertFalse(channel.isOpen());
    }

    @Test
    void aPacedToxicLeavingLetsWhatItHeldGoAtOnce() {
        EmbeddedChannel channel = channel(new Toxic(ToxicType.LATENCY, ToxicStream.DOWNSTREAM, 1, Map.of("latency", 10_000L)));
        channel.writeAndFlush(text("held"));
        channel.pipeline().remove("toxic");
        assertEquals("held", read(channel.readOutbound()));
    }

    @Test
    void asymmetricRoutingStallDropsBothWaysAndResetCloses() {
        EmbeddedChannel stalled = new EmbeddedChannel(new StreamBreakHandler(StreamBreak.STALL));
        stalled.writeInbound(text("in"));
        stalled.writeAndFlush(text("out"));
        assertNull(stalled.readInbound());
        assertNull(stalled.readOutbound());
        assertTrue(stalled.isOpen());
        EmbeddedChannel reset = new EmbeddedChannel(new StreamBreakHandler(StreamBreak.RESET));
        assertTrue(reset.isOpen());
        reset.writeInbound(text("in"));
        assertFalse(reset.isOpen());
    }

    private static EmbeddedChannel channel(Toxic toxic) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast("toxic", ToxicHandler.of(toxic, RANDOM));
        return channel;
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private static ByteBuf text(String value) {
        return Unpooled.copiedBuffer(value, StandardCharsets.US_ASCII);
    }

    private static String read(Object message) {
        ByteBuf buffer = (ByteBuf) message;
        try {
            return buffer.toString(StandardCharsets.US_ASCII);
        } finally {
            buffer.release();
        }
    }

    private static int drainOutbound(EmbeddedChannel channel) {
        int bytes = 0;
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            bytes += ((ByteBuf) message).readableBytes();
            ((ByteBuf) message).release();
        }
        return bytes;
    }
}
