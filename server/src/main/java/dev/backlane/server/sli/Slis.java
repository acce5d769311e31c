package dev.backlane.server.sli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.cost.PriceList;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.model.Scope;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SliReport;
import dev.backlane.core.sli.SliWindow;
import dev.backlane.core.sli.SloTargets;
import dev.backlane.core.traffic.Workload;
import dev.backlane.server.alert.AlertConfig;
import dev.backlane.server.alert.Alerts;
import dev.backlane.server.traffic.TrafficLedger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server's SLIs: one {@link SliBook} fed by the event stream ({@link SliRecorder}) and the synthetic probes
 * ({@link SyntheticProbes}), read against the guide's SLOs ({@link SloTargets#standard()}) or the SLO file's, and the
 * {@link Alerts} raised on them.
 */
public final class Slis implements AutoCloseable {
    /**
     * Keys kept: endpoints, services, zones, workloads, VPCs, sinks. A key with traffic every minute costs about 0.9 MB
     * once its 31 days of hours fill (0.15 MB at six hours; EventPipelineBenchmark --per-key, bench/README.md), so 500
     * keys stay under about 450 MiB; past that the least recently active key is evicted ({@link SliBook#evicted}).
     */
    public static final int MAX_KEYS = 500;
    public static final Duration PROBE_PERIOD = Duration.ofSeconds(30);

    private final SliBook book;
    private final Supplier<WorldIndex> world;
    private final Supplier<Instant> clock;
    private final TrafficLedger ledger;
    private final SyntheticProbes probes;
    private volatile SliMetricsPublisher publisher;
    private final SloTargets slos;
    private final Alerts alerts;

    public Slis(EventStream events, PathEngine engine, Supplier<WorldIndex> world, Supplier<Instant> clock, TrafficLedger ledger,
            Function<String, Optional<Workload>> workload, Supplier<Collection<Workload>> workloads, Duration probePeriod, AlertConfig alerting,
            Supplier<URI> externalUrl) {
        this.book = new SliBook(MAX_KEYS, alerting.sliSlot());
        this.slos = alerting.slos();
        this.world = world;
        this.clock = clock;
        this.ledger = ledger;
        new SliRecorder(book, events, workload, world);
        this.probes = new SyntheticProbes(book, engine, world, clock, workloads, probePeriod);
        this.alerts = new Alerts(alerting, book, world, clock, externalUrl);
    }

    /** The alerts raised on these SLIs. */
    public Alerts alerts() {
        return alerts;
    }

    /** Publishes the SLIs to CloudWatch's store each minute too, in {@code Backlane/SLI} of the scope given. */
    public void publishTo(MetricStore store, Scope scope) {
        publisher = new SliMetricsPublisher(this::reports, store, scope, clock, Duration.ofMinutes(1));
    }

    /** Puts the current readings into CloudWatch's store now, if published there. */
    public void publishNow() {
        SliMetricsPublisher current = publisher;
        if (current != null) {
            current.publishNow();
        }
    }

    public SliBook book() {
        return book;
    }

    public SyntheticProbes probes() {
        return probes;
    }

    /** Every key's SLIs over the window, against the standard SLOs, as the Prometheus series and CloudWatch metrics export them. */
    public List<SliReport> reports(SliWindow window) {
        WorldIndex index = world.get();
        Instant now = clock.get();
        EndpointFacts facts = new EndpointFacts(index, now, ledger.volumes(PriceList.standard().hoursPerMonth()));
        List<SliReport> reports = new ArrayList<>();
        for (SliKey key : book.keys()) {
            reports.add(book.reportOrEmpty(key, window, now, slos, facts));
        }
        return reports;
    }

    public ObjectNode answer(JsonNode question) {
        WorldIndex index = world.get();
        Instant now = clock.get();
        EndpointFacts facts = new EndpointFacts(index, now, ledger.volumes(PriceList.standard().hoursPerMonth()));
        return SliJson.answer(book, question, now, slos, facts, EndpointFacts.endpointIds(index));
    }

    @Override
    public void close() {
        alerts.close();
        probes.close();
        if (publisher != null) {
            publisher.close();
        }
    }
}
