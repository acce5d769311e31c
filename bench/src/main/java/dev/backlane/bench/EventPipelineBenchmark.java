package dev.backlane.bench;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.Event;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.observe.DataPlaneMetrics;
import dev.backlane.server.observe.PrivateLinkMetricsPublisher;
import dev.backlane.server.observe.VendedLogs;
import dev.backlane.server.sli.SliRecorder;
import dev.backlane.server.sli.Slis;
import dev.backlane.server.traffic.TrafficLedger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The event pipeline's cost on the publisher's thread (the data plane's I/O threads in the server) and its memory after
 * an hour of traffic. A small world from {@link PathExplainBenchmark#generate}: 3 VPCs, 100 of their workloads, the
 * 20 endpoints' IDs used as {@code via} (6 real ones, 14 more named), 10 services. Events are a realistic mix: 70%
 * {@link GatewayRequestEvent} (mostly through an endpoint, some to the internet, some blocked at an endpoint's interface),
 * 30% {@link DnsQueryEvent} (A answers for AWS names, private and public). Part 1 publishes on one thread to each
 * subscriber alone and to all together; part 2 feeds 3.6 million events (an hour at 1,000/s on a fake clock) to all of
 * them and reports the heap afterwards. Run with
 * {@code java -cp bench/target/benchmarks.jar dev.backlane.bench.EventPipelineBenchmark [events-per-pass]}, or part 1 alone at a
 * gateway's pace with {@code --paced EVENTS-PER-SECOND EVENTS-PER-PASS}.
 */
public final class EventPipelineBenchmark {
    private static final int WORKLOADS = 100;
    private static final int ENDPOINTS = 20;
    private static final String[] SERVICES = {"sts", "s3", "ec2", "sqs", "sns", "kms", "logs", "secretsmanager", "dynamodb", "lambda"};
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final World world;
    private final Map<String, Workload> workloads;
    private final List<String> endpointIds;
    private final List<String> endpointInterfaces;
    private final List<String> vpcIds;
    private final PathEngine engine;

    /** A clock the benchmark moves: the server's clock during the simulated hour. */
    private static final class FakeClock implements InstantSource {
        private volatile long millis = START.toEpochMilli();

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        void advanceMillis(long by) {
            millis += by;
        }
    }

    /** One configuration of subscribers on a fresh stream; closing ends the vended logs' thread. */
    private record Pipeline(EventStream stream, SliBook book, VendedLogs logs, PrivateLinkMetricsPublisher metrics) implements AutoCloseable {
        @Override
        public void close() {
            if (logs != null) {
                logs.close();
            }
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    private EventPipelineBenchmark() {
        List<String> enis = new ArrayList<>();
        this.world = PathExplainBenchmark.generate(3, enis);
        this.workloads = new java.util.LinkedHashMap<>();
        for (int i = 0; i < WORKLOADS; i++) {
            String id = "wl-" + i;
            workloads.put(id, new Workload(id, PathExplainBenchmark.SCOPE, enis.get(i % enis.size()), Optional.empty(),
                    "arn:aws:iam::111122223333:role/app-" + (i % 7), false));
        }
        java.util.Collection<VpcEndpoint> endpoints = world.all(PathExplainBenchmark.SCOPE, ResourceTypes.VPC_ENDPOINT);
        this.endpointIds = new ArrayList<>(endpoints.stream().map(VpcEndpoint::id).toList());
        for (int i = endpointIds.size(); i < ENDPOINTS; i++) {
            endpointIds.add(String.format("vpce-%017x", 0xbe_0000L + i));
        }
        this.endpointInterfaces = endpoints.stream().filter(endpoint -> endpoint.type() == VpcEndpointType.INTERFACE)
                .flatMap(endpoint -> endpoint.networkInterfaceIds().stream()).toList();
        this.vpcIds = world.all(PathExplainBenchmark.SCOPE, ResourceTypes.VPC).stream().map(vpc -> vpc.id()).toList();
        this.engine = new PathEngine(InstantSource.fixed(START));
    }

    public static void main(String[] args) throws IOException {
        EventPipelineBenchmark bench = new EventPipelineBenchmark();
        System.out.printf("world: %d VPCs, %d workloads, %d endpoint IDs, %d services; %d cores, load %.1f%n", bench.vpcIds.size(), WORKLOADS,
                ENDPOINTS, SERVICES.length, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path s3Root = Files.createTempDirectory("backlane-bench-logs");
        if (args.length > 0 && args[0].equals("--per-key")) {
            perKey(Integer.parseInt(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("--paced")) {
            // Part 1 only, at RATE events/s, as a gateway's event loop publishes, rather than as fast as one thread can.
            bench.rates(Integer.parseInt(args[2]), s3Root, Integer.parseInt(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("--minutes")) {
            // Memory only: MINUTES simulated minutes at 1,000 events/s, the heap printed every EVERY minutes.
            int minutes = Integer.parseInt(args[1]);
            int every = args.length > 3 && args[2].equals("--every") ? Integer.parseInt(args[3]) : Math.max(1, minutes / 12);
            bench.memory(s3Root, minutes, every);
            return;
        }
        int perPass = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        bench.rates(perPass, s3Root, 0);
        bench.memory(s3Root, 60, 10);
        bench.scrape(args.length > 1 ? Integer.parseInt(args[1]) : 10_000);
    }

    /**
     * Part 3: the Prometheus exposition ({@code /_backlane/metrics}'s body) of {@code series} request counters, one per
     * service and status (100 services), plus the latency histogram and the DNS counters; 50 scrapes, p50 and p99.
     */
    private void scrape(int series) throws IOException {
        EventStream stream = new EventStream();
        DataPlaneMetrics prometheus = new DataPlaneMetrics();
        FakeClock clock = new FakeClock();
        Cloud cloud = new Cloud(world, clock, IdSource.sequential(), transaction -> {}, ChangeSink.none());
        try (PrivateLinkMetricsPublisher publisher = new PrivateLinkMetricsPublisher(stream, MetricStore.standard(), prometheus, clock,
                cloud::snapshot, id -> Optional.ofNullable(workloads.get(id)), Duration.ofHours(2))) {
            for (int i = 0; i < series; i++) {
                RequestFacts facts = new RequestFacts("service" + (i % 100), "us-east-1", Optional.empty(), "x.amazonaws.com", "Get", "x:Get", "*");
                stream.publish(new GatewayRequestEvent("wl-0", "10.0.0.10", 40_000, "POST", Optional.of(facts), Optional.of(Verdict.PUBLIC),
                        Optional.of("igw-0000000000000001"), Optional.empty(), GatewayRequestEvent.Outcome.FORWARDED, 100 + i / 100, 900, 2000, START,
                        1_000_000));
            }
            long[] nanos = new long[60];
            int bytes = 0;
            for (int i = 0; i < nanos.length; i++) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 20);
                long start = System.nanoTime();
                prometheus.write(out);
                nanos[i] = System.nanoTime() - start;
                bytes = out.size();
            }
            // The first ten are warm-up.
            long[] measured = Arrays.copyOfRange(nanos, 10, nanos.length);
            Arrays.sort(measured);
            System.out.printf("scrape of %,d request series (%,d bytes of exposition): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d scrapes"
                    + " (first, cold: %.1f ms)%n", series, bytes, measured[measured.length / 2] / 1e6, measured[(int) Math.ceil(measured.length * 0.99) - 1] / 1e6,
                    measured[measured.length - 1] / 1e6, measured.length, nanos[0] / 1e6);
        }
    }

    /**
     * Part 1: events/s through publish on this thread, per subscriber configuration. With the machine shared (load far above its
     * cores) wall time mostly measures waiting for a core, so the rate is also given per second of this thread's CPU time,
     * and per second of the whole process's (the subscribers' own threads, and the collector, included). At a {@code rate}
     * (events/s; 0: as fast as the thread can) the thread publishes a batch of 100 events and parks until the next is due,
     * as an event loop between its calls, so that subscribers that hand their work to a thread of their own can keep up.
     */
    private void rates(int perPass, Path s3Root, int rate) {
        Event[] pool = events(new SplittableRandom(7), 8192, START, 0);
        for (String config : List.of("none", "ledger", "sli", "vended-logs", "metrics", "all")) {
            try (Pipeline pipeline = pipeline(config, new FakeClock(), s3Root, Duration.ofMillis(50))) {
                pass(pipeline.stream(), pool, perPass, rate);
                double[][] rates = new double[3][];
                for (int i = 0; i < rates.length; i++) {
                    rates[i] = pass(pipeline.stream(), pool, perPass, rate);
                }
                Arrays.sort(rates, (a, b) -> Double.compare(a[1], b[1]));
                double[] median = rates[1];
                String dropped = pipeline.logs() == null ? "" : ", vended-logs inbox dropped " + pipeline.logs().droppedEvents();
                System.out.printf("publish %-12s CPU %,12.0f events/s = %6.0f ns/event (process %6.0f ns/event); wall %,12.0f events/s"
                        + " (median of 3 passes of %,d; failures %d%s)%n", config, median[1], 1e9 / median[1], 1e9 / median[2], median[0], perPass,
                        pipeline.stream().failures(), dropped);
            }
        }
    }

    /** Events per second of wall time, of this thread's CPU time and of the process's CPU time. */
    private static double[] pass(EventStream stream, Event[] pool, int count, int rate) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            stream.publish(pool[i & (pool.length - 1)]);
            if (rate > 0 && i % 100 == 99) {
                long due = start + (long) ((i + 1) * 1e9 / rate);
                for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                }
            }
        }
        long wall = System.nanoTime() - start;
        long thread = threads.getCurrentThreadCpuTime() - cpu;
        return new double[] {count / (wall / 1e9), count / (thread / 1e9), count / ((os.getProcessCpuTime() - process) / 1e9)};
    }

    /**
     * Part 2: {@code minutes} (an hour by default) at 1,000 events/s on a fake clock into all subscribers, the heap after
     * GC printed every {@code every} simulated minutes and at the end. Past 6 hours the SLIs' minute rings are full and
     * the heap should level off: what is kept is bounded by the keys, not by the traffic.
     */
    private void memory(Path s3Root, int minutes, int every) {
        long before = usedAfterGc();
        FakeClock clock = new FakeClock();
        SplittableRandom random = new SplittableRandom(11);
        long started = System.nanoTime();
        System.out.printf("memory: %d simulated minutes at 1,000 events/s, heap printed every %d; before the subscribers %.1f MB%n", minutes, every,
                before / 1e6);
        try (Pipeline pipeline = pipeline("all", clock, s3Root, Duration.ofDays(365))) {
            for (int second = 0; second < minutes * 60; second++) {
                Instant at = clock.instant();
                for (Event event : events(random, 1000, at, 1)) {
                    pipeline.stream().publish(event);
                }
                clock.advanceMillis(1000);
                // The delivery thread's run each second, on the fake clock (its own schedule is set beyond the hour).
                pipeline.logs().deliver();
                if ((second + 1) % (every * 60) == 0 && second + 1 < minutes * 60) {
                    long now = usedAfterGc();
                    System.out.printf("  after %4d min: heap used after GC %.1f MB (%.1f MB for the pipeline), SliBook keys %d%n", (second + 1) / 60,
                            now / 1e6, (now - before) / 1e6, pipeline.book().keys().size());
                }
            }
            long after = usedAfterGc();
            System.out.printf("%d min at 1,000 events/s: %,d events in %.1f s; heap used after GC %.1f MB (before the subscribers %.1f MB,"
                    + " so %.1f MB for the pipeline); SliBook keys %d (evicted %d); vended-logs inbox dropped %d%n", minutes, minutes * 60_000L,
                    (System.nanoTime() - started) / 1e9, after / 1e6, before / 1e6, (after - before) / 1e6, pipeline.book().keys().size(),
                    pipeline.book().evicted(), pipeline.logs().droppedEvents());
        }
    }

    /**
     * Part 4: what one SLI key costs on the heap once its rings are full, without the rest of the pipeline: {@code keys}
     * keys each get ten requests a minute (varied latency, mostly 200s, some 404, 429 and 503) for six hours (the minute
     * ring full) and then for 31 days (the hour ring full too); the heap after GC over the number of keys.
     */
    private static void perKey(int keys) {
        long before = usedAfterGc();
        SliBook book = new SliBook(keys + 1);
        List<List<SliKey>> keyLists = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            keyLists.add(List.of(new SliKey(SliKey.Kind.ENDPOINT, String.format("vpce-%017x", k))));
        }
        SplittableRandom random = new SplittableRandom(11);
        int[] statuses = {200, 200, 200, 200, 200, 200, 200, 404, 429, 503};
        long minute = 0;
        for (long until : new long[] {6 * 60, 31 * 24 * 60}) {
            for (; minute < until; minute++) {
                Instant at = START.plusSeconds(minute * 60);
                for (List<SliKey> key : keyLists) {
                    for (int i = 0; i < 10; i++) {
                        // Latency log-uniform from 0.1 ms to 1 s.
                        long nanos = (long) (100_000 * Math.pow(10_000, random.nextDouble()));
                        book.request(at, key, statuses[random.nextInt(statuses.length)], nanos, 1024);
                    }
                }
            }
            long used = usedAfterGc() - before;
            System.out.printf("SLI per-key cost after %s: %,d bytes a key (%d keys, %.1f MB); at %,d keys: %.0f MiB%n",
                    until == 360 ? "6 hours" : "31 days", used / keys, keys, used / 1e6, Slis.MAX_KEYS, (double) used / keys * Slis.MAX_KEYS / (1 << 20));
        }
        if (book.keys().size() != keys + 1) {
            throw new IllegalStateException("keys lost: " + book.keys().size());
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private Pipeline pipeline(String config, FakeClock clock, Path s3Root, Duration deliveryPeriod) {
        return pipeline(config, new EventStream(), clock, s3Root, deliveryPeriod);
    }

    /**
     * Every subscriber the server has on the data plane's events (the traffic ledger, the SLIs, the vended logs, the
     * PrivateLink metrics with their Prometheus series), on {@code stream}, over this benchmark's world: what
     * {@code GatewayBenchServer gateway-observed} runs behind its gateway. Closing stops their threads.
     */
    public static AutoCloseable subscribeAll(EventStream stream, InstantSource clock) throws IOException {
        EventPipelineBenchmark bench = new EventPipelineBenchmark();
        return bench.pipeline("all", stream, clock, Files.createTempDirectory("backlane-bench-logs"), Duration.ofSeconds(1));
    }

    /** An endpoint ID of this world, for a gateway whose calls are to go through it. */
    public static String anEndpointId() {
        return new EventPipelineBenchmark().endpointIds.get(0);
    }

    private Pipeline pipeline(String config, EventStream stream, InstantSource clock, Path s3Root, Duration deliveryPeriod) {
        Cloud cloud = new Cloud(world, clock, IdSource.sequential(), transaction -> {}, ChangeSink.none());
        Supplier<WorldIndex> index = () -> engine.index(cloud.snapshot());
        Function<String, Optional<Workload>> lookup = id -> Optional.ofNullable(workloads.get(id));
        SliBook book = new SliBook(20_000);
        VendedLogs logs = null;
        PrivateLinkMetricsPublisher metrics = null;
        if (config.equals("ledger") || config.equals("all")) {
            new TrafficLedger(stream, clock::instant);
        }
        if (config.equals("sli") || config.equals("all")) {
            new SliRecorder(book, stream, lookup, index);
        }
        if (config.equals("vended-logs") || config.equals("all")) {
            logs = VendedLogs.start(stream, cloud, lookup, s3Root, deliveryPeriod);
        }
        if (config.equals("metrics") || config.equals("all")) {
            metrics = new PrivateLinkMetricsPublisher(stream, MetricStore.standard(), new DataPlaneMetrics(), clock, cloud::snapshot, lookup,
                    Duration.ofMinutes(1));
        }
        return new Pipeline(stream, book, logs, metrics);
    }

    /**
     * {@code count} events from {@code at}, {@code stepMillis} apart: 70% calls through a workload's gateway (80% of them through an
     * endpoint and answered 200, 10% to the internet, 10% blocked at an endpoint's interface by its security group),
     * 30% DNS A queries for an AWS name (private answers for the STS name, public for the others).
     */
    private Event[] events(SplittableRandom random, int count, Instant at, long stepMillis) {
        List<String> ids = List.copyOf(workloads.keySet());
        Event[] events = new Event[count];
        for (int i = 0; i < count; i++) {
            Instant when = at.plusMillis(i * stepMillis);
            String service = SERVICES[random.nextInt(SERVICES.length)];
            if (random.nextInt(10) < 7) {
                String workload = ids.get(random.nextInt(ids.size()));
                RequestFacts facts = new RequestFacts(service, "us-east-1", Optional.of("AKIAIOSFODNN7EXAMPLE"), service + ".us-east-1.amazonaws.com",
                        "GetThing", service + ":GetThing", "*");
                int kind = random.nextInt(10);
                if (kind < 8) {
                    events[i] = new GatewayRequestEvent(workload, "10.0.0.10", 40_000 + random.nextInt(20_000), "POST", Optional.of(facts),
                            Optional.of(Verdict.PRIVATE), Optional.of(endpointIds.get(random.nextInt(endpointIds.size()))), Optional.empty(),
                            GatewayRequestEvent.Outcome.FORWARDED, 200, 900 + random.nextInt(400), 1500 + random.nextInt(4000), when,
                            2_000_000 + random.nextInt(20_000_000));
                } else if (kind < 9) {
                    events[i] = new GatewayRequestEvent(workload, "10.0.0.10", 40_000 + random.nextInt(20_000), "POST", Optional.of(facts),
                            Optional.of(Verdict.PUBLIC), Optional.of("igw-0000000000000001"), Optional.empty(), GatewayRequestEvent.Outcome.FORWARDED,
                            200, 900, 2000, when, 30_000_000);
                } else {
                    String eni = endpointInterfaces.get(random.nextInt(endpointInterfaces.size()));
                    events[i] = new GatewayRequestEvent(workload, "10.0.0.10", 40_000 + random.nextInt(20_000), "POST", Optional.of(facts),
                            Optional.of(Verdict.BLOCKED), Optional.empty(), Optional.of("ENI_SG_RULES_MISMATCH"), GatewayRequestEvent.Outcome.STALLED,
                            0, 900, 0, when, 10_000_000_000L, Optional.of(new PathResult.Destination("10.0.0.4", 443, Optional.of(eni))));
                }
            } else {
                boolean privateName = service.equals("sts") || service.equals("s3");
                String answer = privateName ? "10.0.0." + (4 + random.nextInt(2)) : "52.94.0." + random.nextInt(250);
                events[i] = new DnsQueryEvent("111122223333", "us-east-1", vpcIds.get(random.nextInt(vpcIds.size())), when,
                        service + ".us-east-1.amazonaws.com.", "A", "IN", "NOERROR", List.of(new DnsQueryEvent.Answer(answer, "A", "IN", 60)),
                        "10.0.0.10", 50_000 + random.nextInt(10_000), "UDP", Map.of("instance", "i-0123456789abcdef0"));
            }
        }
        return events;
    }
}
