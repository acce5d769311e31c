package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Keep-alive connections to the upstreams, kept per event loop so a client connection and the upstream connection
 * it borrows share one thread: no locks, no hand-offs. An upstream connection is lent to one client connection at
 * a time and given back only when its exchange ended cleanly; while idle it keeps a read pending so a close by the
 * upstream is noticed and the connection dropped.
 */
final class UpstreamPool {
    /** Idle connections kept per upstream and event loop; beyond that a returned connection is closed. */
    static final int MAX_IDLE_PER_UPSTREAM = 256;
    private static final int MAX_RESPONSE_HEADER_SIZE = 64 * 1024;
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    /** An upstream connection on loan, and whether it came from the pool (a reused one may have gone stale). */
    record Lease(Channel channel, UpstreamHandler handler, boolean reused) {
    }

    private final GatewayConfig config;
    private final GatewayTransport transport;
    /** Keyed by the upstream's URI itself: a key built per request would be an allocation on every exchange. */
    private final Map<EventLoop, Map<URI, ArrayDeque<Channel>>> idle = new ConcurrentHashMap<>();
    private volatile SslContext tls;

    UpstreamPool(GatewayConfig config, GatewayTransport transport) {
        this.config = requireNonNull(config, "config is null");
        this.transport = requireNonNull(transport, "transport is null");
    }

    /** An idle pooled connection to the upstream on the event loop, lent to the listener; null if there is none. */
    Lease lendIdle(EventLoop loop, URI upstream, UpstreamListener listener) {
        ArrayDeque<Channel> channels = idleOn(loop).get(upstream);
        while (channels != null && !channels.isEmpty()) {
            Channel channel = channels.pollLast();
            if (channel.isActive()) {
                UpstreamHandler handler = channel.pipeline().get(UpstreamHandler.class);
                handler.lendTo(listener);
                return new Lease(channel, handler, true);
            }
        }
        return null;
    }

    /** A new connection to the upstream on the event loop, lent to the listener; fails if it cannot be connected. */
    Future<Lease> connect(EventLoop loop, URI upstream, UpstreamListener listener) {
        Promise<Lease> promise = loop.newPromise();
        ChannelFuture connect = bootstrap(loop, upstream).connect(host(upstream), port(upstream));
        connect.addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                Channel channel = future.channel();
                channel.closeFuture().addListener(closed -> {
                    ArrayDeque<Channel> pooled = idleOn(loop).get(upstream);
                    if (pooled != null) {
                        pooled.remove(channel);
                    }
                });
                UpstreamHandler handler = channel.pipeline().get(UpstreamHandler.class);
                handler.lendTo(listener);
                promise.setSuccess(new Lease(channel, handler, false));
            } else {
                promise.setFailure(future.cause());
            }
        });
        return promise;
    }

    /** Takes back a connection whose exchange ended cleanly, to lend again; runs on the connection's event loop. */
    void release(Lease lease, URI upstream) {
        Channel channel = lease.channel();
        lease.handler().giveBack();
        ArrayDeque<Channel> channels = idleOn(channel.eventLoop()).computeIfAbsent(upstream, k -> new ArrayDeque<>());
        if (!channel.isActive() || channels.size() >= MAX_IDLE_PER_UPSTREAM) {
            channel.close();
            return;
        }
        channels.addLast(channel);
        channel.read();
    }

    private Map<URI, ArrayDeque<Channel>> idleOn(EventLoop loop) {
        // Only the loop's own thread touches its map.
        return idle.computeIfAbsent(loop, l -> new HashMap<>());
    }

    private Bootstrap bootstrap(EventLoop loop, URI upstream) {
        boolean https = "https".equalsIgnoreCase(upstream.getScheme());
        SslContext context = https ? tls() : null;
        return new Bootstrap().group(loop).channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.upstreamConnectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, GatewayTransport.WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, GatewayTransport.receiveBuffers())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (context != null) {
                            // Never spliced: TLS must see every byte.
                            channel.pipeline().addLast(context.newHandler(channel.alloc(), host(upstream), port(upstream)));
                        }
                        // An encoder and a decoder rather than HttpClientCodec: the decoder is reset after a body is
                        // spliced past it.
                        UpstreamResponseDecoder decoder = new UpstreamResponseDecoder(
                                new HttpDecoderConfig().setMaxHeaderSize(MAX_RESPONSE_HEADER_SIZE).setMaxChunkSize(MAX_CHUNK_SIZE));
                        channel.pipeline().addLast(BodySplice.Reads.INSTANCE, new IdleStateHandler(0, 0, config.upstreamIdleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                new HttpRequestEncoder(), decoder, new UpstreamHandler(decoder));
                    }
                });
    }

    private SslContext tls() {
        SslContext context = tls;
        if (context == null) {
            try {
                context = SslContextBuilder.forClient().build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS to upstreams", e);
            }
            tls = context;
        }
        return context;
    }

    static String host(URI upstream) {
        String host = upstream.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    static int port(URI upstream) {
        if (upstream.getPort() != -1) {
            return upstream.getPort();
        }
        return "https".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
    }
}
