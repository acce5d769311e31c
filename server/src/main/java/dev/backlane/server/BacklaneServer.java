package dev.backlane.server;

import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.AlarmStateChangedEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.event.TargetDeregisteredEvent;
import dev.backlane.core.event.TargetUnhealthyEvent;
import dev.backlane.core.fault.FaultCommand;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.RequestClassifier;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.TrafficJudge;
import dev.backlane.core.traffic.EstablishedTunnelJudge;
import dev.backlane.core.traffic.RecentTunnelJudgements;
import dev.backlane.core.traffic.TunnelJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.traffic.WorkloadPlacement;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.dataplane.dns.DnsListeners;
import dev.backlane.dataplane.gateway.GatewayConfig;
import dev.backlane.dataplane.gateway.GatewayDecider;
import dev.backlane.dataplane.gateway.Gateways;
import dev.backlane.dataplane.health.HealthProbes;
import dev.backlane.server.api.ApiDispatcher;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.fis.FisOperations;
import dev.backlane.server.api.sts.StsSessions;
import dev.backlane.server.api.sts.WorldSessionLedger;
import dev.backlane.server.api.cloudwatch.MetricOperations;
import dev.backlane.server.fault.ExtraTraffic;
import dev.backlane.server.fault.Faults;
import dev.backlane.server.fault.WorldFaultLedger;
import dev.backlane.server.fault.FaultsOnConnections;
import dev.backlane.server.fault.ApiCallErrors;
import dev.backlane.server.fault.GatewayCallErrors;
import dev.backlane.server.fault.TelemetryLoss;
import dev.backlane.server.http.AdminHttpHandler;
import dev.backlane.server.http.AnalysisHttpHandler;
import dev.backlane.server.http.ApiPort;
import dev.backlane.server.http.AwsHttpHandler;
import dev.backlane.server.http.ConsoleHttpHandler;
import dev.backlane.server.http.AlertsHttpHandler;
import dev.backlane.server.http.CostHttpHandler;
import dev.backlane.server.http.DnsHttpHandler;
import dev.backlane.server.http.FaultHttpHandler;
import dev.backlane.server.http.MetricsHttpHandler;
import dev.backlane.server.http.RecentEventsHttpHandler;
import dev.backlane.server.http.Route;
import dev.backlane.server.http.SliHttpHandler;
import dev.backlane.server.http.SnapshotImportHttpHandler;
import dev.backlane.server.http.TargetSocketHttpHandler;
import dev.backlane.server.http.TrendHttpHandler;
import dev.backlane.server.http.WorkloadHttpHandler;
import dev.backlane.server.http.ZoneMappingHttpHandler;
import dev.backlane.server.observe.AlarmEvaluations;
import dev.backlane.server.observe.EndpointLifecycleWatch;
import dev.backlane.server.observe.WorldAlarmJournal;
import dev.backlane.server.observe.DataPlaneMetrics;
import dev.backlane.server.observe.GatewayMetricsPublisher;
import dev.backlane.server.observe.PrivateLinkMetricsPublisher;
import dev.backlane.server.observe.RecentEvents;
import dev.backlane.server.observe.VendedLogs;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.protocol.ServiceProtocols;
import dev.backlane.server.requestlog.RequestLog;
import dev.backlane.server.sli.SliCollector;
import dev.backlane.server.sli.Slis;
import dev.backlane.server.store.ChangeFollower;
import dev.backlane.server.store.SqlStore;
import dev.backlane.server.traffic.DeregisteredTunnels;
import dev.backlane.server.traffic.EstablishedTunnels;
import dev.backlane.server.traffic.TargetDeregistrations;
import dev.backlane.server.traffic.TargetHealthChecker;
import dev.backlane.server.traffic.TargetSocketRegistry;
import dev.backlane.server.traffic.TargetSockets;
import dev.backlane.server.traffic.NatZoneCrossing;
import dev.backlane.server.traffic.TrafficLedger;
import dev.backlane.server.traffic.UnhealthyTargetTerminations;
import dev.backlane.server.traffic.UnhealthyTunnels;
import dev.backlane.server.traffic.WorkloadDecider;
import dev.backlane.server.traffic.Workloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A running Backlane: the cloud, its store, and one HTTP port that speaks every AWS API Backlane
 * knows plus the admin endpoints under {@code /_backlane/}.
 */
