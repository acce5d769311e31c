package dev.backlane.dataplane.toxic;

import dev.backlane.core.fault.ToxicStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Latency and bandwidth: each chunk of bytes is held until its time, and chunks leave in the order they came. Latency
 * holds each for {@code latency} ms plus or minus up to {@code jitter} ms (Toxiproxy's {@code latency ± jitter}, drawn
 * per chunk); bandwidth lets {@code rate} KB/s through (1 KB = 1000 bytes, as Toxiproxy counts), in slices of 100 ms
 * worth. What is held counts as the channel's pending writes (or stops reads), so a fast sender is slowed down rather
 * than buffered without end; a close waits for the bytes held before it. When the handler leaves (its fault ended),
 * what it holds goes on at once, in order.
 */
final class PacedToxic extends ToxicHandler {
    /** Reads stop while this much is held upstream. */
    private static final int MAX_HELD_READS = 256 * 1024;

    /** When a chunk of {@code bytes} arriving at {@code now} may leave, the previous one leaving at {@code last} (nanoseconds). */
    interface Pace {
        long due(long now, long last, int bytes);

        /** The most bytes one chunk holds (a longer one is cut). */
        int chunk();
    }

    /** Bytes read and held, with when they may go on. */
    private record Held(ByteBuf data, long due) {
    }

    private final Pace pace;
    /** Upstream: the reads held. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /** Downstream: the writes held, counted as the channel's pending writes (so its writability tells the gateway to wait), and when each may go. */
    private PendingWriteQueue writes;
    private final ArrayDeque<Long> writesDue = new ArrayDeque<>();
    private long heldBytes;
    private long lastDue;
    private boolean scheduled;
    private boolean readWanted;
    private ChannelPromise closeAfter;
    private boolean inactiveAfter;
    private boolean removed;

    PacedToxic(ToxicStream stream, Pace pace) {
        super(stream);
        this.pace = pace;
    }

    static Pace latency(long latencyMillis, long jitterMillis, RandomGenerator random) {
        return new Pace() {
            @Override
            public long due(long now, long last, int bytes) {
                long jitter = jitterMillis == 0 ? 0 : random.nextLong(-jitterMillis, jitterMillis + 1);
                return Math.max(last, now + TimeUnit.MILLISECONDS.toNanos(Math.max(0, latencyMillis + jitter)));
            }

            @Override
            public int chunk() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** {@code rate} KB/s is {@code rate} bytes a millisecond. */
    static Pace bandwidth(long rate) {
        return new Pace() {
            @Override
            public long due(long now, long last, int bytes) {
                return Math.max(now, last) + bytes * 1_000_000L / rate;
            }

            @Override
            public int chunk() {
                return (int) Math.max(1, Math.min(Integer.MAX_VALUE, rate * 100));
            }
        };
    }

    @Override
    void data(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
        long now = ctx.executor().ticker().nanoTime();
        while (data.readableBytes() > pace.chunk()) {
            hold(ctx, data.readRetainedSlice(pace.chunk()), null, now);
        }
        hold(ctx, data, promise, now);
        schedule(ctx);
    }

    private void hold(ChannelHandlerContext ctx, ByteBuf chunk, ChannelPromise promise, long now) {
        lastDue = pace.due(now, lastDue, chunk.readableBytes());
        heldBytes += chunk.readableBytes();
        if (stream() == ToxicStream.UPSTREAM) {
            held.add(new Held(chunk, lastDue));
        } else {
            if (writes == null) {
                writes = new PendingWriteQueue(ctx);
            }
            writes.add(chunk, promise == null ? ctx.newPromise() : promise);
            writesDue.add(lastDue);
        }
    }

    private boolean empty() {
        return held.isEmpty() && writesDue.isEmpty();
    }

    private long nextDue() {
        return held.isEmpty() ? writesDue.peek() : held.peek().due();
    }

    private void schedule(ChannelHandlerContext ctx) {
        if (scheduled || empty()) {
            return;
        }
        scheduled = true;
        long delay = nextDue() - ctx.executor().ticker().nanoTime();
        ctx.executor().schedule(() -> {
            scheduled = false;
            if (!removed) {
                release(ctx, ctx.executor().ticker().nanoTime());
            }
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void release(ChannelHandlerContext ctx, long now) {
        boolean read = false;
        while (!held.isEmpty() && held.peek().due() <= now) {
            Held next = held.poll();
            heldBytes -= next.data().readableBytes();
            ctx.fireChannelRead(next.data());
            read = true;
        }
        boolean written = false;
        while (!writesDue.isEmpty() && writesDue.peek() <= now) {
            writesDue.poll();
            heldBytes -= ((ByteBuf) writes.current()).readableBytes();
            writes.removeAndWrite();
            written = true;
        }
        if (read) {
            ctx.fireChannelReadComplete();
        }
        if (written) {
            ctx.flush();
        }
        if (empty()) {
            if (closeAfter != null) {
                ChannelPromise close = closeAfter;
                closeAfter = null;
                ctx.close(close);
            }
            if (inactiveAfter) {
                inactiveAfter = false;
                ctx.fireChannelInactive();
            }
        }
        if (readWanted && heldBytes < MAX_HELD_READS) {
            readWanted = false;
            ctx.read();
        }
        schedule(ctx);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (stream() == ToxicStream.UPSTREAM && heldBytes >= MAX_HELD_READS) {
            readWanted = true;
        } else {
            ctx.read();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (stream() == ToxicStream.DOWNSTREAM && !empty()) {
            closeAfter = promise;
        } else {
            ctx.close(promise);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stream() == ToxicStream.UPSTREAM && !empty()) {
            inactiveAfter = true;
        } else {
            ctx.fireChannelInactive();
        }
    }

    /** Leaving the pipeline (the fault ended): what is held goes on at once, in order. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        super.handlerRemoved(ctx);
        release(ctx, Long.MAX_VALUE);
        removed = true;
    }
}
