package dev.backlane.server.traffic;

import dev.backlane.core.cost.CostAnomaly;
import dev.backlane.core.cost.TrafficVolumes;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The bytes the data plane carried through each component that charges for them ({@code vpce-}, {@code nat-}), per AWS
 * service, since the server started, read from the event stream: AWS calls through a workload's gateway (what left
 * through which component) and PrivateLink connections (through which endpoint). Also kept per hour, for the last
 * day, so a cost spike (F5) shows. The cost model reads it as observed traffic.
 */
public final class TrafficLedger {
    private static final int HOURS_KEPT = 25;
    /** PrivateLink connections to endpoint services carry no AWS service. */
    private static final String ENDPOINT_SERVICE = "endpoint-service";

    private final Supplier<Instant> clock;
    private final Instant started;
    private final Map<String, Account> components = new ConcurrentHashMap<>();
    private final ZoneCrossing zones;
    /** Per component, the bytes that crossed between Availability Zones (the workload in one, the component in another). */
    private final Map<String, Long> crossZone = new ConcurrentHashMap<>();

    /** Whether a workload's traffic through a component ({@code nat-}) crosses between Availability Zones. */
    @FunctionalInterface
    public interface ZoneCrossing {
        ZoneCrossing NEVER = (workloadId, componentId) -> false;

        boolean crosses(String workloadId, String componentId);
    }

    /** One component's bytes: per service in total, and per hour (a ring of {@link #HOURS_KEPT}, by hour since the epoch). */
    private static final class Account {
        /** Mutable totals rather than boxed ones: a {@code Long} per call was garbage on the data plane's threads. */
        private final Map<String, long[]> byService = new TreeMap<>();
        private final long[] hours = new long[HOURS_KEPT];
        private final long[] hourOf = new long[HOURS_KEPT];

        synchronized void add(String service, long bytes, long hour) {
            long[] total = byService.get(service);
            if (total == null) {
                total = new long[1];
                byService.put(service, total);
            }
            total[0] += bytes;
            int slot = (int) Math.floorMod(hour, (long) HOURS_KEPT);
            if (hourOf[slot] != hour) {
                hourOf[slot] = hour;
                hours[slot] = 0;
            }
            hours[slot] += bytes;
        }

        synchronized Map<String, Long> byService() {
            Map<String, Long> copy = new TreeMap<>();
            byService.forEach((service, total) -> copy.put(service, total[0]));
            return copy;
        }

        /** The complete hours from {@code first} to before {@code current} (at most a day), oldest first, zero where nothing passed. */
        synchronized long[] completeHours(long first, long current) {
            long[] out = new long[(int) Math.max(0, Math.min(HOURS_KEPT - 1, current - first))];
            for (int i = 0; i < out.length; i++) {
                long hour = current - out.length + i;
                int slot = (int) Math.floorMod(hour, (long) HOURS_KEPT);
                out[i] = hourOf[slot] == hour ? hours[slot] : 0;
            }
            return out;
        }
    }

    public TrafficLedger(EventStream events, Supplier<Instant> clock) {
        this(events, clock, ZoneCrossing.NEVER);
    }

    public TrafficLedger(EventStream events, Supplier<Instant> clock, ZoneCrossing zones) {
        this.clock = clock;
        this.zones = zones;
        this.started = clock.get();
        // For the stream's life: the ledger lives and dies with the server's data plane.
        events.subscribe(GatewayRequestEvent.class, this::onRequest);
        events.subscribe(PrivateLinkConnectionClosedEvent.class, this::onConnection);
    }

    private void onRequest(GatewayRequestEvent event) {
        if (event.via().isEmpty()) {
            return;
        }
        String service = event.facts().map(facts -> facts.service()).orElse("unknown");
        String via = event.via().get();
        long bytes = event.bytesIn() + event.bytesOut();
        add(via, service, bytes, event.start());
        // Only NAT gateways: PrivateLink's cross-zone transfer is free, and an internet gateway is not in a zone.
        if (bytes > 0 && via.startsWith("nat-") && zones.crosses(event.workloadId(), via)) {
            crossZone.merge(via, bytes, Long::sum);
        }
    }

    private void onConnection(PrivateLinkConnectionClosedEvent event) {
        add(event.flow().endpointId(), ENDPOINT_SERVICE, event.bytesFromConsumer() + event.bytesToConsumer(), event.closedAt());
    }

    private void add(String component, String service, long bytes, Instant at) {
        if (bytes > 0) {
            components.computeIfAbsent(component, id -> new Account()).add(service, bytes, hourOf(at));
        }
    }

    private static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3600L);
    }

    /** What was carried since the server started, scaled to a month of {@code hoursPerMonth} hours. */
    public TrafficVolumes volumes(int hoursPerMonth) {
        Map<String, Map<String, Long>> bytes = new TreeMap<>();
        components.forEach((id, account) -> bytes.put(id, account.byService()));
        return TrafficVolumes.observed(bytes, new TreeMap<>(crossZone), Duration.between(started, clock.get()), hoursPerMonth);
    }

    /**
     * The components whose last complete hour is a cost spike. Only hours the ledger saw whole count: the hours before
     * the server started are not hours without traffic, and counting them as such would make a steady component's
     * baseline small, and its traffic a spike, for the first day.
     */
    public List<CostAnomaly.Signal> anomalies() {
        long current = hourOf(clock.get());
        long first = Math.floorDiv(started.getEpochSecond() + 3599L, 3600L);
        List<CostAnomaly.Signal> signals = new ArrayList<>();
        new TreeMap<>(components).forEach((id, account) -> CostAnomaly.detect(id, account.completeHours(first, current)).ifPresent(signals::add));
        return signals;
    }
}