public final class BacklaneServer implements AutoCloseable {
    /** The admin endpoints read whole state dumps and snapshots, so they take far larger bodies than the AWS API (413 beyond). */
    static final int MAX_ADMIN_BODY_BYTES = 512 * 1024 * 1024;
    /** Where the "s3" destinations of flow logs and query logs are written, in the data directory: {@code s3/<bucket>/<key>}. */
    public static final String S3_DIRECTORY = "s3";
    /** How often ended flow-log windows and logged queries are delivered. */
    static final java.time.Duration VENDED_LOGS_PERIOD = java.time.Duration.ofSeconds(1);
    /** How often the health checker looks for due checks: a check runs at most this late after its interval. */
    private static final java.time.Duration HEALTH_CHECK_TICK = java.time.Duration.ofMillis(250);
    /** How often the PrivateLink metrics of the minutes that have ended are put into CloudWatch's store. */
    static final Duration METRICS_EVERY = Duration.ofSeconds(5);
    /** How often the CloudWatch alarms whose evaluation is due are evaluated: a transition shows at most this late. */
    static final Duration ALARM_TICK = Duration.ofSeconds(1);

    private final ApiPort http;
    private final ExecutorService executor;
    private final SqlStore store;
    private final ChangeFollower follower;
    private final Cloud cloud;
    private final RequestLog requestLog;
    private final EventStream events;
    private final DnsListeners dns;
    private final Workloads workloads;
    private final TargetSocketRegistry targetSockets;
    private final VendedLogs vendedLogs;
    private final Faults faults;
    private final Slis slis;
    private final HealthProbes healthProbes;
    private final TargetHealthChecker healthChecker;
    private final TargetDeregistrations deregistrations;
    private final UnhealthyTargetTerminations unhealthyTargets;
    private final PrivateLinkMetricsPublisher publisher;
    private final GatewayMetricsPublisher gatewayMetrics;
    private final AlarmEvaluations alarmEvaluations;
    private final FisOperations fis;
    private final EndpointLifecycleWatch endpointLifecycle;

    private BacklaneServer(ApiPort http, ExecutorService executor, SqlStore store, ChangeFollower follower, Cloud cloud, RequestLog requestLog,
            EventStream events, DnsListeners dns, Workloads workloads, TargetSocketRegistry targetSockets, VendedLogs vendedLogs, Faults faults,
            Slis slis, HealthProbes healthProbes, TargetHealthChecker healthChecker, TargetDeregistrations deregistrations,
            UnhealthyTargetTerminations unhealthyTargets, PrivateLinkMetricsPublisher publisher, GatewayMetricsPublisher gatewayMetrics,
            AlarmEvaluations alarmEvaluations, FisOperations fis, EndpointLifecycleWatch endpointLifecycle) {
        this.fis = fis;
        this.publisher = publisher;
        this.gatewayMetrics = gatewayMetrics;
        this.endpointLifecycle = endpointLifecycle;
        this.alarmEvaluations = alarmEvaluations;
        this.http = http;
        this.executor = executor;
        this.store = store;
        this.follower = follower;
        this.cloud = cloud;
        this.requestLog = requestLog;
        this.events = events;
        this.dns = dns;
        this.workloads = workloads;
        this.targetSockets = targetSockets;
        this.vendedLogs = vendedLogs;
        this.faults = faults;
        this.slis = slis;
        this.healthProbes = healthProbes;
        this.healthChecker = healthChecker;
        this.deregistrations = deregistrations;
        this.unhealthyTargets = unhealthyTargets;
    }

