package dev.backlane.bench.gateway;

import dev.backlane.bench.EventPipelineBenchmark;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.dataplane.gateway.GatewayConfig;
import dev.backlane.dataplane.gateway.GatewayDecider;
import dev.backlane.dataplane.gateway.GatewayDecision;
import dev.backlane.dataplane.gateway.Gateways;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The processes {@code bench/gateway.sh} starts: {@code upstream PORT [THREADS]} runs the benchmark's upstream;
 * {@code gateway UPSTREAM_URL [THREADS]} runs a workload's gateway whose decider forwards every request there
 * (the decision itself costs nothing here: this measures the data plane), judged PUBLIC out through a NAT gateway.
 * {@code gateway-private} judges every call PRIVATE through an interface endpoint instead, with nothing listening to the
 * events; {@code gateway-observed} does the same with every subscriber the server has on them (traffic ledger, SLIs,
 * flow-log and query-log pipeline, PrivateLink metrics and their Prometheus series: {@link EventPipelineBenchmark#subscribeAll}),
 * so {@code bench/observability.sh} measures what observability costs the gateway. Each prints {@code listening PORT}
 * and runs until killed.
 */
public final class GatewayBenchServer {
    private GatewayBenchServer() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        if (args.length < 2) {
            System.err.println("usage: GatewayBenchServer upstream PORT [THREADS] | gateway|gateway-private|gateway-observed UPSTREAM_URL [THREADS]");
            System.exit(2);
        }
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        switch (args[0]) {
            case "upstream" -> {
                BenchUpstream upstream = new BenchUpstream(Integer.parseInt(args[1]), threads);
                System.out.println("listening " + upstream.port());
            }
            case "gateway", "gateway-private", "gateway-observed" -> {
                EventStream events = new EventStream();
                PathResult path = Forwarding.PUBLIC;
                if (!args[0].equals("gateway")) {
                    path = new PathResult(Verdict.PRIVATE, Optional.of(EventPipelineBenchmark.anEndpointId()), List.of(), List.of());
                }
                if (args[0].equals("gateway-observed")) {
                    // Kept open while the process runs: the subscribers' threads deliver logs and publish metrics.
                    EventPipelineBenchmark.subscribeAll(events, InstantSource.system());
                }
                GatewayConfig defaults = GatewayConfig.defaults(events, InstantSource.system());
                GatewayConfig config = new GatewayConfig(defaults.blockedTraffic(), defaults.maxInitialLineLength(), defaults.maxHeaderSize(),
                        defaults.maxDecisionBody(), defaults.requestHeadTimeout(), defaults.idleTimeout(), defaults.upstreamConnectTimeout(),
                        defaults.upstreamIdleTimeout(), defaults.stallLimit(), defaults.maxConnections(), threads, events, defaults.clock());
                InetSocketAddress address = new Gateways(config).open("wl-0", new Forwarding(URI.create(args[1]), path));
                System.out.println("listening " + address.getPort());
            }
            default -> {
                System.err.println("unknown role " + args[0]);
                System.exit(2);
            }
        }
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private record Forwarding(URI upstream, PathResult path) implements GatewayDecider {
        private static final RequestFacts FACTS = new RequestFacts("s3", "us-east-1", Optional.empty(), "s3.us-east-1.amazonaws.com", "GetObject",
                "s3:GetObject", "*");
        static final PathResult PUBLIC = new PathResult(Verdict.PUBLIC, Optional.of("nat-0123456789abcdef0"), List.of(), List.of());

        @Override
        public boolean needsBody(HttpRequestHead head) {
            return false;
        }

        @Override
        public GatewayDecision decide(HttpRequestHead head, Optional<byte[]> body) {
            return new GatewayDecision.Forward(upstream, FACTS, path);
        }
    }
}
