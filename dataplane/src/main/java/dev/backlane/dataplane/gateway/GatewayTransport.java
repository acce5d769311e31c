package dev.backlane.dataplane.gateway;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The sockets both legs of the gateway use: Linux's epoll where it loads, as the DNS listeners do, Java's NIO
 * elsewhere; and the buffer sizes that bound what one connection holds.
 */
record GatewayTransport(boolean epoll) {
    /**
     * Write buffers of 256 KiB–1 MiB: a leg stops reading the other only when this much is queued, so a bulk
     * transfer does not stall on every read. With reads of at most 256 KiB a 100 MiB transfer still holds under
     * 8 MiB (GatewayForwardingTest); 1 MiB reads did not.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    static GatewayTransport best() {
        return new GatewayTransport(Epoll.isAvailable());
    }

    /** Reads grow from 16 KiB to 256 KiB while the socket keeps filling them. */
    static RecvByteBufAllocator receiveBuffers() {
        return new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 256 * 1024);
    }

    EventLoopGroup group(int threads) {
        IoHandlerFactory handler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, handler);
    }

    Class<? extends ServerSocketChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> clientChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Makes client channels by their constructor, not by reflection as {@link #clientChannel()} does: a tunnel opens one per connection. */
    ChannelFactory<SocketChannel> clientChannels() {
        return epoll ? EpollSocketChannel::new : NioSocketChannel::new;
    }
}