    /** The request log the configuration asks for; throws {@link UncheckedIOException} when its file cannot be opened. */
    private static RequestLog openRequestLog(ServerConfig config) {
        return switch (config.requestLog()) {
            case FILE -> RequestLog.toFile(config.requestLogFile());
            case STDOUT -> RequestLog.toStandardOutput();
            case OFF -> RequestLog.off();
        };
    }

    /** Opens the configured store (or none, in memory); throws {@link dev.backlane.server.store.StoreException} when it cannot be used. */
    public static SqlStore openStore(ServerConfig config) {
        if (config.inMemory()) {
            return null;
        }
        return config.storeUrl().isEmpty() ? SqlStore.openEmbedded(config.dataDirectory()) : SqlStore.openShared(config.storeUrl());
    }

    public static BacklaneServer start(ServerConfig config) {
        RegionCatalog regions = RegionCatalog.standard();
        SqlStore store = openStore(config);
        World initial;
        try {
            initial = store == null ? World.empty() : store.load();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        Cloud cloud = new Cloud(initial, InstantSource.system(), config.transitions(), new RandomIdSource(),
                new DefaultVpcInitializer(regions, new VpcCommands(config.quotas())), store == null ? ChangeSink.none() : store);
        // The one path engine, on the cloud's clock, for the API (network insights) and the analysis endpoints.
        PathEngine engine = new PathEngine(cloud::now);
        ChangeFollower follower = store != null && store.isShared() ? new ChangeFollower(store, cloud) : null;
        // CloudWatch's metric data: what PutMetricData stores and the PrivateLink metrics published from the data plane.
        MetricStore metrics = MetricStore.standard();
        // The data plane publishes every decision on one stream; observability subscribes to it.
        EventStream events = new EventStream();
        // Faults are laid over the world's index, so the engine, the DNS listeners and explain all see them.
        // They are kept in the world (and so the store): those made before a restart act again until their end.
        Faults faults = new Faults(new FaultCommand(regions), cloud::now, new RandomIdSource(), events,
                new WorldFaultLedger(cloud, new Scope(config.defaultAccount(), config.defaultRegion())));
        faults.resume();
        // CloudWatch alarms over the metrics; each transition is published for FIS stop conditions, alerts and the console.
        // They are kept in the world (and so the store): those made before a restart are back, in their states.
        WorldAlarmJournal alarmJournal = new WorldAlarmJournal(cloud);
        AlarmStore alarms = new AlarmStore(metrics, transition -> events.publish(AlarmStateChangedEvent.of(transition)), alarmJournal);
        alarmJournal.restoreInto(alarms);
        // STS's role sessions: calls signed with their credentials are made as the role, which FIS's API error faults name.
        // They are kept in the world (and so the store): their credentials act as the role after a restart too.
        StsSessions sessions = new StsSessions(cloud::now, new WorldSessionLedger(cloud, config.defaultRegion()));
        OperationRegistry operations = Operations.registry(config.quotas(), regions, engine, metrics, alarms, cloud::now, sessions);
        Supplier<WorldIndex> world = () -> faults.overlay(engine.index(cloud.snapshot()));
        DnsListeners dns = new DnsListeners(world, VpcDnsView.standard(), events, cloud::now, InetAddress.getLoopbackAddress(),
                config.dnsForwarder());
        Gateways gateways = new Gateways(GatewayConfig.defaults(events, cloud::now).withBlockedTraffic(config.blockedTraffic())
                .withMaxConnections(config.gatewayMaxConnections()));
        events.subscribe(TargetDeregisteredEvent.class, new DeregisteredTunnels(gateways));
        events.subscribe(TargetUnhealthyEvent.class, new UnhealthyTunnels(gateways));
        FaultsOnConnections.follow(events, gateways);
        // The API port is known once open; workloads are placed only after that.
        AtomicReference<URI> apiPort = new AtomicReference<>();
        // Where the load balancers' targets really listen: registered by the processes, forgotten on restart like workloads.
        TargetSocketRegistry targetSockets = new TargetSocketRegistry(new RandomIdSource());
        Workloads workloads = new Workloads(cloud, new WorkloadPlacement(new NetworkInterfaceCommands(config.quotas())), gateways,
                deciders(config, engine, world, cloud, apiPort::get, targetSockets, new GatewayCallErrors(faults, world)));
        // FIS experiments carry out their actions as faults and as EC2 commands on the instances.
        FisOperations fis = new FisOperations(faults, alarms, cloud, config.quotas(), workloads::networkInterfaceOf);
        fis.register(operations);
        fis.resume();
        // An alarm that goes to ALARM stops the experiments that have it as a stop condition.
        events.subscribe(AlarmStateChangedEvent.class, fis.stopConditions());
        ApiDispatcher dispatcher = new ApiDispatcher(
                Map.of("ec2", ServiceEndpoint.load("ec2", "ec2-2016-11-15.service-2.json"),
                        "sts", ServiceEndpoint.load("sts", "sts-2011-06-15.service-2.json"),
                        "elasticloadbalancing", ServiceEndpoint.load("elasticloadbalancing", "elbv2-2015-12-01.service-2.json"),
                        "logs", ServiceEndpoint.load("logs", "logs-2014-03-28.service-2.json"),
                        "route53resolver", ServiceEndpoint.load("route53resolver", "route53resolver-2018-04-01.service-2.json"),
                        MetricOperations.SERVICE, ServiceEndpoint.load(MetricOperations.SERVICE, "cloudwatch-2010-08-01.service-2.json"),
                        "fis", ServiceEndpoint.load("fis", "fis-2020-12-01.service-2.json")),
                operations,
                cloud,
                new ApiCallErrors(faults));
        RequestLog requestLog = null;
        TrafficLedger ledger = new TrafficLedger(events, cloud::now, new NatZoneCrossing(cloud::snapshot, workloads::workload));
        ExtraTraffic.follow(events, gateways::address, workloads::workload, cloud::now);
        // Flow logs and query logs subscribe before any traffic can flow; "s3" destinations are written under the data directory.
        // Changes act on open tunnels too: each committed change, or fault started, has them judged again.
        EstablishedTunnels established = new EstablishedTunnels(gateways, new EstablishedTunnelJudge(engine), world, workloads::workload, cloud::now);
        cloud.whenChanged(established::changed);
        events.subscribe(FaultStartedEvent.class, started -> established.changed());
        VendedLogs vendedLogs = VendedLogs.start(events, cloud, workloads::workload,
                config.dataDirectory().resolve(S3_DIRECTORY), VENDED_LOGS_PERIOD, new TelemetryLoss(faults));
        Slis slis = new Slis(events, engine, world, cloud::now, ledger, workloads::workload,
                workloads::workloads, Slis.PROBE_PERIOD, config.alerting(), () -> apiPort.get());
        DataPlaneMetrics prometheus = new DataPlaneMetrics();
        RecentEvents recentEvents = new RecentEvents(events, RecentEvents.CAPACITY);
        // Endpoints' states and their interfaces' steps, published as they happen (the console's Debug page).
        EndpointLifecycleWatch endpointLifecycle = EndpointLifecycleWatch.start(cloud, events);
        prometheus.register(new SliCollector(slis::reports));
        slis.publishTo(metrics, new Scope(config.defaultAccount(), config.defaultRegion()));
        PrivateLinkMetricsPublisher publisher = new PrivateLinkMetricsPublisher(events, metrics, prometheus, cloud::now, cloud::snapshot,
                workloads::workload, METRICS_EVERY, new TelemetryLoss(faults));
        GatewayMetricsPublisher gatewayMetrics = new GatewayMetricsPublisher(events, metrics, prometheus, cloud::now, workloads::workload,
                METRICS_EVERY, new TelemetryLoss(faults));
        try {
            requestLog = openRequestLog(config);
            // Writers wait for their batch to be durable, so allow many more threads than cores.
            ExecutorService executor = Executors.newFixedThreadPool(Math.max(64, Runtime.getRuntime().availableProcessors() * 8), runnable -> {
                Thread thread = new Thread(runnable, "backlane-http");
                thread.setDaemon(true);
                return thread;
            });
            AnalysisHttpHandler analysis = new AnalysisHttpHandler(cloud, engine, faults::overlay);
            // The AWS API gets one byte past its limit, so that it refuses a larger body in the service's own error format.
            List<Route> routes = List.of(
                    new Route("/", new AwsHttpHandler(dispatcher, config.defaultRegion(), config.defaultAccount(), requestLog, sessions),
                            AwsHttpHandler.MAX_BODY_BYTES + 1, true),
                    admin("/_backlane/", new AdminHttpHandler(cloud, new dev.backlane.server.store.StateDump(), alarms, alarmJournal)),
                    admin("/_backlane/explain", analysis),
                    admin("/_backlane/audit", analysis),
                    admin(CostHttpHandler.PATH, new CostHttpHandler(cloud, engine, ledger)),
                    admin(SliHttpHandler.PATH, new SliHttpHandler(slis)),
                    admin(TrendHttpHandler.PATH, TrendHttpHandler.of(slis.book(), () -> engine.index(cloud.snapshot()), cloud::now)),
                    admin(RecentEventsHttpHandler.PATH, RecentEventsHttpHandler.of(recentEvents)),
                    admin(AlertsHttpHandler.PATH, new AlertsHttpHandler(slis.alerts())),
                    admin(SnapshotImportHttpHandler.PATH, new SnapshotImportHttpHandler(cloud)),
                    admin(ZoneMappingHttpHandler.PATH, new ZoneMappingHttpHandler(cloud)),
                    admin(DnsHttpHandler.PATH, new DnsHttpHandler(dns, world, VpcDnsView.standard())),
                    admin(MetricsHttpHandler.PATH, new MetricsHttpHandler(prometheus, () -> {
                        publisher.publishNow();
                        gatewayMetrics.publishNow();
                        slis.publishNow();
                    })),
                    admin(WorkloadHttpHandler.PATH, new WorkloadHttpHandler(workloads, cloud, dns, regions,
                            new Scope(config.defaultAccount(), config.defaultRegion()))),
                    admin(TargetSocketHttpHandler.PATH, new TargetSocketHttpHandler(targetSockets, cloud, regions,
                            new Scope(config.defaultAccount(), config.defaultRegion()))),
                    admin(FaultHttpHandler.PATH, new FaultHttpHandler(faults, cloud, workloads, cloud::now)),
                    admin(ConsoleHttpHandler.PATH, new ConsoleHttpHandler(cloud,
                            workloads::workloads)));
            ApiPort http;
            try {
                http = ApiPort.open(new InetSocketAddress(config.bindAddress(), config.port()), routes, executor);
            } catch (IOException e) {
                executor.shutdown();
                throw e;
            }
            apiPort.set(loopback(http.address()));
            // Health checks probe only mapped targets: with none mapped they cost one look at the registry per tick.
            HealthProbes healthProbes = new HealthProbes();
            TargetHealthChecker healthChecker = new TargetHealthChecker(cloud, targetSockets, healthProbes, HEALTH_CHECK_TICK);
            // Deregistration delays end within a second; TargetDeregisteredEvent tells the PrivateLink splices.
            TargetDeregistrations deregistrations = new TargetDeregistrations(cloud, events, java.time.Duration.ofSeconds(1));
            // So do unhealthy targets' connections, as their groups' target_health_state.unhealthy.* say.
            UnhealthyTargetTerminations unhealthyTargets = new UnhealthyTargetTerminations(cloud, events, java.time.Duration.ofSeconds(1));
            return new BacklaneServer(http, executor, store, follower, cloud, requestLog, events, dns, workloads, targetSockets, vendedLogs, faults,
                    slis, healthProbes, healthChecker, deregistrations, unhealthyTargets, publisher, gatewayMetrics,
                    AlarmEvaluations.start(alarms, cloud::now, ALARM_TICK), fis, endpointLifecycle);
        } catch (IOException | UncheckedIOException e) {
            endpointLifecycle.close();
            publisher.close();
            gatewayMetrics.close();
            slis.close();
            vendedLogs.close();
            fis.close();
            faults.close();
            gateways.close();
            dns.close();
            if (requestLog != null) {
                requestLog.close();
            }
            if (follower != null) {
                follower.close();
            }
            if (store != null) {
                store.close();
            }
            throw e instanceof UncheckedIOException unchecked ? unchecked
                    : new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), (IOException) e);
        }
    }

    /**
     * Each workload's decider: the classifier and the path engine's judge on the current world, the upstreams of
     * {@code --upstream}, and this server's own API port for the services it serves.
     */
    private static Function<Workload, GatewayDecider> deciders(ServerConfig config, PathEngine engine, Supplier<WorldIndex> world, Cloud cloud,
            Supplier<URI> apiPort, TargetSockets targetSockets, WorkloadDecider.InjectedFaults injected) {
        RequestClassifier classifier = RequestClassifier.standard();
        TrafficJudge judge = new TrafficJudge(engine);
        ServiceProtocols protocols = ServiceProtocols.standard();
        WorkloadDecider.Classifier classify = new WorkloadDecider.Classifier() {
            @Override
            public boolean needsBody(HttpRequestHead head) {
                return classifier.needsBody(head);
            }

            @Override
            public RequestFacts classify(HttpRequestHead head, Optional<byte[]> body, String account) {
                return classifier.classify(head, body, account);
            }
        };
        WorkloadDecider.Judge judged = (workload, facts, callerAccount) -> judge.decide(world.get(), workload, facts, callerAccount, cloud.now());
        RecentTunnelJudgements tunnels = new RecentTunnelJudgements(new TunnelJudge(engine));
        WorkloadDecider.ConnectionJudge connections = (workload, host, port) -> tunnels.judge(world.get(), workload, host, port, cloud.now());
        return workload -> new WorkloadDecider(workload, classify, judged, config.upstreams(), apiPort.get(), protocols, config.defaultAccount(),
                connections, targetSockets, injected);
    }

    /** The API port as a loopback client reaches it, also when it listens on every address. */
    private static URI loopback(InetSocketAddress address) {
        String host = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    private static Route admin(String prefix, com.sun.net.httpserver.HttpHandler handler) {
        return new Route(prefix, handler, MAX_ADMIN_BODY_BYTES, false);
    }

    public int port() {
        return http.address().getPort();
    }

    public String endpoint() {
        return "http://" + http.address().getHostString() + ":" + port();
    }

    public Cloud cloud() {
        return cloud;
    }

    /** Where the state is kept; empty when in memory. */
    public java.util.Optional<SqlStore> store() {
        return java.util.Optional.ofNullable(store);
    }

    /** The stream the data plane publishes its decisions on. */
    /** The SLIs M1-M10 this server computes. */
    public Slis slis() {
        return slis;
    }

    public EventStream events() {
        return events;
    }

    /** Each VPC's DNS listener. */
    public DnsListeners dns() {
        return dns;
    }

    /** Flow logs and Resolver query logs made from the events and delivered. */
    public VendedLogs vendedLogs() {
        return vendedLogs;
    }

    /** The workloads placed in this server, each with its gateway. */
    public Workloads workloads() {
        return workloads;
    }

    /** Where the load balancers' targets listen on this host. */
    public TargetSocketRegistry targetSockets() {
        return targetSockets;
    }

    /** The faults injected in this server. */
    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        alarmEvaluations.close();
        fis.close();
        endpointLifecycle.close();
        slis.close();
        // The events received so far are read while their workloads are still placed.
        vendedLogs.takeEvents();
        // First, while the store is open: no more health recorded, and the ad-hoc workloads' interfaces go with the server.
        healthChecker.close();
        deregistrations.close();
        unhealthyTargets.close();
        healthProbes.close();
        workloads.close();
        faults.close();
        publisher.close();
        gatewayMetrics.close();
        http.close();
        dns.close();
        // Then, still with the store open, every open flow-log window and logged query is delivered.
        vendedLogs.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requestLog.close();
        if (follower != null) {
            follower.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
