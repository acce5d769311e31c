package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends the queries no VPC view owns to the one upstream DNS server the user configured
 * ({@code --dns-forwarder}), over UDP from one socket, each under a random ID of its own (so that answers
 * cannot be matched by guessing), and hands each answer back under the client's ID. At most
 * {@code maxOutstanding} queries wait at once; a query beyond that, or one unanswered within the timeout,
 * fails (its client gets SERVFAIL). Answers from any other address, or for no waiting query, are dropped.
 */
public final class DnsForwarder implements AutoCloseable {
    public static final int MAX_OUTSTANDING = 1024;
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_RESPONSE = 65535;

    private record Waiting(int clientId, Consumer<ByteBuf> onAnswer, Runnable onFailure) {
    }

    private final InetSocketAddress upstream;
    private final int maxOutstanding;
    private final Duration timeout;
    private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();
    private final Channel channel;

    DnsForwarder(Bootstrap datagram, InetSocketAddress upstream, int maxOutstanding, Duration timeout) {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.maxOutstanding = maxOutstanding;
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.channel = datagram.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_RESPONSE))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        answered(packet);
                    }
                }).bind(0).syncUninterruptibly().channel();
    }

    /** "127.0.0.1:53", for logs. */
    String describe() {
        return upstream.getAddress().getHostAddress() + ":" + upstream.getPort();
    }

    /** Queries still waiting for an answer. */
    int outstanding() {
        return waiting.size();
    }

    /**
     * Forwards the query (read, not consumed); the answer, under {@code clientId}, goes to {@code onAnswer}
     * (which releases it), or {@code onFailure} runs once it cannot come.
     */
    void forward(ByteBuf query, int clientId, Consumer<ByteBuf> onAnswer, Runnable onFailure) {
        if (waiting.size() >= maxOutstanding) {
            onFailure.run();
            return;
        }
        Waiting entry = new Waiting(clientId, onAnswer, onFailure);
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        while (waiting.putIfAbsent(id, entry) != null) {
            id = ThreadLocalRandom.current().nextInt(0x10000);
        }
        ByteBuf copy = channel.alloc().buffer(query.readableBytes()).writeBytes(query, query.readerIndex(), query.readableBytes());
        copy.setShort(0, id);
        int sent = id;
        channel.writeAndFlush(new DatagramPacket(copy, upstream));
        channel.eventLoop().schedule(() -> {
            if (waiting.remove(sent, entry)) {
                onFailure.run();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void answered(DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (!packet.sender().equals(upstream) || content.readableBytes() < DnsQuery.HEADER_BYTES) {
            return;
        }
        Waiting entry = waiting.remove(content.getUnsignedShort(content.readerIndex()));
        if (entry == null) {
            return;
        }
        ByteBuf answer = content.retainedDuplicate();
        answer.setShort(answer.readerIndex(), entry.clientId());
        entry.onAnswer().accept(answer);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        waiting.values().forEach(entry -> entry.onFailure().run());
        waiting.clear();
    }
}
