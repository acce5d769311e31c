package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The workloads' gateways: one listener per workload on a loopback port of its own, all sharing one event-loop
 * group and one pool of upstream connections. With epoll the listener is one socket per event loop sharing the port
 * (SO_REUSEPORT), so a connection is accepted and served by the same loop instead of being handed from the
 * acceptor's loop to another, a thread wake-up on every new connection. Each speaks HTTP (calls, and CONNECT tunnels) and SOCKS5 on the same
 * port, told apart by a connection's first byte ({@link ProtocolDetector}). Which workload a request comes from is told by the port it arrives
 * on, as on AWS it is told by the network interface it leaves from.
 */
public final class Gateways implements AutoCloseable {
    /** The most bytes of one request body chunk handed on at once; larger chunks are split. */
    private static final int MAX_CHUNK_SIZE = 64 * 1024;
    static final String IDLE_HANDLER = "idle";
    static final String HTTP_DECODER = "http-decoder";
    static final String HTTP_ENCODER = "http-encoder";
    static final String GATEWAY_HANDLER = "gateway";

    private record Bound(InetSocketAddress address, List<Channel> listeners, ChannelGroup connections, GatewayDecider decider) {
    }

    private final GatewayConfig config;
    private final GatewayTransport transport = GatewayTransport.best();
    private final EventLoopGroup group;
    private final UpstreamPool upstreams;
    private final Map<String, Bound> byWorkload = new ConcurrentHashMap<>();

    public Gateways(GatewayConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.group = transport.group(config.ioThreads());
        this.upstreams = new UpstreamPool(config, transport);
    }

    public GatewayConfig config() {
        return config;
    }

    /**
     * Opens the workload's gateway on an ephemeral loopback port, judging requests with the decider, and returns
     * its address. A workload has one gateway: opening it again is an error.
     */
    public synchronized InetSocketAddress open(String workloadId, GatewayDecider decider) {
        requireNonNull(workloadId, "workloadId is null");
        requireNonNull(decider, "decider is null");
        if (byWorkload.containsKey(workloadId)) {
            throw new IllegalStateException("workload " + workloadId + " already has a gateway at " + byWorkload.get(workloadId).address());
        }
        ChannelGroup connections = new DefaultChannelGroup(workloadId, GlobalEventExecutor.INSTANCE);
        List<Channel> listeners = listen(bootstrap(workloadId, decider, connections));
        InetSocketAddress address = (InetSocketAddress) listeners.get(0).localAddress();
        byWorkload.put(workloadId, new Bound(address, listeners, connections, decider));
        return address;
    }

