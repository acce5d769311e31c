package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.gateway.NatGatewayAggregator;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import dev.backlane.core.metrics.gateway.RequestAggregator;
import dev.backlane.core.metrics.gateway.RequestMetrics;
import dev.backlane.core.traffic.Workload;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subscribes to the workload gateways' events and publishes, in the workload's account and region, AWS's
 * {@code AWS/NATGateway} metrics for the calls that left through a NAT gateway ({@link NatGatewayAggregator}) and
 * Backlane's own {@code Backlane/Requests} for every call ({@link RequestAggregator}, at most {@link #MAX_REQUEST_KEYS}
 * combinations of service, action, status and error code before further ones count as {@code Other}): one-minute
 * data put into the server's {@link MetricStore} once each minute has ended, checked every {@code every} with the
 * server's clock, through the same F8 faults as the PrivateLink metrics; and the same figures as Prometheus series
 * ({@link DataPlaneMetrics}). Calls of a workload no longer placed are not counted: their account is not known.
 */
public final class GatewayMetricsPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GatewayMetricsPublisher.class.getName());
    /** How many NAT gateways one minute tracks at most. */
    static final int MAX_NAT_GATEWAYS = 10_000;
    /** How many client connections are remembered at once, to count their connections through NAT gateways as active. */
    static final int MAX_CONNECTIONS = 100_000;
    /** How many combinations of account, region, service, action, status and error code are counted as they are. */
    public static final int MAX_REQUEST_KEYS = 2_000;

    private final NatGatewayAggregator nat = new NatGatewayAggregator(MAX_NAT_GATEWAYS, MAX_CONNECTIONS);
    private final RequestAggregator requests = new RequestAggregator(MAX_REQUEST_KEYS);
    private final MetricDelivery delivery;
    private final DataPlaneMetrics prometheus;
    private final InstantSource clock;
    private final Function<String, Optional<Workload>> workloads;
    private final List<EventStream.Subscription<?>> subscriptions;
    private final ScheduledExecutorService scheduler;

    public GatewayMetricsPublisher(EventStream events, MetricStore store, DataPlaneMetrics prometheus, InstantSource clock,
            Function<String, Optional<Workload>> workloads, Duration every, TelemetryFaults telemetryFaults) {
        this.delivery = new MetricDelivery(store, events, telemetryFaults);
        this.prometheus = requireNonNull(prometheus, "prometheus is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.subscriptions = List.of(
                events.subscribe(GatewayRequestEvent.class, this::request),
                events.subscribe(GatewayConnectionClosedEvent.class, this::closed));
        this.scheduler = MetricDelivery.every("backlane-gateway-metrics", every, this::publishEnded);
    }

    /** Puts every minute that has ended into the store. */
    public void publishEnded() {
        try {
            Instant now = clock.instant();
            List<PrivateLinkAggregator.Published> ready;
            synchronized (this) {
                ready = new ArrayList<>(nat.flush(now));
                ready.addAll(requests.flush(now));
            }
            delivery.put(ready, now);
        } catch (RuntimeException e) {
            // The scheduler must keep running; a failed minute is logged, not fatal.
            LOG.log(Level.WARNING, "publishing the gateways' metrics failed", e);
        }
    }

    /** Puts what the current minute has counted so far into the store as well (the rest of the minute follows when it ends). */
    public void publishNow() {
        Instant now = clock.instant();
        List<PrivateLinkAggregator.Published> ready;
        synchronized (this) {
            ready = new ArrayList<>(nat.flushIncludingCurrent(now));
            ready.addAll(requests.flushIncludingCurrent(now));
        }
        delivery.put(ready, now);
    }

    private void request(GatewayRequestEvent event) {
        Optional<Workload> workload = workloads.apply(event.workloadId());
        if (workload.isEmpty()) {
            return;
        }
        Optional<NatGatewayAggregator.Traffic> traffic;
        RequestMetrics.Key key;
        synchronized (this) {
            traffic = nat.request(workload.get().scope(), event);
            key = requests.request(workload.get().scope(), event);
        }
        traffic.ifPresent(prometheus::natTraffic);
        prometheus.call(key, event.latencyNanos());
    }

    private void closed(GatewayConnectionClosedEvent event) {
        List<NatGatewayAggregator.Traffic> closed;
        synchronized (this) {
            closed = nat.closed(event);
        }
        closed.forEach(prometheus::natTraffic);
    }

    @Override
    public void close() {
        subscriptions.forEach(EventStream.Subscription::close);
        scheduler.shutdownNow();
    }
}
