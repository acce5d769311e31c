package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.dataplane.gateway.Socks5Messages.Destination;
import dev.backlane.dataplane.gateway.Socks5Messages.Greeting;
import dev.backlane.dataplane.gateway.Socks5Messages.Socks5Exception;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's side of a SOCKS5 handshake (RFC 1928): picks "no authentication" when the client offers it, else
 * username/password (RFC 1929, any credentials accepted: the workload is told by its gateway port, not by a name),
 * reads the CONNECT request, asks the {@link GatewayDecider} and hands the connection to a {@link TunnelConnection}.
 * Bytes are read only while a message is incomplete and at most {@link Socks5Messages#MAX_MESSAGE} wait unparsed;
 * a handshake not finished within the gateway's request head timeout is closed. An answer is flushed only when the
 * client must hear it before it sends more: a client that sends its request with its greeting (curl may, the
 * benchmark does) gets the method choice in the same segment as the request's reply, one wake-up instead of two.
 */
final class Socks5Handshake extends ChannelInboundHandlerAdapter {
    static final String NAME = "socks5";

    private enum Stage { GREETING, CREDENTIALS, REQUEST, DONE }

    private final GatewayDecider decider;
    private final GatewayConfig config;
    private final GatewayTransport transport;
    private final ConnectionEvents events;
    private ByteBuf received = Unpooled.EMPTY_BUFFER;
    private Stage stage = Stage.GREETING;
    private ScheduledFuture<?> timeout;

    Socks5Handshake(GatewayDecider decider, GatewayConfig config, GatewayTransport transport, ConnectionEvents events) {
        this.decider = requireNonNull(decider, "decider is null");
        this.config = requireNonNull(config, "config is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> {
            if (stage != Stage.DONE) {
                stage = Stage.DONE;
                ctx.close();
            }
        }, config.requestHeadTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || stage == Stage.DONE) {
            ReferenceCountUtil.release(msg);
            return;
        }
        received = received.isReadable() ? Unpooled.wrappedBuffer(received, bytes) : replace(bytes);
        try {
            advance(ctx);
        } catch (Socks5Exception e) {
            refuse(ctx, e);
            return;
        }
        if (stage != Stage.DONE) {
            // The client waits for what was answered so far before it sends its next message.
            ctx.flush();
            if (received.readableBytes() > Socks5Messages.MAX_MESSAGE) {
                // No SOCKS5 message is this long: the client is not speaking SOCKS5.
                refuse(ctx, new Socks5Exception(Socks5Messages.REPLY_GENERAL_FAILURE, "no SOCKS5 message is " + received.readableBytes() + " bytes long"));
                return;
            }
            ctx.read();
        }
    }

    private ByteBuf replace(ByteBuf bytes) {
        received.release();
        return bytes;
    }

    private void advance(ChannelHandlerContext ctx) {
        while (stage != Stage.DONE) {
            switch (stage) {
                case GREETING -> {
                    Optional<Greeting> greeting = Socks5Messages.greeting(received);
                    if (greeting.isEmpty()) {
                        return;
                    }
                    int method = greeting.get().chosenMethod();
                    if (method == Socks5Messages.METHOD_NONE_ACCEPTABLE) {
                        throw new Socks5Exception(Socks5Messages.METHOD_NONE_ACCEPTABLE, "the client offers neither no authentication nor username/password");
                    }
                    ctx.write(Unpooled.wrappedBuffer(new byte[] {Socks5Messages.VERSION, (byte) method}));
                    stage = method == Socks5Messages.METHOD_USERNAME_PASSWORD ? Stage.CREDENTIALS : Stage.REQUEST;
                }
                case CREDENTIALS -> {
                    if (Socks5Messages.credentials(received).isEmpty()) {
                        return;
                    }
                    ctx.write(Unpooled.wrappedBuffer(new byte[] {Socks5Messages.AUTH_VERSION, 0x00}));
                    stage = Stage.REQUEST;
                }
                case REQUEST -> {
                    Optional<Destination> destination = Socks5Messages.request(received);
                    if (destination.isEmpty()) {
                        return;
                    }
                    stage = Stage.DONE;
                    tunnel(ctx, destination.get());
                    return;
                }
                case DONE -> {
                    return;
                }
            }
        }
    }

    private void tunnel(ChannelHandlerContext ctx, Destination destination) {
        cancelTimeout();
        int sourcePort = ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote.getPort() : 0;
        TunnelReplies replies = new TunnelReplies.Socks5();
        TunnelDecision decision;
        try {
            decision = decider.decideTunnel(new TunnelRequest(destination.host(), destination.port(), sourcePort));
        } catch (RuntimeException e) {
            decision = new TunnelDecision.Refuse(TunnelDecision.Refusal.NOT_SUPPORTED, "the tunnel could not be judged: " + GatewayResponses.describe(e),
                    Optional.empty(), Optional.empty());
        }
        ConnectionFaults.tunnel(ctx.channel(), decision, decider, config.clock());
        if (!(decision instanceof TunnelDecision.Tunnel)) {
            // A tunnel's reply (established, or why the target failed) flushes the answers before it; a blocked or
            // refused request hears its method choice now, whatever the block does next (a stall answers nothing).
            ctx.flush();
        }
        ByteBuf early = received;
        received = Unpooled.EMPTY_BUFFER;
        TunnelConnection.start(ctx.channel(), List.of(NAME), early, decision, replies, destination.host(), config, transport, events);
    }

    /** Answers a message that breaks the protocol with its refusal, then closes. */
    private void refuse(ChannelHandlerContext ctx, Socks5Exception e) {
        byte[] answer = switch (stage) {
            case GREETING -> new byte[] {Socks5Messages.VERSION, (byte) Socks5Messages.METHOD_NONE_ACCEPTABLE};
            case CREDENTIALS -> new byte[] {Socks5Messages.AUTH_VERSION, (byte) e.reply()};
            case REQUEST, DONE -> Socks5Messages.reply(e.reply());
        };
        stage = Stage.DONE;
        cancelTimeout();
        releaseReceived();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        releaseReceived();
        stage = Stage.DONE;
        events.closed();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
        releaseReceived();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void releaseReceived() {
        if (received != Unpooled.EMPTY_BUFFER && received.refCnt() > 0) {
            received.release();
        }
        received = Unpooled.EMPTY_BUFFER;
    }
}
