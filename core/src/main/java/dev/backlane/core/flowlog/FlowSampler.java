package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.ServiceAddresses;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayConnectionOpenedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.flowlog.PacketEstimate.Closing;
import dev.backlane.core.flowlog.PacketEstimate.Estimate;
import dev.backlane.core.flowlog.PacketEstimate.Opening;
import dev.backlane.core.model.Scope;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the data plane's events into flow samples as the VPC would see the packets, on the workload's network
 * interface and on the interface at the destination (an interface endpoint's, another instance's).
 *
 * <p>A gateway event's client leg is loopback; the VPC-side flow goes from the workload interface's primary
 * address, from the loopback client port (already an ephemeral port the client's system chose), to the address and
 * port the path resolved: the endpoint interface's address for an interface endpoint, the service's public address
 * through a gateway endpoint, a NAT gateway or an internet gateway. Each destination a client connection reaches is
 * one TCP connection: its first request counts the handshake, the connection's close a FIN each way. A call that a
 * security group or network ACL drops is a REJECT record of the SYNs the client sent while it waited, on the
 * interface whose rule dropped it (the workload's for its own egress, else the destination's, the workload's showing
 * the SYNs leave as ACCEPT). A call blocked otherwise (no route, a name that does not resolve) sends no packet the
 * VPC records. Bytes and packets come from {@link PacketEstimate}.
 *
 * <p>Not thread-safe: one delivery thread feeds it. Connections are remembered from their first request to their
 * close, at most {@code maxConnections} at once.
 */
public final class FlowSampler {
    /** traffic-path: through another resource in the same VPC (an interface endpoint, a NAT gateway, an instance). */
    static final int PATH_IN_VPC = 1;
    /** traffic-path: through an intra-region VPC peering connection. */
    static final int PATH_PEERING = 4;
    /** traffic-path: through an inter-region VPC peering connection. */
    static final int PATH_PEERING_INTER_REGION = 5;
    /** traffic-path: through a gateway VPC endpoint (Nitro-based instances). */
    static final int PATH_GATEWAY_ENDPOINT = 7;
    /** traffic-path: through an internet gateway (Nitro-based instances). */
    static final int PATH_INTERNET_GATEWAY = 8;

    private static final Set<String> DROPPED_BY_RULES = Set.of(ExplanationCode.ENI_SG_RULES_MISMATCH.name(),
            ExplanationCode.SUBNET_ACL_RESTRICTION.name());
    private static final Set<String> CONNECTED_THEN_DENIED = Set.of(ExplanationCode.ENDPOINT_POLICY_DENIES.name(),
            ExplanationCode.IDENTITY_POLICY_DENIES.name(), ExplanationCode.RESOURCE_POLICY_DENIES.name());

    private final Function<String, Optional<Workload>> workloads;
    private final ServiceAddresses services;
    private final int maxConnections;
    private final Map<ConnectionKey, Map<FlowKey, Leg>> connections = new HashMap<>();

    public FlowSampler(Function<String, Optional<Workload>> workloads, ServiceAddresses services, int maxConnections) {
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.services = requireNonNull(services, "services is null");
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        this.maxConnections = maxConnections;
    }

    /** One TCP connection in the VPC: its forward 5-tuple, the interfaces at each end and how its egress leaves. */
    private record Leg(FlowKey key, InterfaceView source, Optional<InterfaceView> destination, OptionalInt trafficPath,
            Optional<String> destinationService) {}

    private record ConnectionKey(String workloadId, String clientAddress, int clientPort) {}

    /** A client connected to a gateway: nothing crosses the VPC until it sends a request. */
    public List<FlowSample> opened(GatewayConnectionOpenedEvent event) {
        ConnectionKey key = new ConnectionKey(event.workloadId(), event.clientAddress(), event.clientPort());
        if (connections.size() < maxConnections) {
            connections.putIfAbsent(key, new LinkedHashMap<>());
        }
        return List.of();
    }

    public List<FlowSample> request(World world, GatewayRequestEvent event) {
        Optional<PathResult.Destination> destination = event.destination();
        Optional<Workload> workload = workloads.apply(event.workloadId());
        if (destination.isEmpty() || workload.isEmpty()) {
            return List.of();
        }
        Scope scope = workload.get().scope();
        Optional<InterfaceView> source = InterfaceView.find(world, scope, workload.get().networkInterfaceId());
        if (source.isEmpty()) {
            return List.of();
        }
        PathResult.Destination to = destination.get();
        Optional<InterfaceView> target = to.networkInterfaceId().flatMap(id -> InterfaceView.find(world, scope, id));
        FlowKey key = new FlowKey(source.get().address(), event.clientPort(), to.address(), to.port(), FlowKey.TCP);
        Leg leg = new Leg(key, source.get(), target, trafficPath(event.via(), source.get(), target),
                serviceAt(scope.region(), to.address()));
        boolean reachable = event.verdict().map(verdict -> switch (verdict) {
            case PRIVATE, PUBLIC -> true;
            case BLOCKED -> false;
        }).orElse(false);
        String code = event.explanationCode().orElse("");
        if (reachable || CONNECTED_THEN_DENIED.contains(code)) {
            return exchanged(leg, event, connection(event));
        }
        if (DROPPED_BY_RULES.contains(code)) {
            return rejected(leg, PacketEstimate.unansweredSyns(event.latencyNanos()), event.start(), target.isPresent());
        }
        return List.of();
    }

    /** The client's connection ended: each TCP connection it carried in the VPC closes, a FIN each way. */
    public List<FlowSample> closed(GatewayConnectionClosedEvent event) {
        Map<FlowKey, Leg> legs = connections.remove(new ConnectionKey(event.workloadId(), event.clientAddress(), event.clientPort()));
        if (legs == null) {
            return List.of();
        }
        List<FlowSample> samples = new ArrayList<>();
        Estimate fin = PacketEstimate.tcp(0, Opening.NONE, Closing.FIN);
        for (Leg leg : legs.values()) {
            samples.addAll(both(leg, fin, fin, FlowAction.ACCEPT, FlowAction.ACCEPT, event.closedAt()));
        }
        return samples;
    }

    /** A connection through an interface endpoint was accepted: the handshake. */
    public List<FlowSample> privateLinkOpened(World world, PrivateLinkConnectionOpenedEvent event) {
        return privateLink(world, event.flow()).map(leg -> both(leg, PacketEstimate.tcp(0, Opening.INITIATOR, Closing.NONE),
                PacketEstimate.tcp(0, Opening.RESPONDER, Closing.NONE), FlowAction.ACCEPT, FlowAction.ACCEPT, event.openedAt())).orElse(List.of());
    }

    /** A connection through an interface endpoint ended: its bytes each way (counted at its close) and how it closed. */
    public List<FlowSample> privateLinkClosed(World world, PrivateLinkConnectionClosedEvent event) {
        Closing consumer = switch (event.cause()) {
            case CONSUMER_RESET -> Closing.RST;
            case CONSUMER_CLOSED, TARGET_CLOSED, TARGET_RESET, IDLE_TIMEOUT, DEREGISTERED, TARGET_UNHEALTHY, FAULT, ENDPOINT_REJECTED,
                    ENDPOINT_DELETED, NETWORK_ACL -> Closing.FIN;
        };
        Closing provider = switch (event.cause()) {
            case TARGET_RESET, IDLE_TIMEOUT, DEREGISTERED, TARGET_UNHEALTHY, FAULT, ENDPOINT_REJECTED, ENDPOINT_DELETED, NETWORK_ACL -> Closing.RST;
            case CONSUMER_CLOSED, TARGET_CLOSED, CONSUMER_RESET -> Closing.FIN;
        };
        return privateLink(world, event.flow()).map(leg -> both(leg, PacketEstimate.tcp(event.bytesFromConsumer(), Opening.NONE, consumer),
                PacketEstimate.tcp(event.bytesToConsumer(), Opening.NONE, provider), FlowAction.ACCEPT, FlowAction.ACCEPT, event.closedAt()))
                .orElse(List.of());
    }

    /**
     * A connection through an interface endpoint that reached no target. Dropped by a security group or network
     * ACL, it is a REJECT of one SYN on the endpoint's interface (the event does not say which side's rule dropped
     * it); refused beyond the interface (no healthy target, the endpoint's state), the SYN was accepted and, when the
     * consumer saw a reset, answered with an RST.
     */
    public List<FlowSample> privateLinkRefused(World world, PrivateLinkConnectionRefusedEvent event) {
        Optional<Leg> leg = privateLink(world, event.flow());
        if (leg.isEmpty()) {
            return List.of();
        }
        Estimate syn = PacketEstimate.unansweredSyns(0);
        if (DROPPED_BY_RULES.contains(event.explanationCode())) {
            return rejected(leg.get(), syn, event.at(), true);
        }
        if (event.reset()) {
            return both(leg.get(), syn, PacketEstimate.tcp(0, Opening.NONE, Closing.RST), FlowAction.ACCEPT, FlowAction.ACCEPT, event.at());
        }
        return forward(leg.get(), syn, FlowAction.ACCEPT, FlowAction.ACCEPT, event.at());
    }

    /** How many client connections are remembered: what bounds this sampler's memory. */
    public int openConnections() {
        return connections.size();
    }

    private Map<FlowKey, Leg> connection(GatewayRequestEvent event) {
        ConnectionKey key = new ConnectionKey(event.workloadId(), event.clientAddress(), event.clientPort());
        Map<FlowKey, Leg> legs = connections.get(key);
        if (legs == null && connections.size() < maxConnections) {
            legs = new LinkedHashMap<>();
            connections.put(key, legs);
        }
        return legs;
    }

    /** A request and its answer: the handshake first when this is the first request to the destination on the connection. */
    private List<FlowSample> exchanged(Leg leg, GatewayRequestEvent event, Map<FlowKey, Leg> legs) {
        boolean first = legs == null || legs.putIfAbsent(leg.key(), leg) == null;
        Estimate request = PacketEstimate.tcp(event.bytesIn(), first ? Opening.INITIATOR : Opening.NONE, Closing.NONE);
        Estimate answer = PacketEstimate.tcp(event.bytesOut(), first ? Opening.RESPONDER : Opening.NONE, Closing.NONE);
        return both(leg, request, answer, FlowAction.ACCEPT, FlowAction.ACCEPT, event.start());
    }

    /** SYNs dropped: at the destination's interface when {@code atDestination}, else as they leave the source. */
    private List<FlowSample> rejected(Leg leg, Estimate syns, Instant at, boolean atDestination) {
        if (atDestination && leg.destination().isPresent()) {
            return forward(leg, syns, FlowAction.ACCEPT, FlowAction.REJECT, at);
        }
        return List.of(sample(leg.source(), leg.key(), syns, FlowAction.REJECT, FlowDirection.EGRESS, leg.trafficPath(), Optional.empty(),
                leg.destinationService(), at));
    }

    /** The forward direction only: egress on the source, ingress on the destination. */
    private List<FlowSample> forward(Leg leg, Estimate sent, FlowAction atSource, FlowAction atDestination, Instant at) {
        List<FlowSample> samples = new ArrayList<>(2);
        samples.add(sample(leg.source(), leg.key(), sent, atSource, FlowDirection.EGRESS, leg.trafficPath(), Optional.empty(),
                leg.destinationService(), at));
        leg.destination().ifPresent(destination -> samples.add(sample(destination, leg.key(), sent, atDestination, FlowDirection.INGRESS,
                OptionalInt.empty(), Optional.empty(), leg.destinationService(), at)));
        return samples;
    }

    /** Both directions on both interfaces; a direction that sent nothing is left out. */
    private List<FlowSample> both(Leg leg, Estimate sent, Estimate answered, FlowAction atSource, FlowAction atDestination, Instant at) {
        List<FlowSample> samples = new ArrayList<>(4);
        if (sent.packets() > 0) {
            samples.addAll(forward(leg, sent, atSource, atDestination, at));
        }
        if (answered.packets() > 0) {
            FlowKey back = leg.key().reversed();
            samples.add(sample(leg.source(), back, answered, atSource, FlowDirection.INGRESS, OptionalInt.empty(), leg.destinationService(),
                    Optional.empty(), at));
            leg.destination().ifPresent(destination -> samples.add(sample(destination, back, answered, atDestination, FlowDirection.EGRESS,
                    OptionalInt.of(PATH_IN_VPC), leg.destinationService(), Optional.empty(), at)));
        }
        return samples;
    }

    private static FlowSample sample(InterfaceView on, FlowKey key, Estimate estimate, FlowAction action, FlowDirection direction,
            OptionalInt trafficPath, Optional<String> sourceService, Optional<String> destinationService, Instant at) {
        return new FlowSample(on.id(), key, action, estimate.packets(), estimate.bytes(), estimate.tcpFlags(), at,
                Optional.of(new FlowContext(on, direction, trafficPath, sourceService, destinationService)));
    }

    private Optional<Leg> privateLink(World world, PrivateLinkFlow flow) {
        Scope scope = new Scope(flow.account(), flow.region());
        Optional<InterfaceView> source = InterfaceView.find(world, scope, flow.networkInterfaceId());
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Optional<InterfaceView> endpoint = InterfaceView.find(world, scope, flow.endpointNetworkInterfaceId());
        FlowKey key = new FlowKey(flow.sourceAddress(), flow.sourcePort(), flow.endpointAddress(), flow.port(), FlowKey.TCP);
        return Optional.of(new Leg(key, source.get(), endpoint, OptionalInt.of(PATH_IN_VPC), Optional.empty()));
    }

    /** AWS's traffic-path of the workload's egress, from what carried it out and where it arrived. */
    private static OptionalInt trafficPath(Optional<String> via, InterfaceView source, Optional<InterfaceView> target) {
        String carrier = via.orElse("");
        if (carrier.startsWith("pcx-")) {
            boolean sameRegion = target.map(peer -> peer.scope().region().equals(source.scope().region())).orElse(true);
            return OptionalInt.of(sameRegion ? PATH_PEERING : PATH_PEERING_INTER_REGION);
        }
        if (target.isPresent() || carrier.startsWith("nat-")) {
            return OptionalInt.of(PATH_IN_VPC);
        }
        if (carrier.startsWith("vpce-")) {
            return OptionalInt.of(PATH_GATEWAY_ENDPOINT);
        }
        if (carrier.startsWith("igw-")) {
            return OptionalInt.of(PATH_INTERNET_GATEWAY);
        }
        return OptionalInt.empty();
    }

    /**
     * The {@code pkt-*-aws-service} of a public address, as AWS's ip-ranges.json names it: {@code S3} and
     * {@code DYNAMODB} for their prefix lists, {@code AMAZON} for any other AWS service address; none for a private one.
     */
    private Optional<String> serviceAt(String region, String address) {
        return Ipv4Address.parse(address).flatMap(value -> services.serviceAt(region, value)).map(service -> switch (service.name()) {
            case "s3" -> "S3";
            case "dynamodb" -> "DYNAMODB";
            default -> "AMAZON";
        });
    }
}
