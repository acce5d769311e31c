package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent.Cause;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.dataplane.gateway.TunnelDecision.Refusal;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One workload connection carried as a TCP tunnel once its handshake (HTTP CONNECT or SOCKS5) is judged: it takes
 * the client's channel over from the handshake's handlers and carries out the {@link TunnelDecision}. A tunnel
 * connects to the target's socket, sends the preamble (Proxy Protocol v2), answers the client, and splices the two
 * connections byte for byte. Neither side reads on its own: each reads only while the other can take what it
 * writes (its write buffer under the high water mark), so a peer that never reads holds at most the water mark
 * and the sockets' buffers. A FIN from either side shuts the other's output (half-close); a reset is passed on as a
 * reset, as an NLB does; a tunnel that carries no byte either way for the flow idle timeout (350 s on AWS) is reset.
 * A BLOCKED path is a dropped SYN ({@code stall}: no answer until the stall limit, then a reset), a reset, or an
 * answer at once ({@code error}). Every tunnel through an interface endpoint is one PrivateLink event: opened and
 * closed (bytes each way, cause), or refused.
 */
final class TunnelConnection {
    private enum Phase { CONNECTING, STALLING, SPLICING, CLOSED }

    static final String IDLE_HANDLER = "tunnel-idle";
    static final String HANDLER = "tunnel";

    private final Channel client;
    private final GatewayConfig config;
    private final GatewayTransport transport;
    private final ConnectionEvents gatewayEvents;
    private final TunnelReplies replies;
    private final String host;
    private final ClientSide clientSide = new ClientSide();
    private final TargetSide targetSide = new TargetSide();

    private Phase phase = Phase.CONNECTING;
    private Channel target;
    private PrivateLinkFlow flow;
    /** {@code flow} while splicing, read by other threads that judge open tunnels again. */
    private volatile PrivateLinkFlow spliced;
    private Instant openedAt;
    private ByteBuf early = Unpooled.EMPTY_BUFFER;
    private long fromConsumer;
    private long toConsumer;
    private boolean clientInputShut;
    private boolean targetInputShut;
    private boolean waitingForTargetWritable;
    private boolean waitingForClientWritable;
    private Cause cause;
    private boolean closedPublished;
    private ScheduledFuture<?> stallTimer;

    private TunnelConnection(Channel client, GatewayConfig config, GatewayTransport transport, ConnectionEvents gatewayEvents, TunnelReplies replies,
            String host) {
        this.client = client;
        this.config = config;
        this.transport = transport;
        this.gatewayEvents = gatewayEvents;
        this.replies = replies;
        this.host = host;
    }

    /**
     * Takes the client's channel over from the handshake's handlers (removed by name, in order; a decoder's unread
     * bytes reach the tunnel, as do {@code early} bytes the client sent after its request) and carries out the
     * decision. Runs on the client channel's event loop.
     */
    static void start(Channel client, List<String> handshakeHandlers, ByteBuf early, TunnelDecision decision, TunnelReplies replies, String host,
            GatewayConfig config, GatewayTransport transport, ConnectionEvents gatewayEvents) {
        TunnelConnection tunnel = new TunnelConnection(client, config, transport, gatewayEvents, replies, requireNonNull(host, "host is null"));
        tunnel.take(handshakeHandlers, early);
        if (!client.isActive()) {
            tunnel.phase = Phase.CLOSED;
            tunnel.releaseEarly();
            return;
        }
        tunnel.carryOut(decision);
    }

    /** The tunnel a client channel carries, if it carries one. */
    static Optional<TunnelConnection> of(Channel client) {
        return client.pipeline().get(HANDLER) instanceof ClientSide side ? Optional.of(side.tunnel()) : Optional.empty();
    }

    /** The flow of the tunnel once spliced (its target accepted), for any thread; empty before and once over. */
    Optional<PrivateLinkFlow> spliced() {
        return Optional.ofNullable(spliced);
    }

    /**
     * Ends the tunnel if it is still spliced, resetting both sides as a load balancer that terminates a connection
     * does, with {@code why} as the cause. Safe from any thread: it runs on the client's event loop.
     */
    void end(Cause why) {
        client.eventLoop().execute(() -> {
            if (phase == Phase.SPLICING) {
                causeOverFin(why);
                reset(client);
                reset(target);
            }
        });
    }

