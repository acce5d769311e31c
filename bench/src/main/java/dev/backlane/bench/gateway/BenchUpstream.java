package dev.backlane.bench.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The upstream every peer of the gateway benchmark talks to, on Netty: {@code GET /small} answers a short body,
 * {@code GET /bytes/N} streams N bytes (as fast as the client takes them), and any request with a body has it
 * read and discarded, then answered with its length. Keep-alive throughout.
 */
final class BenchUpstream implements AutoCloseable {
    private static final byte[] SMALL = "{\"ok\":true,\"note\":\"a small answer, about the size of an SQS or STS response head\"}\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final ByteBuf BLOCK = Unpooled.unreleasableBuffer(Unpooled.directBuffer(64 * 1024).writeZero(64 * 1024));

    private final EventLoopGroup group;
    private final Channel listener;

    BenchUpstream(int port, int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(), new Handler());
                    }
                }).bind(InetAddress.getLoopbackAddress(), port).syncUninterruptibly().channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
    }

    private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private HttpRequest request;
        private long received;
        private long toSend;
        private boolean keepAlive;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpRequest head) {
                request = head;
                received = 0;
                keepAlive = HttpUtil.isKeepAlive(head);
            }
            if (message instanceof HttpContent content) {
                received += content.content().readableBytes();
            }
            if (message instanceof LastHttpContent) {
                answer(ctx);
            }
        }

        private void answer(ChannelHandlerContext ctx) {
            String path = request.uri();
            if (path.startsWith("/bytes/")) {
                toSend = Long.parseLong(path.substring("/bytes/".length()));
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_LENGTH, toSend).set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
                ctx.write(head);
                stream(ctx);
                return;
            }
            byte[] body = request.method().name().equals("GET") ? SMALL : ("received " + received + "\n").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length).set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            finish(ctx, ctx.writeAndFlush(response));
        }

        /** Writes while the client keeps up; resumes when the channel turns writable again. */
        private void stream(ChannelHandlerContext ctx) {
            while (toSend > 0 && ctx.channel().isWritable()) {
                int length = (int) Math.min(BLOCK.capacity(), toSend);
                toSend -= length;
                ByteBuf chunk = BLOCK.retainedSlice(0, length);
                if (toSend == 0) {
                    finish(ctx, ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultLastHttpContent(chunk)));
                    return;
                }
                ctx.write(new DefaultHttpContent(chunk));
            }
            ctx.flush();
        }

        private void finish(ChannelHandlerContext ctx, io.netty.channel.ChannelFuture written) {
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && toSend > 0) {
                stream(ctx);
            }
        }
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully();
    }
}
