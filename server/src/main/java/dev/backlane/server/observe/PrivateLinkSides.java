package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.metrics.PrivateLinkMetrics;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.World;
import dev.backlane.core.zone.ZoneMappings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Names the sides of PrivateLink traffic by what CloudWatch's dimensions need and the events do not carry: the
 * subnet of the endpoint interface that carried it, the provider's name for the zone, whether an endpoint a call went
 * through is an interface endpoint. Read from the current state; what a workload's calls through an endpoint resolve
 * to (with its Prometheus series) is remembered (endpoints and workloads do not move), at most {@link #MAX_REMEMBERED} of them.
 */
final class PrivateLinkSides {
    static final int MAX_REMEMBERED = 10_000;

    private final Supplier<World> world;
    private final Function<String, Optional<Workload>> workloads;
    private final ZoneMappings zones;
    private final Map<Call, Optional<Resolved>> calls = new ConcurrentHashMap<>();

    /** A workload's calls through an endpoint: the key of what they resolve to, with no string built at each call. */
    private record Call(String workloadId, String endpointId) {}

    /** What a workload's calls through an interface endpoint count into: its side, and the Prometheus series of the side. */
    record Resolved(PrivateLinkMetrics.EndpointSide side, DataPlaneMetrics.EndpointCalls series) {}

    private final DataPlaneMetrics prometheus;

    PrivateLinkSides(Supplier<World> world, Function<String, Optional<Workload>> workloads, ZoneMappings zones, DataPlaneMetrics prometheus) {
        this.world = requireNonNull(world, "world is null");
        this.prometheus = requireNonNull(prometheus, "prometheus is null");
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.zones = requireNonNull(zones, "zones is null");
    }

    /** The consumer's side of a PrivateLink connection: its endpoint, and the subnet of the endpoint interface it reached. */
    PrivateLinkMetrics.EndpointSide endpoint(PrivateLinkFlow flow) {
        Scope scope = new Scope(flow.account(), flow.region());
        String subnetId = world.get().find(scope, ResourceTypes.NETWORK_INTERFACE, flow.endpointNetworkInterfaceId())
                .map(NetworkInterface::subnetId).orElse(flow.subnetId());
        return new PrivateLinkMetrics.EndpointSide(scope, "Interface", flow.serviceName(), flow.endpointId(), flow.vpcId(), subnetId);
    }

    /** The provider's side: its service, the load balancer and the zone (by the provider's name for it) that served. */
    PrivateLinkMetrics.ServiceSide service(PrivateLinkFlow flow) {
        Scope provider = new Scope(flow.serviceAccount(), flow.region());
        String az = zones.of(world.get(), provider).byId(flow.zoneId()).map(zone -> zone.name()).orElse(flow.zoneId());
        return new PrivateLinkMetrics.ServiceSide(provider, flow.serviceId(), flow.loadBalancerArn(), az, flow.endpointId());
    }

    /** A workload's call through an endpoint, when it is an interface endpoint: its side, the subnet its interface in the workload's zone. */
    Optional<Resolved> call(String workloadId, String endpointId) {
        Call key = new Call(workloadId, endpointId);
        Optional<Resolved> known = calls.get(key);
        if (known != null) {
            return known;
        }
        Optional<Resolved> side = workloads.apply(workloadId).flatMap(workload -> resolve(workload, endpointId))
                .map(found -> new Resolved(found, prometheus.endpointCalls(found)));
        if (workloads.apply(workloadId).isPresent()) {
            if (calls.size() >= MAX_REMEMBERED) {
                calls.clear();
            }
            calls.put(key, side);
        }
        return side;
    }

    private Optional<PrivateLinkMetrics.EndpointSide> resolve(Workload workload, String endpointId) {
        World state = world.get();
        Scope scope = workload.scope();
        Optional<VpcEndpoint> endpoint = state.find(scope, ResourceTypes.VPC_ENDPOINT, endpointId)
                .filter(found -> found.type() == VpcEndpointType.INTERFACE);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> zone = state.find(scope, ResourceTypes.NETWORK_INTERFACE, workload.networkInterfaceId()).map(NetworkInterface::availabilityZone);
        String subnetId = endpoint.get().subnetIds().stream()
                .filter(id -> state.find(scope, ResourceTypes.SUBNET, id).map(Subnet::availabilityZone).equals(zone))
                .findFirst()
                .orElse(endpoint.get().subnetIds().isEmpty() ? "" : endpoint.get().subnetIds().get(0));
        return Optional.of(new PrivateLinkMetrics.EndpointSide(scope, "Interface", endpoint.get().serviceName(), endpointId, endpoint.get().vpcId(),
                subnetId));
    }
}
