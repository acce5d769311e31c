package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/**
 * The rest of one message body moved from one of the gateway's sockets to the other with splice(2), through a
 * kernel pipe, without the bytes entering the JVM: Netty's epoll transport does the moving
 * ({@link AbstractEpollStreamChannel#spliceTo}), this class the bookkeeping. It runs in slices, so the bytes moved
 * are counted as they go, and a body of any length fits Netty's {@code int} lengths. While it runs the source reads
 * on its own; Netty stops it while the target cannot take more, so what one splice holds is the pipe's 64 KiB.
 */
final class BodySplice implements ChannelFutureListener {
    /** Bodies shorter than this are copied: a splice's set-up costs more than copying them. */
    static final long MIN_BODY = 64 * 1024;
    /** Bytes per slice: the most a body cut short may have moved without being counted. */
    private static final int SLICE = 256 * 1024;
    /** Set on a source channel once it has spliced: the splice under way, or null between splices. */
    private static final AttributeKey<BodySplice> SPLICING = AttributeKey.valueOf(BodySplice.class, "splicing");

    /** What becomes of a splice; called on the channels' event loop. */
    interface Progress {
        /** More of the body moved. */
        void spliced(int bytes);

        /** The whole body moved. */
        void spliceDone();

        /** The splice stopped short (a socket closed or failed). */
        void spliceFailed(Throwable cause);
    }

    private final AbstractEpollStreamChannel from;
    private final AbstractEpollStreamChannel to;
    private final Progress progress;
    private long left;
    private int slice;
    private boolean stopped;

    private BodySplice(AbstractEpollStreamChannel from, AbstractEpollStreamChannel to, long length, Progress progress) {
        this.from = from;
        this.to = to;
        this.left = length;
        this.progress = progress;
    }

    /**
     * Whether a body can go from one channel to the other by splice: both epoll sockets on one event loop, neither
     * encrypting (TLS must see every byte), no fault acting on their bytes (a toxic must see them too).
     */
    static boolean possible(Channel from, Channel to) {
        return from instanceof AbstractEpollStreamChannel && to instanceof AbstractEpollStreamChannel && from.eventLoop() == to.eventLoop()
                && from.pipeline().get(SslHandler.class) == null && to.pipeline().get(SslHandler.class) == null
                && !ConnectionFaults.acting(from) && !ConnectionFaults.acting(to);
    }

    /**
     * Moves the next {@code length} bytes the source receives to the target, after whatever was written to the target
     * before. The source's decoder must be reset when it is done, and the target's encoder told the body ended.
     */
    static BodySplice start(Channel from, Channel to, long length, Progress progress) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        BodySplice splice = new BodySplice((AbstractEpollStreamChannel) from, (AbstractEpollStreamChannel) to, length, requireNonNull(progress, "progress is null"));
        from.attr(SPLICING).set(splice);
        to.flush();
        // Netty splices as the source reads; it turns reading off while the target is full and on again once the pipe
        // is drained.
        from.config().setAutoRead(true);
        splice.next();
        return splice;
    }

    /**
     * The first handler of both legs' pipelines: passes reads on, except on a channel that has spliced. Once a channel
     * has spliced, Netty (4.2) forgets a read asked for while the channel is itself reading (its epoll handler then
     * clears the read interest whenever reading is not automatic), which would leave a connection that asks for its
     * next message from within a read (the gateway, the HTTP decoder) waiting for ever; there the read is asked for
     * from a task that runs after the read is over. While a splice is paused because its target is full, that task
     * leaves the read to Netty, which resumes it once the pipe is drained: a splice round run in the pause would not
     * resume it.
     */
    @ChannelHandler.Sharable
    static final class Reads extends ChannelOutboundHandlerAdapter {
        static final Reads INSTANCE = new Reads();

        private Reads() {
        }

        @Override
        public void read(ChannelHandlerContext ctx) {
            if (ctx.channel().hasAttr(SPLICING)) {
                ctx.executor().execute(() -> readUnlessPaused(ctx));
            } else {
                ctx.read();
            }
        }

        private static void readUnlessPaused(ChannelHandlerContext ctx) {
            if (ctx.channel().attr(SPLICING).get() == null || ctx.channel().config().isAutoRead()) {
                ctx.read();
            }
        }
    }

    /** Stops calling back; the channels are being closed. */
    void stop() {
        end();
    }

    private void end() {
        stopped = true;
        from.attr(SPLICING).set(null);
        from.config().setAutoRead(false);
    }

    private void next() {
        slice = (int) Math.min(SLICE, left);
        from.spliceTo(to, slice).addListener(this);
    }

    @Override
    public void operationComplete(ChannelFuture future) {
        if (stopped) {
            return;
        }
        if (!future.isSuccess()) {
            end();
            progress.spliceFailed(future.cause());
            return;
        }
        left -= slice;
        progress.spliced(slice);
        if (left > 0) {
            next();
        } else {
            end();
            progress.spliceDone();
        }
    }
}
