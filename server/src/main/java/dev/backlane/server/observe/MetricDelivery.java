package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.TelemetryDeliveryEvent;
import dev.backlane.core.fault.FaultScope;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.fault.TelemetryFate;
import dev.backlane.core.fault.TelemetryKind;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Puts the data Backlane publishes as AWS services would into the server's {@link MetricStore}, with F8 faults losing
 * or delaying it (held data is put once due, at a later call), and reports each put's data offered and delivered for
 * M9 as a {@link TelemetryDeliveryEvent}. Thread-safe.
 */
final class MetricDelivery {
    private final MetricStore store;
    private final EventStream events;
    private final TelemetryFaults telemetryFaults;
    /** Data an F8 fault holds back, with when each is due; guarded by itself. */
    private final List<Late> late = new ArrayList<>();

    private record Late(Instant due, PrivateLinkAggregator.Published published) {}

    MetricDelivery(MetricStore store, EventStream events, TelemetryFaults telemetryFaults) {
        this.store = requireNonNull(store, "store is null");
        this.events = requireNonNull(events, "events is null");
        this.telemetryFaults = requireNonNull(telemetryFaults, "telemetryFaults is null");
    }

    /** A daemon thread named {@code threadName} that runs {@code publish} every {@code every}, first after one period. */
    static ScheduledExecutorService every(String threadName, Duration every, Runnable publish) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = every.toMillis();
        scheduler.scheduleWithFixedDelay(publish, millis, millis, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    void put(List<PrivateLinkAggregator.Published> ready, Instant now) {
        boolean faulted = telemetryFaults.acting();
        long delivered = 0;
        for (PrivateLinkAggregator.Published published : ready) {
            TelemetryFate fate = faulted ? telemetryFaults.fate(TelemetryKind.METRICS, subject(published)) : TelemetryFate.DELIVERED;
            if (fate.now()) {
                store.put(published.scope(), List.of(published.datum()), now);
                delivered++;
            } else if (!fate.lost()) {
                synchronized (late) {
                    late.add(new Late(now.plus(fate.delay()), published));
                }
            }
        }
        long deliveredLate = 0;
        synchronized (late) {
            for (Iterator<Late> held = late.iterator(); held.hasNext();) {
                Late next = held.next();
                if (!next.due().isAfter(now)) {
                    store.put(next.published().scope(), List.of(next.published().datum()), now);
                    held.remove();
                    deliveredLate++;
                }
            }
        }
        if (!ready.isEmpty() || deliveredLate > 0) {
            events.publish(new TelemetryDeliveryEvent(TelemetryDeliveryEvent.METRICS, now, ready.size(), delivered + deliveredLate));
        }
    }

    /** What F8 knows of a datum: its account and region, and the endpoint, VPC and subnet its dimensions name. */
    private static FaultSubject subject(PrivateLinkAggregator.Published published) {
        FaultSubject subject = FaultSubject.in(published.scope());
        for (Dimension dimension : published.datum().key().dimensions()) {
            switch (dimension.name()) {
                case "VPC Endpoint Id" -> subject = subject.with(FaultScope.Field.ENDPOINT, dimension.value());
                case "VPC Id" -> subject = subject.with(FaultScope.Field.VPC, dimension.value());
                case "Subnet Id" -> subject = subject.with(FaultScope.Field.SUBNET, dimension.value());
                default -> { }
            }
        }
        return subject;
    }
}
