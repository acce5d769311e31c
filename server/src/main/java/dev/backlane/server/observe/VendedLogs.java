package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.ServiceAddresses;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.Event;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayConnectionOpenedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.event.TelemetryDeliveryEvent;
import dev.backlane.core.fault.FaultScope;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.fault.TelemetryFate;
import dev.backlane.core.fault.TelemetryKind;
import dev.backlane.core.flowlog.FlowLogCollector;
import dev.backlane.core.flowlog.FlowLogLines;
import dev.backlane.core.flowlog.FlowSample;
import dev.backlane.core.flowlog.FlowSampler;
import dev.backlane.core.flowlog.LogObjectKeys;
import dev.backlane.core.logs.LogDelivery;
import dev.backlane.core.logs.LogEventCommands;
import dev.backlane.core.logs.LogNames;
import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogDestinationOptions;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResolverQueryLogConfig;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.resolver.QueryLogRouting;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;

/**
 * The logs AWS services deliver on a customer's behalf — VPC flow logs and Route 53 Resolver query logs — made
 * from the data plane's events and delivered to their destinations. Subscribers only put events in a bounded inbox
 * (a full inbox drops and counts, it never blocks the data plane); one delivery thread, every {@code period},
 * turns them into flow samples and queries ({@link FlowSampler}, {@link FlowLogCollector}, {@link QueryLogRouting}),
 * and delivers the flow-log windows that ended on the clock and the queries logged since: to CloudWatch Logs
 * through {@link LogDelivery} (a flow log's group, one stream per interface named {@code <eni>-<traffic type>};
 * a query log's group, one stream per VPC), or as gzipped files in AWS's S3 key layout under the data directory.
 * A destination that cannot be written marks the flow log's {@code DeliverLogsStatus} FAILED instead of stopping
 * traffic. Closing delivers everything still open, windows not yet ended included.
 */
