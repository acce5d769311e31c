package dev.backlane.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Backlane's HTTP/1.1 port on Netty. The event loops only parse and write; every handler runs on
 * {@code executor}, because handlers block (a write waits for its batch to be durable). A connection
 * has one request in its handler at a time, so answers leave in the order requests came.
 */
public final class ApiPort implements AutoCloseable {
    /** The longest request line: an EC2 Query GET carries its parameters there. */
    static final int MAX_INITIAL_LINE_BYTES = 64 * 1024;
    /** The most bytes of request headers (431 beyond). */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private ApiPort(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Listens on {@code address}; throws {@link IOException} when it cannot. */
    public static ApiPort open(InetSocketAddress address, List<Route> routes, Executor executor) throws IOException {
        Map<Route, RouteContext> longestFirst = new LinkedHashMap<>();
        routes.stream().sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
                .forEach(route -> longestFirst.put(route, new RouteContext(route)));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, "backlane-http-io");
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    // Without it Nagle's algorithm can hold an answer back until the client's delayed ACK (40 ms).
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(
                                    new HttpServerCodec(new HttpDecoderConfig()
                                            .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                                            .setMaxHeaderSize(MAX_HEADER_BYTES)),
                                    new HttpServerExpectContinueHandler(),
                                    new HttpServerKeepAliveHandler(),
                                    new ExchangeDispatcher(longestFirst, executor));
                        }
                    });
            Channel channel = bootstrap.bind(address).sync().channel();
            return new ApiPort(group, channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("interrupted while binding " + address, e);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening, closes every connection and ends the event loops. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
