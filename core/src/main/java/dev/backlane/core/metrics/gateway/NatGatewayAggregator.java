package dev.backlane.core.metrics.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.flowlog.PacketEstimate;
import dev.backlane.core.flowlog.PacketEstimate.Closing;
import dev.backlane.core.flowlog.PacketEstimate.Estimate;
import dev.backlane.core.flowlog.PacketEstimate.Opening;
import dev.backlane.core.metrics.ConnectionGauges;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import dev.backlane.core.metrics.Samples;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns workloads' calls that leave through a NAT gateway (a PUBLIC path {@code via nat-}) into AWS's one-minute
 * {@code AWS/NATGateway} metrics ({@link NatGatewayMetrics}), per NAT gateway.
 *
 * <p>Connections are counted as flow logs count them: each destination a client's connection to the gateway reaches
 * through the NAT gateway is one TCP connection, attempted and established at its first request and closed when the
 * client's connection closes. A first request whose upstream never answered ({@code UPSTREAM_FAILED}) is an attempt
 * that was not established; what it sent is the SYNs a client sends while it waits. Bytes and packets are the IP
 * packets of {@link PacketEstimate}: the payload the gateway relayed cut into full-size segments, each with 52 bytes of
 * headers, plus the handshake's and the closing FINs' packets. A NAT gateway here loses nothing, so what it receives
 * from the source it sends to the destination and the other way round: {@code BytesInFromSource} equals
 * {@code BytesOutToDestination}, and so on. {@code ActiveConnectionCount} is the minute's statistic set of open
 * connections: sample count 1, the time-weighted average as the sum, and the fewest and most open.
 *
 * <p>A gateway with no traffic in a minute and no connection open is not published. Data is given out by {@link #flush}
 * once the time passed to it reaches a minute's end; an event of a minute already given out counts in the earliest open
 * one. Nothing here reads a clock. Not thread-safe: one thread feeds it. Bounded: at most {@code maxGateways} gateways
 * per minute (traffic of further ones counts in {@link #dropped}) and {@code maxConnections} client connections
 * remembered (connections past that count in attempts, bytes and packets, but not as active).
 */
public final class NatGatewayAggregator {
    private static final long MINUTE = 60;

    private final int maxGateways;
    private final int maxConnections;
    private final TreeMap<Long, Map<Gateway, Counters>> windows = new TreeMap<>();
    private final ConnectionGauges<Gateway> gauges = new ConnectionGauges<>();
    private final Map<ConnectionKey, Map<String, Gateway>> connections = new HashMap<>();
    private long flushedUntil = Long.MIN_VALUE;
    private long dropped;

    /** A NAT gateway, in the account and region of the workload whose path it is on. */
    public record Gateway(Scope scope, String natGatewayId) {
        public Gateway {
            requireNonNull(scope, "scope is null");
            requireNonNull(natGatewayId, "natGatewayId is null");
        }
    }

    /**
     * What one event added at a NAT gateway: connections attempted and established, packets and bytes from the source
     * (the workload) and from the destination, and the change in open connections (+1, -1 or 0). The Prometheus series
     * add these up.
     */
    public record Traffic(Gateway gateway, long attempts, long established, long packetsFromSource, long bytesFromSource,
            long packetsFromDestination, long bytesFromDestination, int openChange) {
        public Traffic {
            requireNonNull(gateway, "gateway is null");
        }
    }

    private record ConnectionKey(String workloadId, String clientAddress, int clientPort) {}

    private static final class Counters {
        long attempts;
        long established;
        long packetsFromSource;
        long bytesFromSource;
        long packetsFromDestination;
        long bytesFromDestination;
        final ConnectionGauges.Window active = new ConnectionGauges.Window();
    }

    public NatGatewayAggregator(int maxGateways, int maxConnections) {
        if (maxGateways <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("maxGateways and maxConnections must be positive: " + maxGateways + ", " + maxConnections);
        }
        this.maxGateways = maxGateways;
        this.maxConnections = maxConnections;
    }

    /** A call of a workload in {@code scope}; counted when its path left through a NAT gateway, else ignored. */
    public Optional<Traffic> request(Scope scope, GatewayRequestEvent event) {
        Optional<String> nat = event.via().filter(via -> via.startsWith("nat-"));
        if (nat.isEmpty() || event.verdict().filter(verdict -> verdict == Verdict.PUBLIC).isEmpty()) {
            return Optional.empty();
        }
        Gateway gateway = new Gateway(scope, nat.get());
        ConnectionKey key = new ConnectionKey(event.workloadId(), event.clientAddress(), event.clientPort());
        String destination = event.destination().map(to -> to.address() + ":" + to.port())
                .or(() -> event.facts().map(facts -> facts.hostname())).orElse("");
        Map<String, Gateway> legs = connections.get(key);
        boolean first = legs == null || !legs.containsKey(destination);
        Traffic traffic;
        if (first && event.outcome() == GatewayRequestEvent.Outcome.UPSTREAM_FAILED) {
            Estimate syns = PacketEstimate.unansweredSyns(event.latencyNanos());
            traffic = new Traffic(gateway, 1, 0, syns.packets(), syns.bytes(), 0, 0, 0);
        } else {
            Estimate sent = PacketEstimate.tcp(event.bytesIn(), first ? Opening.INITIATOR : Opening.NONE, Closing.NONE);
            Estimate answered = PacketEstimate.tcp(event.bytesOut(), first ? Opening.RESPONDER : Opening.NONE, Closing.NONE);
            boolean remembered = first && remember(key, destination, gateway);
            traffic = new Traffic(gateway, first ? 1 : 0, first ? 1 : 0, sent.packets(), sent.bytes(), answered.packets(), answered.bytes(),
                    remembered ? 1 : 0);
        }
        add(traffic, event.start());
        return Optional.of(traffic);
    }

    /** A client's connection closed: each connection it had through a NAT gateway ends with a FIN each way. */
    public List<Traffic> closed(GatewayConnectionClosedEvent event) {
        Map<String, Gateway> legs = connections.remove(new ConnectionKey(event.workloadId(), event.clientAddress(), event.clientPort()));
        if (legs == null) {
            return List.of();
        }
        Estimate fin = PacketEstimate.tcp(0, Opening.NONE, Closing.FIN);
        List<Traffic> closed = new ArrayList<>(legs.size());
        for (Gateway gateway : legs.values()) {
            Traffic traffic = new Traffic(gateway, 0, 0, fin.packets(), fin.bytes(), fin.packets(), fin.bytes(), -1);
            add(traffic, event.closedAt());
            closed.add(traffic);
        }
        return closed;
    }

    /** How many events were not counted because too many gateways were tracked in their minute. */
    public long dropped() {
        return dropped;
    }

    /** The metrics of every minute that ended at or before {@code now}, oldest first. */
    public List<PrivateLinkAggregator.Published> flush(Instant now) {
        long nowSecond = now.getEpochSecond();
        List<PrivateLinkAggregator.Published> published = new ArrayList<>();
        while (!windows.isEmpty() && windows.firstKey() + MINUTE <= nowSecond) {
            Map.Entry<Long, Map<Gateway, Counters>> entry = windows.pollFirstEntry();
            publish(entry.getKey(), entry.getValue(), published, entry.getKey() + MINUTE);
            flushedUntil = entry.getKey() + MINUTE;
        }
        // Minutes in which nothing happened still have the connections open from before active in them (at most an hour of them).
        long current = Math.floorDiv(nowSecond, MINUTE) * MINUTE;
        if (!gauges.isEmpty() && flushedUntil != Long.MIN_VALUE) {
            for (long minute = Math.max(flushedUntil, current - 60 * MINUTE); minute + MINUTE <= nowSecond; minute += MINUTE) {
                publish(minute, new LinkedHashMap<>(), published, minute + MINUTE);
            }
        }
        flushedUntil = Math.max(flushedUntil, current);
        gauges.forgetClosed();
        return published;
    }

    /**
     * {@link #flush}, and what the current minute has counted until {@code now}, given out now and forgotten, so that the
     * rest of the minute is given out on its own when it ends (two data points at the minute's timestamp whose sums add up).
     */
    public List<PrivateLinkAggregator.Published> flushIncludingCurrent(Instant now) {
        List<PrivateLinkAggregator.Published> published = flush(now);
        long current = Math.floorDiv(now.getEpochSecond(), MINUTE) * MINUTE;
        Map<Gateway, Counters> window = windows.remove(current);
        if (window != null || !gauges.isEmpty()) {
            publish(current, window == null ? new LinkedHashMap<>() : window, published, now.getEpochSecond() + now.getNano() / 1e9);
        }
        return published;
    }

    private boolean remember(ConnectionKey key, String destination, Gateway gateway) {
        Map<String, Gateway> legs = connections.get(key);
        if (legs == null) {
            if (connections.size() >= maxConnections) {
                return false;
            }
            legs = new LinkedHashMap<>();
            connections.put(key, legs);
        }
        legs.put(destination, gateway);
        return true;
    }

    private void add(Traffic traffic, Instant at) {
        long minute = Math.max(Math.floorDiv(at.getEpochSecond(), MINUTE) * MINUTE, flushedUntil);
        Map<Gateway, Counters> window = windows.computeIfAbsent(minute, ignored -> new LinkedHashMap<>());
        Counters counters = window.get(traffic.gateway());
        if (counters == null) {
            if (window.size() >= maxGateways) {
                dropped++;
                return;
            }
            counters = new Counters();
            window.put(traffic.gateway(), counters);
        }
        counters.attempts += traffic.attempts();
        counters.established += traffic.established();
        counters.packetsFromSource += traffic.packetsFromSource();
        counters.bytesFromSource += traffic.bytesFromSource();
        counters.packetsFromDestination += traffic.packetsFromDestination();
        counters.bytesFromDestination += traffic.bytesFromDestination();
        gauges.change(traffic.gateway(), counters.active, minute, at, traffic.openChange());
    }

    /** Adds the window's metrics, counting connections open until {@code end} (the minute's end, or now for the current one). */
    private void publish(long minute, Map<Gateway, Counters> window, List<PrivateLinkAggregator.Published> published, double end) {
        gauges.openKeys().forEach(gateway -> window.putIfAbsent(gateway, new Counters()));
        Instant at = Instant.ofEpochSecond(minute);
        window.forEach((gateway, counters) -> {
            gauges.carry(gateway, counters.active, minute, end);
            Map<String, Samples> values = new LinkedHashMap<>();
            values.put(NatGatewayMetrics.ACTIVE_CONNECTION_COUNT, counters.active.statistics(end - minute));
            values.put(NatGatewayMetrics.BYTES_IN_FROM_DESTINATION, Samples.of(counters.bytesFromDestination, 1));
            values.put(NatGatewayMetrics.BYTES_IN_FROM_SOURCE, Samples.of(counters.bytesFromSource, 1));
            values.put(NatGatewayMetrics.BYTES_OUT_TO_DESTINATION, Samples.of(counters.bytesFromSource, 1));
            values.put(NatGatewayMetrics.BYTES_OUT_TO_SOURCE, Samples.of(counters.bytesFromDestination, 1));
            values.put(NatGatewayMetrics.CONNECTION_ATTEMPT_COUNT, Samples.of(counters.attempts, 1));
            values.put(NatGatewayMetrics.CONNECTION_ESTABLISHED_COUNT, Samples.of(counters.established, 1));
            values.put(NatGatewayMetrics.PACKETS_IN_FROM_DESTINATION, Samples.of(counters.packetsFromDestination, 1));
            values.put(NatGatewayMetrics.PACKETS_IN_FROM_SOURCE, Samples.of(counters.packetsFromSource, 1));
            values.put(NatGatewayMetrics.PACKETS_OUT_TO_DESTINATION, Samples.of(counters.packetsFromSource, 1));
            values.put(NatGatewayMetrics.PACKETS_OUT_TO_SOURCE, Samples.of(counters.packetsFromDestination, 1));
            List<Dimension> dimensions = List.of(new Dimension(NatGatewayMetrics.NAT_GATEWAY_ID, gateway.natGatewayId()));
            values.forEach((name, samples) -> published.add(new PrivateLinkAggregator.Published(gateway.scope(),
                    new MetricDatum(new MetricKey(NatGatewayMetrics.NAMESPACE, name, dimensions), at, NatGatewayMetrics.unit(name), 60, samples))));
        });
    }
}
