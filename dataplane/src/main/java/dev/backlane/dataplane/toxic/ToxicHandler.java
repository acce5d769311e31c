package dev.backlane.dataplane.toxic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.fault.Toxic;
import dev.backlane.core.fault.ToxicStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One fault acting on the bytes of one client connection of a gateway, in one direction: {@code upstream} on what the
 * workload sends (the channel's reads), {@code downstream} on what it is sent (the channel's writes). It sits in the
 * pipeline only while its fault acts, next to the socket, where every byte passes as a {@link ByteBuf}; the data path
 * of a connection without faults has none. Runs on the channel's event loop only.
 */
public abstract class ToxicHandler extends ChannelDuplexHandler {
    private final ToxicStream stream;
    private ScheduledFuture<?> timer;

    ToxicHandler(ToxicStream stream) {
        this.stream = requireNonNull(stream, "stream is null");
    }

    /** The handler carrying out the toxic; {@code random} gives the latency's jitter. */
    public static ToxicHandler of(Toxic toxic, RandomGenerator random) {
        return switch (toxic.type()) {
            case LATENCY -> new PacedToxic(toxic.stream(), PacedToxic.latency(toxic.attribute("latency"), toxic.attribute("jitter"), random));
            case BANDWIDTH -> new PacedToxic(toxic.stream(), PacedToxic.bandwidth(toxic.attribute("rate")));
            case SLOW_CLOSE -> new SlowCloseToxic(toxic.stream(), toxic.attribute("delay"));
            case TIMEOUT -> new TimeoutToxic(toxic.stream(), toxic.attribute("timeout"));
            case RESET_PEER -> new ResetPeerToxic(toxic.stream(), toxic.attribute("timeout"));
            case LIMIT_DATA -> new LimitDataToxic(toxic.stream(), toxic.attribute("bytes"));
        };
    }

    ToxicStream stream() {
        return stream;
    }

    /** Does {@code action} on the channel's event loop {@code millis} from now; not at all if the toxic leaves first. */
    void after(ChannelHandlerContext ctx, long millis, Runnable action) {
        timer = ctx.executor().schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (stream == ToxicStream.UPSTREAM && msg instanceof ByteBuf data) {
            data(ctx, data, null);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public final void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (stream == ToxicStream.DOWNSTREAM && msg instanceof ByteBuf data) {
            data(ctx, data, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /** Bytes going the toxic's way: read from the workload ({@code promise} null) or written to it. */
    abstract void data(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise);

    /** Hands the bytes on, as if the toxic were not there. */
    static void pass(ChannelHandlerContext ctx, ByteBuf data, ChannelPromise promise) {
        if (promise == null) {
            ctx.fireChannelRead(data);
            ctx.fireChannelReadComplete();
        } else {
            ctx.writeAndFlush(data, promise);
        }
    }

    /** Drops the bytes: a write is reported done, as a packet lost on the wire is to its sender. */
    static void drop(ByteBuf data, ChannelPromise promise) {
        data.release();
        if (promise != null) {
            promise.trySuccess();
        }
    }

    /** SO_LINGER 0 makes the close send a TCP reset: the workload sees "connection reset by peer". */
    static void reset(Channel channel) {
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        }
    }
}
