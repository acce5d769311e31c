package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import dev.backlane.core.metrics.PrivateLinkMetrics;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.World;
import dev.backlane.core.zone.ZoneMappings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subscribes to the data plane's events and publishes what AWS PrivateLink would: one-minute metrics in
 * {@code AWS/PrivateLinkEndpoints} (in the consumer's account) and {@code AWS/PrivateLinkServices} (in the provider's),
 * put into the server's {@link MetricStore} once each minute has ended, checked every {@code every} on a scheduler
 * with the server's clock — and the same figures, with the gateway's and DNS's, as Prometheus series
 * ({@link DataPlaneMetrics}). {@code EndpointsCount} is each endpoint service's available endpoints, counted from the
 * state once a minute. PrivateLink connections count from their events; a workload's AWS call that went
 * through an interface endpoint ({@code via vpce-}) counts as one connection through it, with its bytes both ways, and
 * so does one its endpoint policy denied (the connection was made; the service answered 403). A call the network
 * stopped at the endpoint (its security groups, an F2 or F3 fault: the event names the endpoint, with no {@code via})
 * counts in its PacketsDropped, as AWS counts the packets an endpoint drops, however the gateway showed the block to
 * the client (held, reset or 504): the reset is the gateway's, not an RST the endpoint received from the service
 * (RstPacketsReceived).
 */
public final class PrivateLinkMetricsPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PrivateLinkMetricsPublisher.class.getName());
    /** How many endpoint and service sides one minute tracks at most. */
    static final int MAX_SIDES = 10_000;

    private final PrivateLinkAggregator aggregator = new PrivateLinkAggregator(MAX_SIDES);
    private final InstantSource clock;
    private final PrivateLinkSides sides;
    private final Supplier<World> world;
    /** The last minute whose EndpointsCount was published. */
    private long countedMinute = Long.MIN_VALUE;
    private final DataPlaneMetrics prometheus;
    private final List<EventStream.Subscription<?>> subscriptions;
    private final ScheduledExecutorService scheduler;
    private final MetricDelivery delivery;

    public PrivateLinkMetricsPublisher(EventStream events, MetricStore store, DataPlaneMetrics prometheus, InstantSource clock, Supplier<World> world,
            Function<String, Optional<Workload>> workloads, Duration every) {
        this(events, store, prometheus, clock, world, workloads, every, TelemetryFaults.NONE);
    }

    /**
     * As the other constructor, with F8 faults losing or delaying the CloudWatch data (the Prometheus series are the
     * server's own, not AWS's telemetry, and are left whole). Each put reports its data offered and delivered for M9.
     */
    public PrivateLinkMetricsPublisher(EventStream events, MetricStore store, DataPlaneMetrics prometheus, InstantSource clock, Supplier<World> world,
            Function<String, Optional<Workload>> workloads, Duration every, TelemetryFaults telemetryFaults) {
        this.delivery = new MetricDelivery(store, events, telemetryFaults);
        this.clock = requireNonNull(clock, "clock is null");
        this.prometheus = requireNonNull(prometheus, "prometheus is null");
        this.world = requireNonNull(world, "world is null");
        this.sides = new PrivateLinkSides(world, workloads, ZoneMappings.standard(), prometheus);
        this.subscriptions = List.of(
                events.subscribe(PrivateLinkConnectionOpenedEvent.class, this::opened),
                events.subscribe(PrivateLinkConnectionClosedEvent.class, this::closed),
                events.subscribe(PrivateLinkConnectionRefusedEvent.class, this::refused),
                events.subscribe(GatewayRequestEvent.class, this::request),
                events.subscribe(DnsQueryEvent.class, prometheus::dnsAnswer));
        this.scheduler = MetricDelivery.every("backlane-metrics", every, this::publishEnded);
    }

    /** Puts every minute that has ended into the store, and the endpoint services' EndpointsCount of the last one. */
    public void publishEnded() {
        try {
            List<PrivateLinkAggregator.Published> ready;
            Instant now = clock.instant();
            synchronized (aggregator) {
                ready = aggregator.flush(now);
            }
            put(ready, now);
            long ended = Math.floorDiv(now.getEpochSecond(), 60) * 60 - 60;
            if (ended > countedMinute) {
                countedMinute = ended;
                put(PrivateLinkMetrics.endpointsCounts(world.get(), Instant.ofEpochSecond(ended)), now);
            }
        } catch (RuntimeException e) {
            // The scheduler must keep running; a failed minute is logged, not fatal.
            LOG.log(Level.WARNING, "publishing PrivateLink metrics failed", e);
        }
    }

    /** Puts what the current minute has counted so far into the store as well (the rest of the minute follows when it ends). */
    public void publishNow() {
        List<PrivateLinkAggregator.Published> ready;
        Instant now = clock.instant();
        synchronized (aggregator) {
            ready = aggregator.flushIncludingCurrent(now);
        }
        put(ready, now);
    }

    private void put(List<PrivateLinkAggregator.Published> ready, Instant now) {
        delivery.put(ready, now);
    }

    private void opened(PrivateLinkConnectionOpenedEvent event) {
        PrivateLinkMetrics.EndpointSide endpoint = sides.endpoint(event.flow());
        PrivateLinkMetrics.ServiceSide service = sides.service(event.flow());
        synchronized (aggregator) {
            aggregator.opened(event.openedAt(), endpoint, service);
        }
        prometheus.opened(endpoint, service);
    }

    private void closed(PrivateLinkConnectionClosedEvent event) {
        PrivateLinkMetrics.EndpointSide endpoint = sides.endpoint(event.flow());
        PrivateLinkMetrics.ServiceSide service = sides.service(event.flow());
        long bytes = event.bytesFromConsumer() + event.bytesToConsumer();
        boolean reset = event.cause() == PrivateLinkConnectionClosedEvent.Cause.TARGET_RESET;
        synchronized (aggregator) {
            aggregator.closed(event.closedAt(), endpoint, service, bytes, reset);
        }
        prometheus.closed(endpoint, service, bytes, reset);
    }

    private void refused(PrivateLinkConnectionRefusedEvent event) {
        PrivateLinkMetrics.EndpointSide endpoint = sides.endpoint(event.flow());
        synchronized (aggregator) {
            aggregator.refused(event.at(), endpoint, event.reset());
        }
        prometheus.refused(endpoint, event.reset());
    }

    private void request(GatewayRequestEvent event) {
        prometheus.request(event);
        Optional<Verdict> verdict = event.verdict();
        if (verdict.isEmpty() || verdict.get() == Verdict.PUBLIC || event.endpoint().isEmpty()) {
            return;
        }
        boolean connected = verdict.get() == Verdict.PRIVATE || event.outcome() == GatewayRequestEvent.Outcome.RESPONDED;
        sides.call(event.workloadId(), event.endpoint().get()).ifPresent(call -> {
            if (connected) {
                long bytes = event.bytesIn() + event.bytesOut();
                synchronized (aggregator) {
                    aggregator.call(event.start(), event.latencyNanos() / 1e9, call.side(), bytes);
                }
                prometheus.call(call.series(), bytes);
            } else {
                synchronized (aggregator) {
                    aggregator.refused(event.start(), call.side(), false);
                }
                prometheus.refused(call.side(), false);
            }
        });
    }

    @Override
    public void close() {
        subscriptions.forEach(EventStream.Subscription::close);
        scheduler.shutdownNow();
    }
}
