package dev.backlane.server.sli;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.traffic.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * M1: every {@code period}, each available endpoint is probed through the path engine — the health check "to the
 * service via the endpoint" of the guide, kept apart from the service's own failures because it asks only whether the
 * endpoint's path holds (DNS, routes, security groups, ACLs, the endpoint's state and zones), never the service. The
 * probes start where the traffic does: from each workload placed in the endpoint's VPC, or, with none there, from an
 * address in each of the endpoint's subnets (interface endpoints) or of the subnets its route tables serve (gateway
 * endpoints). A probe succeeds when the path is reachable through this endpoint.
 */
public final class SyntheticProbes implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyntheticProbes.class.getName());
    private static final int HTTPS = 443;

    private final SliBook book;
    private final PathEngine engine;
    private final Supplier<WorldIndex> world;
    private final Supplier<Instant> clock;
    private final Supplier<Collection<Workload>> workloads;
    private final ScheduledExecutorService scheduler;

    public SyntheticProbes(SliBook book, PathEngine engine, Supplier<WorldIndex> world, Supplier<Instant> clock, Supplier<Collection<Workload>> workloads,
            Duration period) {
        this.book = book;
        this.engine = engine;
        this.world = world;
        this.clock = clock;
        this.workloads = workloads;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlane-sli-probes");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::probeSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeSafely() {
        try {
            probeAll();
        } catch (RuntimeException e) {
            // A round that fails (a world changing under it) is skipped; the next one runs.
            LOG.log(Level.WARNING, "SLI probe round failed", e);
        }
    }

    /** One round: every available endpoint from every source; returns how many probes ran. */
    public int probeAll() {
        WorldIndex index = world.get();
        Instant at = clock.get();
        Collection<Workload> placed = workloads.get();
        int probes = 0;
        for (ScopeIndex scope : index.scopes()) {
            for (VpcEndpoint endpoint : scope.endpoints()) {
                if (endpoint.stateAt(at) != VpcEndpointState.AVAILABLE || endpoint.type() == VpcEndpointType.GATEWAY_LOAD_BALANCER) {
                    continue;
                }
                for (Probe probe : sources(scope, endpoint, placed)) {
                    PathResult result = engine.explain(index, new PathQuery(Optional.of(scope.scope()), probe.source(), endpoint.serviceName(),
                            Protocol.TCP, HTTPS, Optional.empty()), at);
                    boolean ok = result.reachable() && result.via().filter(endpoint.id()::equals).isPresent();
                    List<SliKey> keys = new ArrayList<>(List.of(SliKey.endpoint(endpoint.id()), new SliKey(SliKey.Kind.VPC, endpoint.vpcId())));
                    probe.zoneId().ifPresent(zone -> keys.add(new SliKey(SliKey.Kind.ZONE, zone)));
                    book.probe(at, keys, ok);
                    probes++;
                }
            }
        }
        return probes;
    }

    private record Probe(String source, Optional<String> zoneId) {}

    private static List<Probe> sources(ScopeIndex scope, VpcEndpoint endpoint, Collection<Workload> placed) {
        List<Probe> probes = new ArrayList<>();
        for (Workload workload : placed) {
            if (!workload.scope().equals(scope.scope())) {
                continue;
            }
            Optional<NetworkInterface> eni = scope.networkInterface(workload.networkInterfaceId());
            if (eni.isPresent() && eni.get().vpcId().equals(endpoint.vpcId())) {
                probes.add(new Probe(eni.get().id(), scope.subnet(eni.get().subnetId()).map(Subnet::availabilityZoneId)));
            }
        }
        if (!probes.isEmpty()) {
            return probes;
        }
        List<Subnet> subnets = endpoint.type() == VpcEndpointType.INTERFACE
                ? endpoint.subnetIds().stream().flatMap(id -> scope.subnet(id).stream()).toList()
                : scope.subnetsOf(endpoint.vpcId()).stream().filter(subnet -> scope.routeTableOf(subnet)
                        .filter(table -> endpoint.routeTableIds().contains(table.table().id())).isPresent()).toList();
        for (Subnet subnet : subnets) {
            // The first address AWS leaves to the subnet's own use (it keeps the first four).
            String address = Ipv4Address.format(Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow().first() + 4);
            probes.add(new Probe(subnet.id() + ":" + address, Optional.of(subnet.availabilityZoneId())));
        }
        return probes;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