    private void take(List<String> handshakeHandlers, ByteBuf earlyBytes) {
        early = earlyBytes;
        ChannelPipeline pipeline = client.pipeline();
        long idleMillis = config.stallLimit().toMillis();
        pipeline.addLast(IDLE_HANDLER, new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
        pipeline.addLast(HANDLER, clientSide);
        if (pipeline.get(Gateways.IDLE_HANDLER) != null) {
            pipeline.remove(Gateways.IDLE_HANDLER);
        }
        for (String name : handshakeHandlers) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }

    private void carryOut(TunnelDecision decision) {
        if (decision instanceof TunnelDecision.Tunnel tunnel) {
            connect(tunnel);
        } else if (decision instanceof TunnelDecision.Block block) {
            block(block);
        } else if (decision instanceof TunnelDecision.Refuse refuse) {
            refuse.flow().ifPresent(refused -> publishRefused(refused, refuse.path().flatMap(GatewayResponses::blockingCode)
                    .orElse(refuse.refusal().name()), refuse.refusal() == Refusal.CONNECTION_REFUSED));
            answerAndClose(replies.refused(refuse.refusal(), refuse.message()));
        }
    }

    // ---- Blocked --------------------------------------------------------------------------------------------------

    private void block(TunnelDecision.Block block) {
        String code = GatewayResponses.blockingCode(block.path()).orElse("BLOCKED");
        switch (config.blockedTraffic()) {
            case STALL -> {
                // A dropped SYN: the client hears nothing until it gives up, or the gateway resets it at the stall limit.
                block.flow().ifPresent(refused -> publishRefused(refused, code, false));
                phase = Phase.STALLING;
                releaseEarly();
                stallTimer = client.eventLoop().schedule(() -> reset(client), config.stallLimit().toMillis(), TimeUnit.MILLISECONDS);
                client.read();
            }
            case RESET -> {
                // Dropped on the way, whatever the consumer is shown: the service never sent this reset.
                block.flow().ifPresent(refused -> publishRefused(refused, code, false));
                phase = Phase.CLOSED;
                releaseEarly();
                reset(client);
            }
            case ERROR -> {
                block.flow().ifPresent(refused -> publishRefused(refused, code, false));
                answerAndClose(replies.blocked(block.path(), host));
            }
        }
    }

    private void answerAndClose(ByteBuf answer) {
        phase = Phase.CLOSED;
        releaseEarly();
        client.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- Connecting -----------------------------------------------------------------------------------------------

    private void connect(TunnelDecision.Tunnel tunnel) {
        flow = tunnel.flow();
        ChannelFuture connecting = new Bootstrap().group(client.eventLoop()).channelFactory(transport.clientChannels())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, GatewayTransport.WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, GatewayTransport.receiveBuffers())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.upstreamConnectTimeout().toMillis())
                .handler(targetSide)
                .connect(tunnel.target());
        target = connecting.channel();
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                connected(tunnel.preamble());
            } else {
                connectFailed(done.cause(), tunnel);
            }
        });
    }

    private void connected(byte[] preamble) {
        if (phase != Phase.CONNECTING) {
            // The client left while the target was being reached.
            target.close();
            return;
        }
        phase = Phase.SPLICING;
        spliced = flow;
        openedAt = config.clock().instant();
        // The client's reply first: it is what the client waits for; the target hears the preamble in the same turn,
        // and the event's subscribers (metrics, SLIs, the ledger) run while the reply is on its way.
        client.writeAndFlush(replies.established());
        if (preamble.length > 0) {
            target.write(Unpooled.wrappedBuffer(preamble));
        }
        if (early.isReadable()) {
            fromConsumer += early.readableBytes();
            target.write(early);
        } else {
            early.release();
        }
        early = Unpooled.EMPTY_BUFFER;
        target.flush();
        client.read();
        target.read();
        EventStream events = config.events();
        if (events.wants(PrivateLinkConnectionOpenedEvent.class)) {
            events.publish(new PrivateLinkConnectionOpenedEvent(flow, openedAt));
        }
    }

    private void connectFailed(Throwable failure, TunnelDecision.Tunnel tunnel) {
        if (phase != Phase.CONNECTING) {
            return;
        }
        if (failure instanceof ConnectTimeoutException) {
            publishRefused(flow, "TARGET_CONNECT_TIMEOUT", false);
            answerAndClose(replies.failed("the target " + tunnel.flow().targetAddress().orElse("") + " behind " + host + " did not answer within "
                    + config.upstreamConnectTimeout().toSeconds() + " s"));
            return;
        }
        publishRefused(flow, "TARGET_CONNECTION_REFUSED", true);
        String why = failure instanceof ConnectException ? "refused the connection" : "could not be reached (" + GatewayResponses.describe(failure) + ")";
        answerAndClose(replies.refused(Refusal.CONNECTION_REFUSED, "the target " + tunnel.flow().targetAddress().orElse("") + ":"
                + tunnel.flow().targetPort().orElse(0) + " behind " + host + " (" + tunnel.target() + " on this host) " + why));
    }

    // ---- Splicing -------------------------------------------------------------------------------------------------

    /** The workload's side. */
    private final class ClientSide extends ChannelInboundHandlerAdapter {
        TunnelConnection tunnel() {
            return TunnelConnection.this;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            switch (phase) {
                case SPLICING -> {
                    if (msg instanceof ByteBuf bytes) {
                        fromConsumer += bytes.readableBytes();
                        target.write(bytes);
                    } else {
                        ReferenceCountUtil.release(msg);
                    }
                }
                case CONNECTING -> keepEarly(msg);
                case STALLING, CLOSED -> ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            switch (phase) {
                case SPLICING -> {
                    target.flush();
                    if (target.isWritable()) {
                        client.read();
                    } else {
                        waitingForTargetWritable = true;
                    }
                }
                case STALLING -> client.read();
                case CONNECTING, CLOSED -> { }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (client.isWritable() && waitingForClientWritable && phase == Phase.SPLICING) {
                waitingForClientWritable = false;
                target.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                clientInputShut = true;
                if (phase == Phase.SPLICING) {
                    causeIfFirst(Cause.CONSUMER_CLOSED);
                    shutdownOutput(target, targetInputShut);
                } else {
                    client.close();
                }
            } else if (event instanceof IdleStateEvent && phase == Phase.SPLICING) {
                causeOverFin(Cause.IDLE_TIMEOUT);
                reset(client);
                reset(target);
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
            if (phase == Phase.SPLICING && failure instanceof IOException) {
                causeIfFirst(Cause.CONSUMER_RESET);
                reset(target);
            }
            client.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (stallTimer != null) {
                stallTimer.cancel(false);
            }
            releaseEarly();
            Phase was = phase;
            phase = Phase.CLOSED;
            spliced = null;
            if (target != null && target.isActive()) {
                if (was == Phase.SPLICING) {
                    causeIfFirst(Cause.CONSUMER_RESET);
                }
                target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else if (target != null && was == Phase.CONNECTING) {
                target.close();
            }
            gatewayEvents.closed();
            publishClosedIfDone();
        }
    }

    /** The target's side. */
    private final class TargetSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (phase == Phase.SPLICING && msg instanceof ByteBuf bytes) {
                toConsumer += bytes.readableBytes();
                client.write(bytes);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (phase != Phase.SPLICING) {
                return;
            }
            client.flush();
            if (client.isWritable()) {
                target.read();
            } else {
                waitingForClientWritable = true;
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (target.isWritable() && waitingForTargetWritable && phase == Phase.SPLICING) {
                waitingForTargetWritable = false;
                client.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                targetInputShut = true;
                if (phase == Phase.SPLICING) {
                    causeIfFirst(Cause.TARGET_CLOSED);
                    shutdownOutput(client, clientInputShut);
                } else {
                    target.close();
                }
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
            if (phase == Phase.SPLICING && failure instanceof IOException) {
                causeIfFirst(Cause.TARGET_RESET);
                reset(client);
            }
            target.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (phase == Phase.SPLICING) {
                causeIfFirst(Cause.TARGET_RESET);
                client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            publishClosedIfDone();
        }
    }

    /**
     * Passes a FIN on: the other side's output is shut once what is queued for it is written; when both directions
     * are shut the tunnel is over.
     */
    private void shutdownOutput(Channel channel, boolean inputAlreadyShut) {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (inputAlreadyShut || !(channel instanceof SocketChannel socket)) {
                channel.close();
                (channel == client ? target : client).close();
            } else {
                socket.shutdownOutput();
            }
        });
    }

    private void keepEarly(Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!early.isReadable()) {
            early.release();
            early = bytes;
        } else {
            early = Unpooled.wrappedBuffer(early, bytes);
        }
    }

    private void releaseEarly() {
        if (early.refCnt() > 0 && early != Unpooled.EMPTY_BUFFER) {
            early.release();
        }
        early = Unpooled.EMPTY_BUFFER;
    }

    private void causeIfFirst(Cause first) {
        if (cause == null) {
            cause = first;
        }
    }

    /**
     * A reset the gateway sends (idle timeout, a cut) names the end even after a FIN: a half-closed tunnel that then
     * times out did not end cleanly. A reset already seen keeps its cause.
     */
    private void causeOverFin(Cause reset) {
        if (cause == null || cause == Cause.CONSUMER_CLOSED || cause == Cause.TARGET_CLOSED) {
            cause = reset;
        }
    }

    /** SO_LINGER 0 makes close send a TCP reset instead of a FIN. */
    private static void reset(Channel channel) {
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        }
    }

    private void publishClosedIfDone() {
        if (closedPublished || openedAt == null || client.isActive() || (target != null && target.isActive())) {
            return;
        }
        closedPublished = true;
        EventStream events = config.events();
        if (events.wants(PrivateLinkConnectionClosedEvent.class)) {
            events.publish(new PrivateLinkConnectionClosedEvent(flow, openedAt, config.clock().instant(), fromConsumer, toConsumer,
                    Optional.ofNullable(cause).orElse(Cause.CONSUMER_CLOSED)));
        }
    }

    private void publishRefused(PrivateLinkFlow refused, String code, boolean reset) {
        if (refused == null) {
            return;
        }
        EventStream events = config.events();
        if (events.wants(PrivateLinkConnectionRefusedEvent.class)) {
            events.publish(new PrivateLinkConnectionRefusedEvent(refused, config.clock().instant(), code, reset));
        }
    }
}
