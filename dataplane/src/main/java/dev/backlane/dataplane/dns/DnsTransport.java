package dev.backlane.dataplane.dns;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.bootstrap.Bootstrap;

/**
 * The sockets the DNS listeners use: Linux's epoll where it loads, which lets one UDP socket per event loop
 * share a port (SO_REUSEPORT, so the kernel spreads queries over the loops) and reads a batch of datagrams
 * per system call (recvmmsg); Java's NIO elsewhere, with one UDP socket per port.
 */
record DnsTransport(boolean epoll, int loops) {
    /** The largest datagram read; with epoll a read takes up to {@link #BATCH} of them at once. */
    static final int MAX_DATAGRAM = 4096;
    private static final int BATCH = 16;

    static DnsTransport best() {
        boolean epoll = Epoll.isAvailable();
        return new DnsTransport(epoll, epoll ? Runtime.getRuntime().availableProcessors() : 1);
    }

    /** UDP sockets to bind on one port: one per event loop with epoll, else one. */
    int udpSockets() {
        return loops;
    }

    EventLoopGroup group() {
        IoHandlerFactory handler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(loops, handler);
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    Class<? extends ServerSocketChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * A UDP bootstrap reading datagrams of up to {@link #MAX_DATAGRAM} bytes; {@code shared} sockets (epoll only)
     * share their port with the listener's other UDP sockets. Only bind a shared socket to a port chosen
     * already: Linux may give a shared socket bound to port 0 a port another process's shared socket holds.
     */
    Bootstrap datagram(EventLoopGroup group, boolean shared) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(datagramChannel());
        if (epoll) {
            return bootstrap.option(EpollChannelOption.SO_REUSEPORT, shared)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new io.netty.channel.FixedRecvByteBufAllocator(MAX_DATAGRAM * BATCH));
        }
        return bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new io.netty.channel.FixedRecvByteBufAllocator(MAX_DATAGRAM));
    }
}