public final class VendedLogs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(VendedLogs.class.getName());
    private static final int INBOX_CAPACITY = 100_000;
    private static final int MAX_CONNECTIONS = 100_000;
    private static final int MAX_OPEN_FLOWS_PER_FLOW_LOG = 100_000;
    private static final String ACCESS_ERROR = "Access error";

    private final Cloud cloud;
    private final S3LogFiles files;
    private final LogDelivery delivery = new LogDelivery(LogEventCommands.standard());
    private final FlowSampler sampler;
    private final FlowLogCollector flows = new FlowLogCollector(MAX_OPEN_FLOWS_PER_FLOW_LOG);
    private final Map<QueryLogKey, List<DnsQueryEvent>> queries = new LinkedHashMap<>();
    private final BlockingQueue<Event> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Dropped events already reported as telemetry offered and not delivered. */
    private long droppedReported;
    private final EventStream events;
    private final List<EventStream.Subscription<?>> subscriptions = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final TelemetryFaults telemetryFaults;
    /** Flow-log lines and query-log records an F8 fault holds back, with when they are due, in the order held. */
    private final List<Late> late = new ArrayList<>();

    /** Records held back: flow-log lines of one flow log, or query-log records of one configuration and VPC. */
    private record Late(Instant due, FlowLogLines lines, QueryLogKey key, List<DnsQueryEvent> queries) {}

    /** The queries of one VPC for one query logging configuration since the last delivery. */
    private record QueryLogKey(Scope scope, ResolverQueryLogConfig config, String vpcId) {}

    private VendedLogs(EventStream events, Cloud cloud, Function<String, Optional<Workload>> workloads, Path s3Root, TelemetryFaults telemetryFaults) {
        this.events = requireNonNull(events, "events is null");
        this.telemetryFaults = requireNonNull(telemetryFaults, "telemetryFaults is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.files = new S3LogFiles(requireNonNull(s3Root, "s3Root is null"));
        // A workload removed before its last events are read is still known by the ID it had.
        Map<String, Workload> seen = new ConcurrentHashMap<>();
        this.sampler = new FlowSampler(id -> workloads.apply(id).map(found -> {
            // Written only when new or changed, not once for every event.
            if (seen.get(id) != found) {
                seen.put(id, found);
            }
            return found;
        }).or(() -> Optional.ofNullable(seen.get(id))), ServiceAddresses.standard(), MAX_CONNECTIONS);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlane-vended-logs");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Subscribes to the events and delivers every {@code period} on the cloud's clock. {@code s3Root} is the directory
     * that holds the "s3" destinations' buckets.
     */
    public static VendedLogs start(EventStream events, Cloud cloud, Function<String, Optional<Workload>> workloads, Path s3Root, Duration period) {
        return start(events, cloud, workloads, s3Root, period, TelemetryFaults.NONE);
    }

    /** As {@link #start(EventStream, Cloud, Function, Path, Duration)}, with F8 faults losing or delaying records. */
    public static VendedLogs start(EventStream events, Cloud cloud, Function<String, Optional<Workload>> workloads, Path s3Root, Duration period,
            TelemetryFaults telemetryFaults) {
        VendedLogs logs = new VendedLogs(events, cloud, workloads, s3Root, telemetryFaults);
        for (Class<? extends Event> type : List.of(GatewayConnectionOpenedEvent.class, GatewayRequestEvent.class, GatewayConnectionClosedEvent.class,
                PrivateLinkConnectionOpenedEvent.class, PrivateLinkConnectionClosedEvent.class, PrivateLinkConnectionRefusedEvent.class,
                DnsQueryEvent.class)) {
            logs.subscriptions.add(events.subscribe(type, logs::receive));
        }
        long millis = Math.max(1, period.toMillis());
        logs.scheduler.scheduleWithFixedDelay(logs::deliverSafely, millis, millis, TimeUnit.MILLISECONDS);
        return logs;
    }

    /** How many events the full inbox could not take. */
    public long droppedEvents() {
        return dropped.get();
    }

    /** Reads the events received so far, so that they are sampled while their workloads are still known. */
    public synchronized void takeEvents() {
        process(cloud.snapshot(), cloud.now());
    }

    /** Reads what arrived and delivers the windows that ended and the queries logged: one run of the schedule. */
    public synchronized void deliver() {
        World world = cloud.snapshot();
        Instant now = cloud.now();
        process(world, now);
        deliverFlowLogs(flows.flush(world, now.getEpochSecond()));
        deliverQueries();
        deliverLate(now);
    }

    @Override
    public void close() {
        subscriptions.forEach(EventStream.Subscription::close);
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            World world = cloud.snapshot();
            process(world, cloud.now());
            deliverFlowLogs(flows.drain(world));
            deliverQueries();
            deliverLate(Instant.MAX);
        }
    }

    private void receive(Event event) {
        if (!inbox.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    private void deliverSafely() {
        try {
            deliver();
        } catch (RuntimeException e) {
            // One bad run must not end the schedule: the next one tries again.
            LOG.log(Level.WARNING, "vended logs: delivery failed", e);
        }
    }

    private void process(World world, Instant now) {
        List<Event> batch = new ArrayList<>();
        inbox.drainTo(batch);
        long droppedNow = dropped.get();
        if (droppedNow > droppedReported) {
            // Events the full inbox turned away are flow-log and query-log records lost before they were made.
            report(TelemetryDeliveryEvent.FLOW_LOGS, now, droppedNow - droppedReported, 0);
            droppedReported = droppedNow;
        }
        for (Event event : batch) {
            for (FlowSample sample : samples(world, event)) {
                flows.add(world, sample);
            }
            if (event instanceof DnsQueryEvent query) {
                Scope scope = new Scope(query.accountId(), query.region());
                for (ResolverQueryLogConfig config : QueryLogRouting.configsOf(world, query, now)) {
                    queries.computeIfAbsent(new QueryLogKey(scope, config, query.vpcId()), key -> new ArrayList<>()).add(query);
                }
            }
        }
    }

    private List<FlowSample> samples(World world, Event event) {
        if (event instanceof GatewayRequestEvent request) {
            return sampler.request(world, request);
        }
        if (event instanceof GatewayConnectionOpenedEvent opened) {
            return sampler.opened(opened);
        }
        if (event instanceof GatewayConnectionClosedEvent closed) {
            return sampler.closed(closed);
        }
        if (event instanceof PrivateLinkConnectionOpenedEvent opened) {
            return sampler.privateLinkOpened(world, opened);
        }
        if (event instanceof PrivateLinkConnectionClosedEvent closed) {
            return sampler.privateLinkClosed(world, closed);
        }
        if (event instanceof PrivateLinkConnectionRefusedEvent refused) {
            return sampler.privateLinkRefused(world, refused);
        }
        return List.of();
    }

    private void deliverFlowLogs(List<FlowLogLines> ready) {
        for (FlowLogLines lines : ready) {
            FlowLogLines now = telemetryFaults.acting() ? underFaults(cloud.snapshot(), lines) : lines;
            if (!now.lines().isEmpty()) {
                deliverFlowLog(now, false);
            }
        }
    }

    /**
     * The lines F8 faults let through now: those lost are reported offered and not delivered, those held back are
     * reported offered and kept for a later run.
     */
    private FlowLogLines underFaults(World world, FlowLogLines lines) {
        Scope scope = lines.scope();
        FaultSubject flowLogSubject = FaultSubject.in(scope);
        String resource = lines.flowLog().resourceId();
        flowLogSubject = resource.startsWith("vpc-") ? flowLogSubject.with(FaultScope.Field.VPC, resource)
                : resource.startsWith("subnet-") ? flowLogSubject.with(FaultScope.Field.SUBNET, resource) : flowLogSubject;
        List<FlowLogLines.Line> now = new ArrayList<>();
        Map<Duration, List<FlowLogLines.Line>> held = new LinkedHashMap<>();
        long lost = 0;
        for (FlowLogLines.Line line : lines.lines()) {
            FaultSubject subject = flowLogSubject.with(FaultScope.Field.NETWORK_INTERFACE, line.interfaceId());
            Optional<NetworkInterface> eni = world.hasScope(scope) ? world.find(scope, ResourceTypes.NETWORK_INTERFACE, line.interfaceId())
                    : Optional.empty();
            if (eni.isPresent()) {
                subject = subject.with(FaultScope.Field.VPC, eni.get().vpcId()).with(FaultScope.Field.SUBNET, eni.get().subnetId());
            }
            TelemetryFate fate = telemetryFaults.fate(TelemetryKind.FLOW_LOGS, subject);
            if (fate.lost()) {
                lost++;
            } else if (fate.now()) {
                now.add(line);
            } else {
                held.computeIfAbsent(fate.delay(), delay -> new ArrayList<>()).add(line);
            }
        }
        Instant at = cloud.now();
        report(TelemetryDeliveryEvent.FLOW_LOGS, at, lost, 0);
        held.forEach((delay, kept) -> {
            report(TelemetryDeliveryEvent.FLOW_LOGS, at, kept.size(), 0);
            late.add(new Late(at.plus(delay), new FlowLogLines(scope, lines.flowLog(), kept), null, List.of()));
        });
        return new FlowLogLines(scope, lines.flowLog(), now);
    }

    /** Delivers what F8 faults held back and is due by {@code now}; reported as delivered, having been offered when held. */
    private void deliverLate(Instant now) {
        List<Late> due = late.stream().filter(held -> !held.due().isAfter(now)).toList();
        late.removeAll(due);
        for (Late held : due) {
            if (held.lines() != null) {
                deliverFlowLog(held.lines(), true);
            } else {
                deliverQueries(held.key(), held.queries(), true);
            }
        }
    }

    /** One flow log's lines to its destination; {@code late} lines were reported offered when an F8 fault held them. */
    private void deliverFlowLog(FlowLogLines lines, boolean late) {
        FlowLog flowLog = lines.flowLog();
        switch (flowLog.logDestinationType()) {
            case CLOUD_WATCH_LOGS -> toCloudWatchLogs(lines, late);
            case S3 -> toS3(lines, late);
            case KINESIS_DATA_FIREHOSE -> {
                LOG.fine(() -> flowLog.id() + ": Backlane does not serve Firehose; " + lines.lines().size() + " records not delivered");
                report(TelemetryDeliveryEvent.FLOW_LOGS, cloud.now(), late ? 0 : lines.lines().size(), 0);
            }
        }
    }

    private void toCloudWatchLogs(FlowLogLines lines, boolean late) {
        FlowLog flowLog = lines.flowLog();
        Scope groupScope = groupScope(flowLog.logDestination()).orElse(lines.scope());
        String suffix = "-" + flowLog.trafficType().name().toLowerCase(Locale.ROOT);
        Map<String, List<LogEvent>> byStream = new LinkedHashMap<>();
        for (FlowLogLines.Line line : lines.lines()) {
            byStream.computeIfAbsent(line.interfaceId() + suffix, stream -> new ArrayList<>()).add(new LogEvent(line.startSeconds() * 1000, line.text()));
        }
        try {
            cloud.write(groupScope, transaction -> {
                byStream.forEach((stream, events) -> delivery.deliver(transaction, flowLog.logGroupName(), stream, events));
                return null;
            });
            markDelivery(lines.scope(), flowLog.id(), null);
            report(TelemetryDeliveryEvent.FLOW_LOGS, cloud.now(), late ? 0 : lines.lines().size(), lines.lines().size());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, flowLog.id() + ": cannot deliver to log group " + flowLog.logGroupName(), e);
            markDelivery(lines.scope(), flowLog.id(), ACCESS_ERROR);
            report(TelemetryDeliveryEvent.FLOW_LOGS, cloud.now(), late ? 0 : lines.lines().size(), 0);
        }
    }

    private void toS3(FlowLogLines lines, boolean late) {
        FlowLog flowLog = lines.flowLog();
        if (flowLog.destinationOptions() != null && flowLog.destinationOptions().fileFormat().equals(FlowLogDestinationOptions.PARQUET)) {
            LOG.warning(() -> flowLog.id() + ": Backlane writes plain-text log files only; " + lines.lines().size() + " Parquet records not delivered");
            report(TelemetryDeliveryEvent.FLOW_LOGS, cloud.now(), late ? 0 : lines.lines().size(), 0);
            return;
        }
        StringBuilder text = new StringBuilder(lines.header()).append('\n');
        lines.lines().forEach(line -> text.append(line.text()).append('\n'));
        byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.ofEpochSecond(lines.lines().stream().mapToLong(FlowLogLines.Line::startSeconds).min().orElseThrow());
        FlowLogDestinationOptions options = flowLog.destinationOptions() == null ? FlowLogDestinationOptions.DEFAULTS : flowLog.destinationOptions();
        LogObjectKeys.Bucket bucket = LogObjectKeys.Bucket.of(flowLog.logDestination());
        String key = LogObjectKeys.flowLog(bucket.prefix(), lines.scope().account(), lines.scope().region(), flowLog.id(), at,
                options.hiveCompatiblePartitions(), options.perHourPartition(), LogObjectKeys.hash(content));
        try {
            files.write(bucket.name(), key, content);
            markDelivery(lines.scope(), flowLog.id(), null);
            report(TelemetryDeliveryEvent.FLOW_LOGS, cloud.now(), late ? 0 : lines.lines().size(), lines.lines().size());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, flowLog.id() + ": cannot write " + key + " under " + files.root(), e);
            markDelivery(lines.scope(), flowLog.id(), ACCESS_ERROR);
            report(TelemetryDeliveryEvent.FLOW_LOGS, cloud.now(), late ? 0 : lines.lines().size(), 0);
        }
    }

    /** Sets the flow log's delivery status when it changes: FAILED with AWS's message, or back to SUCCESS. */
    private void markDelivery(Scope scope, String flowLogId, String error) {
        World world = cloud.snapshot();
        boolean changes = world.hasScope(scope) && world.find(scope, ResourceTypes.FLOW_LOG, flowLogId)
                .filter(current -> !java.util.Objects.equals(current.deliverLogsErrorMessage(), error)).isPresent();
        if (!changes) {
            return;
        }
        cloud.write(scope, transaction -> {
            transaction.find(ResourceTypes.FLOW_LOG, flowLogId).filter(current -> !java.util.Objects.equals(current.deliverLogsErrorMessage(), error))
                    .ifPresent(current -> transaction.put(ResourceTypes.FLOW_LOG, current.withDeliveryError(error)));
            return null;
        });
    }

    private void deliverQueries() {
        for (Map.Entry<QueryLogKey, List<DnsQueryEvent>> entry : queries.entrySet()) {
            QueryLogKey key = entry.getKey();
            List<DnsQueryEvent> logged = entry.getValue();
            if (telemetryFaults.acting()) {
                logged = underFaults(key, logged);
            }
            if (!logged.isEmpty()) {
                deliverQueries(key, logged, false);
            }
        }
        queries.clear();
    }

    /** The query-log records F8 faults let through now; those lost or held back are reported offered, the held kept. */
    private List<DnsQueryEvent> underFaults(QueryLogKey key, List<DnsQueryEvent> logged) {
        FaultSubject subject = FaultSubject.in(key.scope()).with(FaultScope.Field.VPC, key.vpcId());
        List<DnsQueryEvent> now = new ArrayList<>();
        Map<Duration, List<DnsQueryEvent>> held = new LinkedHashMap<>();
        long lost = 0;
        for (DnsQueryEvent query : logged) {
            TelemetryFate fate = telemetryFaults.fate(TelemetryKind.QUERY_LOGS, subject);
            if (fate.lost()) {
                lost++;
            } else if (fate.now()) {
                now.add(query);
            } else {
                held.computeIfAbsent(fate.delay(), delay -> new ArrayList<>()).add(query);
            }
        }
        Instant at = cloud.now();
        report(TelemetryDeliveryEvent.QUERY_LOGS, at, lost, 0);
        held.forEach((delay, kept) -> {
            report(TelemetryDeliveryEvent.QUERY_LOGS, at, kept.size(), 0);
            late.add(new Late(at.plus(delay), null, key, kept));
        });
        return now;
    }

    /** One configuration's records for one VPC to its destination; {@code late} ones were reported offered when held. */
    private void deliverQueries(QueryLogKey key, List<DnsQueryEvent> logged, boolean late) {
        long offered = late ? 0 : logged.size();
        String destination = key.config().destinationArn();
        try {
            Optional<Scope> groupScope = groupScope(destination);
            if (groupScope.isPresent()) {
                Matcher arn = LogNames.GROUP_ARN.matcher(destination);
                arn.matches();
                List<LogEvent> events = logged.stream().map(query -> new LogEvent(query.queryTimestamp().toEpochMilli(), query.toJson())).toList();
                cloud.write(groupScope.get(), transaction -> delivery.deliver(transaction, arn.group(3), key.vpcId(), events));
            } else if (LogObjectKeys.Bucket.isBucketArn(destination)) {
                StringBuilder text = new StringBuilder();
                logged.forEach(query -> text.append(query.toJson()).append('\n'));
                byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
                LogObjectKeys.Bucket bucket = LogObjectKeys.Bucket.of(destination);
                files.write(bucket.name(), LogObjectKeys.queryLog(bucket.prefix(), key.scope().account(), key.vpcId(),
                        logged.get(0).queryTimestamp(), LogObjectKeys.hash(content)), content);
            } else {
                // A destination Backlane does not write (Firehose): the records are offered and lost.
                report(TelemetryDeliveryEvent.QUERY_LOGS, cloud.now(), offered, 0);
                return;
            }
            report(TelemetryDeliveryEvent.QUERY_LOGS, cloud.now(), offered, logged.size());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, key.config().id() + ": cannot deliver " + logged.size() + " query log records to " + destination, e);
            report(TelemetryDeliveryEvent.QUERY_LOGS, cloud.now(), offered, 0);
        }
    }

    /** Publishes a delivery run's figures for M9 (telemetry ingestion success). */
    private void report(String sink, Instant at, long offered, long delivered) {
        if (offered > 0 || delivered > 0) {
            events.publish(new TelemetryDeliveryEvent(sink, at, offered, delivered));
        }
    }

    /** The account and region of a log group ARN; empty for any other destination. */
    private static Optional<Scope> groupScope(String destination) {
        Matcher arn = LogNames.GROUP_ARN.matcher(destination);
        return arn.matches() ? Optional.of(new Scope(arn.group(2), arn.group(1))) : Optional.empty();
    }
}
