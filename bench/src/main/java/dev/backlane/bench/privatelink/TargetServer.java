package dev.backlane.bench.privatelink;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The process behind the load balancer's target (and behind socat and HAProxy), on Netty. The first byte a
 * connection sends picks what it does for the rest of it: {@link Mode#SINK} reads and discards, {@link Mode#SOURCE}
 * streams zeros as fast as the peer takes them, anything else is echoed back (the byte itself too), with reads
 * paused while the peer does not take the echo, so a slow reader is never buffered for without bound.
 */
final class TargetServer implements AutoCloseable {
    private static final ByteBuf BLOCK = Unpooled.unreleasableBuffer(Unpooled.directBuffer(64 * 1024).writeZero(64 * 1024));

    private final EventLoopGroup group;
    private final Channel listener;

    TargetServer(int port, int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new Handler());
                    }
                }).bind(InetAddress.getLoopbackAddress(), port).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully();
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {
        private Mode mode;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            if (mode == null && bytes.isReadable()) {
                mode = Mode.of(bytes.getByte(bytes.readerIndex()));
                if (mode == Mode.SOURCE) {
                    stream(ctx);
                }
            }
            if (mode == Mode.ECHO) {
                ctx.write(bytes, ctx.voidPromise());
            } else {
                bytes.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (mode == Mode.ECHO) {
                ctx.flush();
                if (!ctx.channel().isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (mode == Mode.SOURCE) {
                stream(ctx);
            } else if (mode == Mode.ECHO && ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
        }

        private static void stream(ChannelHandlerContext ctx) {
            Channel channel = ctx.channel();
            while (channel.isActive() && channel.isWritable()) {
                channel.write(BLOCK.retainedDuplicate(), channel.voidPromise());
                channel.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a peer that resets is how every bulk measurement ends
        }
    }

    /** What a connection asks for with its first byte. */
    enum Mode {
        SINK('u'), SOURCE('d'), ECHO('e');

        final byte first;

        Mode(char first) {
            this.first = (byte) first;
        }

        static Mode of(byte first) {
            for (Mode mode : values()) {
                if (mode.first == first) {
                    return mode;
                }
            }
            return ECHO;
        }
    }
}
