package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.event.EventStream;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The DNS listeners, one per VPC whose view a client asked for: each VPC's resolver answers UDP and TCP on
 * one loopback port of its own, opened on first request and kept until Backlane stops. Which VPC asks is
 * told by the port, as on AWS it is told by the VPC the packet comes from. Names outside every view go to
 * the forwarder when the user configured one, and are NXDOMAIN otherwise: Backlane is never an open resolver.
 */
public final class DnsListeners implements AutoCloseable {
    private static final int MAX_TCP_MESSAGE = 65535;
    private static final int TCP_IDLE_SECONDS = 10;
    private static final int BIND_ATTEMPTS = 10;
    /** Open TCP connections a listener keeps at most; more are closed at once, so idle clients cannot exhaust memory. */
    static final int MAX_TCP_CONNECTIONS = 256;

    /** A VPC's listener: the port its UDP and TCP sockets share. */
    public record Listener(String vpcId, InetSocketAddress address) {
    }

    private record Bound(Listener listener, List<Channel> udp, Channel tcp, AtomicInteger tcpConnections) {
    }

    private final Supplier<WorldIndex> world;
    private final VpcDnsView view;
    private final EventStream events;
    private final InstantSource clock;
    private final InetAddress bindAddress;
    private final DnsTransport transport = DnsTransport.best();
    private final EventLoopGroup group = transport.group();
    private final Map<String, Bound> byVpc = new ConcurrentHashMap<>();
    private final int maxTcpConnections;
    private final Optional<DnsForwarder> forwarder;

    /** Listeners that forward nothing. */
    public DnsListeners(Supplier<WorldIndex> world, VpcDnsView view, EventStream events, InstantSource clock, InetAddress bindAddress) {
        this(world, view, events, clock, bindAddress, Optional.empty());
    }

    /** Listeners that send the names outside every view to the forwarder, when one is given. */
    public DnsListeners(Supplier<WorldIndex> world, VpcDnsView view, EventStream events, InstantSource clock, InetAddress bindAddress,
            Optional<InetSocketAddress> forwarder) {
        this(world, view, events, clock, bindAddress, forwarder, MAX_TCP_CONNECTIONS, DnsForwarder.MAX_OUTSTANDING, DnsForwarder.TIMEOUT);
    }

    DnsListeners(Supplier<WorldIndex> world, VpcDnsView view, EventStream events, InstantSource clock, InetAddress bindAddress,
            Optional<InetSocketAddress> forwarder, int maxTcpConnections, int maxForwards, java.time.Duration forwardTimeout) {
        this.maxTcpConnections = maxTcpConnections;
        this.forwarder = forwarder.map(upstream -> new DnsForwarder(transport.datagram(group, false), upstream, maxForwards, forwardTimeout));
        this.world = requireNonNull(world, "world is null");
        this.view = requireNonNull(view, "view is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.bindAddress = requireNonNull(bindAddress, "bindAddress is null");
    }

    /** The VPC's listener, opened now if it has none; empty when the world has no such VPC. */
    public synchronized Optional<Listener> open(String vpcId) {
        Bound bound = byVpc.get(vpcId);
        if (bound != null) {
            return Optional.of(bound.listener());
        }
        if (VpcDnsView.locate(world.get(), vpcId).isEmpty()) {
            return Optional.empty();
        }
        Bound opened = bind(vpcId);
        byVpc.put(vpcId, opened);
        return Optional.of(opened.listener());
    }

    /** The TCP connections open on all listeners. */
    int openTcpConnections() {
        return byVpc.values().stream().mapToInt(bound -> bound.tcpConnections().get()).sum();
    }

    /** Forwarded questions waiting for their answer. */
    int outstandingForwards() {
        return forwarder.map(DnsForwarder::outstanding).orElse(0);
    }

    /** Every open listener, by VPC. */
    public Map<String, Listener> listeners() {
        Map<String, Listener> all = new TreeMap<>();
        byVpc.forEach((vpcId, bound) -> all.put(vpcId, bound.listener()));
        return all;
    }

    /**
     * Finds a port free for UDP (with a socket that does not share, so no other process's socket has it), binds
     * TCP on it (another process may hold that TCP port: then it tries another), and then the listener's UDP
     * sockets (with epoll, one per event loop sharing the port).
     */
    private Bound bind(String vpcId) {
        IllegalStateException last = null;
        VpcDnsResponder responder = new VpcDnsResponder(new VpcAnswers(vpcId, world, view), forwarder, events, clock);
        UdpQueryHandler handler = new UdpQueryHandler(responder);
        Bootstrap udp = transport.datagram(group, transport.udpSockets() > 1).handler(handler);
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            Channel probe = transport.datagram(group, false).handler(handler).bind(bindAddress, 0).syncUninterruptibly().channel();
            int port = ((InetSocketAddress) probe.localAddress()).getPort();
            List<Channel> sockets = new ArrayList<>();
            Channel tcp = null;
            try {
                AtomicInteger connections = new AtomicInteger();
                tcp = tcp(responder, connections).bind(bindAddress, port).syncUninterruptibly().channel();
                if (transport.udpSockets() == 1) {
                    sockets.add(probe);
                } else {
                    probe.close().syncUninterruptibly();
                    while (sockets.size() < transport.udpSockets()) {
                        sockets.add(udp.bind(bindAddress, port).syncUninterruptibly().channel());
                    }
                }
                return new Bound(new Listener(vpcId, new InetSocketAddress(bindAddress, port)), List.copyOf(sockets), tcp, connections);
            } catch (Exception taken) {
                // Netty rethrows the bind's IOException unchecked: the port is someone else's, try another.
                probe.close().syncUninterruptibly();
                sockets.forEach(socket -> socket.close().syncUninterruptibly());
                if (tcp != null) {
                    tcp.close().syncUninterruptibly();
                }
                last = new IllegalStateException(taken);
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP on " + bindAddress.getHostAddress(), last);
    }

    private ServerBootstrap tcp(VpcDnsResponder responder, AtomicInteger open) {
        // SO_REUSEADDR, as Java's NIO sets it: a port still held by a client connection's TIME_WAIT can take a listener.
        return new ServerBootstrap().group(group).channel(transport.serverChannel()).option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(MAX_TCP_MESSAGE, 2 * MAX_TCP_MESSAGE))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (open.incrementAndGet() > maxTcpConnections) {
                            open.decrementAndGet();
                            channel.close();
                            return;
                        }
                        channel.closeFuture().addListener(closed -> open.decrementAndGet());
                        channel.pipeline().addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS),
                                new LengthFieldBasedFrameDecoder(MAX_TCP_MESSAGE, 0, 2, 0, 2), new LengthFieldPrepender(2),
                                new TcpQueryHandler(responder));
                    }
                });
    }

    @Override
    public void close() {
        for (Bound bound : byVpc.values()) {
            bound.udp().forEach(Channel::close);
            bound.tcp().close();
        }
        byVpc.clear();
        forwarder.ifPresent(DnsForwarder::close);
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
