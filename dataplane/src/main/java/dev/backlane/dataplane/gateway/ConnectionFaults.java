package dev.backlane.dataplane.gateway;

import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.dataplane.toxic.StreamBreakHandler;
import dev.backlane.dataplane.toxic.ToxicHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults acting on the bytes of one client connection (toxics, F7's added latency, F6), each as a handler of its
 * own next to the socket, named by the fault's ID, laid when the connection starts carrying traffic in the fault's
 * scope (or when the fault starts, on the connections already open) and taken off when the fault ends. Each fault is
 * decided once per connection, as Toxiproxy decides toxicity once per link. Remembers what the connection carries and
 * since when, so a fault starting later knows whether it covers it and whether it was established before. Lives in a
 * channel attribute and runs on the channel's event loop.
 */
final class ConnectionFaults {
    private static final AttributeKey<ConnectionFaults> KEY = AttributeKey.valueOf(ConnectionFaults.class, "faults");
    /** The handler after which faults sit: the byte counter, so it counts what the wire carries. */
    private static final String AFTER = "traffic";

    private final Instant since;
    private final Set<String> decided = new HashSet<>();
    private ConnectionTraffic traffic;

    private ConnectionFaults(Instant since, ConnectionTraffic traffic) {
        this.since = since;
        this.traffic = traffic;
    }

    /**
     * The connection carries this now (a request or tunnel judged): lays the faults the decider finds acting on it. The
     * clock is read for the connection's first traffic only (its since).
     */
    static void carrying(Channel channel, ConnectionTraffic traffic, GatewayDecider decider, InstantSource clock) {
        Attribute<ConnectionFaults> attribute = channel.attr(KEY);
        ConnectionFaults state = attribute.get();
        if (state == null) {
            state = new ConnectionFaults(clock.instant(), traffic);
            attribute.set(state);
        } else {
            state.traffic = traffic;
        }
        List<Fault> faults = decider.connectionFaults(traffic);
        if (!faults.isEmpty()) {
            state.lay(channel, faults);
        }
    }

    /** A tunnel was judged: a tunnel opened carries its endpoint service's traffic through its endpoint. */
    static void tunnel(Channel channel, TunnelDecision decision, GatewayDecider decider, InstantSource clock) {
        if (decision instanceof TunnelDecision.Tunnel tunnel) {
            carrying(channel, new ConnectionTraffic(Optional.of(tunnel.flow().serviceId()), Optional.of(tunnel.flow().endpointId())), decider, clock);
        }
    }

    /** A fault started: lays it on the connection if it has carried traffic the decider finds it covering. */
    static void faultsStarted(Channel channel, GatewayDecider decider) {
        ConnectionFaults state = channel.attr(KEY).get();
        if (state != null) {
            state.lay(channel, decider.connectionFaults(state.traffic));
        }
    }

    /** The fault ended: its handler leaves the connection (letting go what it held). */
    static void lift(Channel channel, String faultId) {
        if (channel.pipeline().get(faultId) != null) {
            channel.pipeline().remove(faultId);
        }
    }

    /** Whether bytes must pass through the connection's pipeline (no splice past it): a fault acts on them. */
    static boolean acting(Channel channel) {
        // Mostly no fault was ever laid on the connection: answered from its state without walking the pipeline.
        ConnectionFaults state = channel.attr(KEY).get();
        if (state == null || state.decided.isEmpty()) {
            return false;
        }
        ChannelPipeline pipeline = channel.pipeline();
        for (String faultId : state.decided) {
            if (pipeline.get(faultId) != null) {
                return true;
            }
        }
        return false;
    }

    private void lay(Channel channel, List<Fault> faults) {
        for (Fault fault : faults) {
            if (!channel.isOpen() || !decided.add(fault.id())) {
                continue;
            }
            ChannelHandler handler = handler(fault);
            if (handler != null) {
                ChannelPipeline pipeline = channel.pipeline();
                if (pipeline.get(AFTER) != null) {
                    pipeline.addAfter(AFTER, fault.id(), handler);
                } else {
                    pipeline.addFirst(fault.id(), handler);
                }
            }
        }
    }

    /** The fault's handler for this connection, or null when it spares it. */
    private ChannelHandler handler(Fault fault) {
        if (fault.kind() == FaultKind.F6_ASYMMETRIC_ROUTING) {
            // F6 breaks established connections only: those that carried traffic before it began. New ones still open.
            return since.isBefore(fault.startTime()) ? new StreamBreakHandler(fault.parameters().mode().orElseThrow()) : null;
        }
        return fault.parameters().toxic().filter(toxic -> toxic.toxicity() >= 1 || ThreadLocalRandom.current().nextDouble() < toxic.toxicity())
                .map(toxic -> ToxicHandler.of(toxic, ThreadLocalRandom.current())).orElse(null);
    }
}