    /** The gateway's listening sockets on one ephemeral loopback port: one per event loop with epoll, else one. */
    private List<Channel> listen(ServerBootstrap bootstrap) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (!transport.epoll()) {
            return List.of(bootstrap.group(group).channel(transport.serverChannel()).bind(loopback, 0).syncUninterruptibly().channel());
        }
        List<Channel> listeners = new ArrayList<>();
        int port = 0;
        try {
            for (EventExecutor executor : group) {
                EventLoop loop = (EventLoop) executor;
                Channel listener = bootstrap.clone().group(loop, loop).channel(transport.serverChannel()).option(EpollChannelOption.SO_REUSEPORT, true)
                        .bind(loopback, port).syncUninterruptibly().channel();
                listeners.add(listener);
                // The kernel picks a free port for the first (one no other socket shares); the others join it.
                port = ((InetSocketAddress) listener.localAddress()).getPort();
            }
        } catch (RuntimeException e) {
            listeners.forEach(Channel::close);
            throw e;
        }
        return List.copyOf(listeners);
    }

    /** The address of the workload's gateway, if it has one. */
    public Optional<InetSocketAddress> address(String workloadId) {
        return Optional.ofNullable(byWorkload.get(workloadId)).map(Bound::address);
    }

    /** Every open gateway's address, by workload. */
    public Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> all = new TreeMap<>();
        byWorkload.forEach((workloadId, bound) -> all.put(workloadId, bound.address()));
        return all;
    }

    /** Closes the workload's gateway and every connection to it; false if it had none. */
    public synchronized boolean close(String workloadId) {
        Bound bound = byWorkload.remove(workloadId);
        if (bound == null) {
            return false;
        }
        bound.listeners().forEach(listener -> listener.close().syncUninterruptibly());
        bound.connections().close().awaitUninterruptibly();
        return true;
    }

    private ServerBootstrap bootstrap(String workloadId, GatewayDecider decider, ChannelGroup connections) {
        AtomicInteger open = new AtomicInteger();
        HttpDecoderConfig decoding = new HttpDecoderConfig().setMaxInitialLineLength(config.maxInitialLineLength())
                .setMaxHeaderSize(config.maxHeaderSize()).setMaxChunkSize(MAX_CHUNK_SIZE);
        long idleMillis = config.idleTimeout().toMillis();
        return new ServerBootstrap()
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, GatewayTransport.WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, GatewayTransport.receiveBuffers())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (open.incrementAndGet() > config.maxConnections()) {
                            open.decrementAndGet();
                            channel.close();
                            return;
                        }
                        channel.closeFuture().addListener(closed -> open.decrementAndGet());
                        connections.add(channel);
                        TrafficCounter traffic = new TrafficCounter();
                        ConnectionEvents events = new ConnectionEvents(workloadId, config.events(), config.clock(), traffic);
                        channel.pipeline().addLast(BodySplice.Reads.INSTANCE)
                                .addLast("traffic", traffic)
                                .addLast(IDLE_HANDLER, new IdleStateHandler(true, idleMillis, idleMillis, 0, TimeUnit.MILLISECONDS))
                                .addLast(new ProtocolDetector(events,
                                        // A decoder and an encoder rather than HttpServerCodec: the decoder is reset after
                                        // a body is spliced past it.
                                        pipeline -> pipeline.addLast(HTTP_DECODER, new HttpRequestDecoder(decoding.clone()))
                                                .addLast(HTTP_ENCODER, new GatewayResponseEncoder())
                                                .addLast(GATEWAY_HANDLER, new GatewayConnection(decider, config, upstreams, traffic, transport, events)),
                                        pipeline -> pipeline.addLast(Socks5Handshake.NAME, new Socks5Handshake(decider, config, transport, events))));
                    }
                });
    }

    /**
     * Asks {@code verdict} about the PrivateLink flow of every open (spliced) tunnel, on the caller's thread, and ends
     * each it gives a cause for, resetting both sides, with that cause in its closed event: the tunnels to a
     * deregistered target, or those a change of the world cuts. Returns how many it ended.
     */
    public int endTunnels(Function<PrivateLinkFlow, Optional<PrivateLinkConnectionClosedEvent.Cause>> verdict) {
        int ended = 0;
        for (Bound bound : byWorkload.values()) {
            for (Channel connection : bound.connections()) {
                Optional<TunnelConnection> tunnel = TunnelConnection.of(connection);
                Optional<PrivateLinkConnectionClosedEvent.Cause> cause = tunnel.flatMap(TunnelConnection::spliced).flatMap(verdict);
                if (cause.isPresent()) {
                    tunnel.get().end(cause.get());
                    ended++;
                }
            }
        }
        return ended;
    }

    /**
     * Faults acting on connections started: each open connection that has carried traffic asks its gateway's decider
     * which act on it now, and gets those it had not been given (F6 among them, which breaks established connections).
     */
    public void faultsStarted() {
        for (Bound bound : byWorkload.values()) {
            for (Channel connection : bound.connections()) {
                connection.eventLoop().execute(() -> ConnectionFaults.faultsStarted(connection, bound.decider()));
            }
        }
    }

    /** The fault ended: its handlers leave every connection, letting go at once what they held. */
    public void faultEnded(String faultId) {
        for (Bound bound : byWorkload.values()) {
            for (Channel connection : bound.connections()) {
                connection.eventLoop().execute(() -> ConnectionFaults.lift(connection, faultId));
            }
        }
    }

    @Override
    public synchronized void close() {
        for (String workloadId : Map.copyOf(byWorkload).keySet()) {
            close(workloadId);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
