package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.MatchedRule.SecurityGroupRuleMatch;
import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.elb.TargetHealth;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.EndpointServiceType;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ListenerAction;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerZone;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Target;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.zone.ZoneMappings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The provider's side of a path through an interface endpoint to an endpoint service (PrivateLink), as
 * Reachability Analyzer follows it: the service's Network Load Balancer in the endpoint interface's zone
 * (matched by zone ID, since the two accounts name zones differently), its security groups when it
 * enforces them on PrivateLink traffic (evaluated against the client's address), the listener on the
 * port, its target group, then the targets in reach — the zone's, or every enabled zone's with cross-zone
 * load balancing — healthy ones, or all of them when none is (the load balancer fails open), each
 * reached from the load balancer's own address in the zone (PrivateLink traffic does not keep the
 * client's address) through the load balancer's outbound rules, the subnets' ACLs and the target's
 * security groups.
 */
final class PrivateLinkProvider {
    private static final String CROSS_ZONE = "load_balancing.cross_zone.enabled";

    private final WorldIndex world;
    private final Trace trace;
    private final Protocol protocol;
    private final int port;
    private final String traffic;
    private final Instant at;

    PrivateLinkProvider(WorldIndex world, Trace trace, Protocol protocol, int port, String traffic, Instant at) {
        this.world = requireNonNull(world, "world is null");
        this.trace = requireNonNull(trace, "trace is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.port = port;
        this.traffic = requireNonNull(traffic, "traffic is null");
        this.at = requireNonNull(at, "at is null");
    }

    /** The provider's endpoint service of that name in the region, with the index of its owner's scope, if the world holds it. */
    static Optional<Provided> find(WorldIndex world, String region, String serviceName) {
        for (ScopeIndex candidate : world.scopes()) {
            if (!candidate.scope().region().equals(region)) {
                continue;
            }
            for (EndpointServiceConfiguration service : candidate.state().all(ResourceTypes.VPC_ENDPOINT_SERVICE)) {
                if (service.serviceName().equals(serviceName) && service.type() == EndpointServiceType.INTERFACE) {
                    return Optional.of(new Provided(candidate, service));
                }
            }
        }
        return Optional.empty();
    }

    /** An endpoint service and the index of the scope that owns it. */
    record Provided(ScopeIndex index, EndpointServiceConfiguration service) {}

    /**
     * Walks the provider's side for a connection from {@code client} through {@code endpointInterface}
     * (in the consumer's scope {@code consumer}); the result is blocked, or reached with its targets.
     */
    PathResult walk(Provided provided, ScopeIndex consumer, VpcEndpoint endpoint, NetworkInterface endpointInterface, long client) {
        ScopeIndex provider = provided.index();
        String zoneId = EndpointChecks.zoneId(consumer, endpointInterface);
        ZoneMapping providerZones = ZoneMappings.standard().of(provider.state(), provider.scope());
        Optional<Node> found = node(provider, provided.service(), providerZones, zoneId);
        if (found.isEmpty()) {
            return trace.blocked(ExplanationCode.VPCE_SERVICE_NOT_INSTALLED_IN_AZ, endpoint.id(), provided.service().id()
                    + " has no network load balancer in " + zoneId + ", the zone of " + endpointInterface.id());
        }
        Node node = found.get();
        LoadBalancer loadBalancer = node.loadBalancer();
        trace.hop(Hop.of(loadBalancer.id(), HopType.LOAD_BALANCER, "network load balancer " + loadBalancer.name() + " of " + provided.service().id()
                + " (account " + provider.scope().account() + "), node " + address(node.address()) + " in " + node.zone().subnetId() + ", "
                + node.zone().zoneName() + " (" + zoneId + ")"));
        if (!inbound(provider, loadBalancer, client)) {
            return trace.result(Verdict.BLOCKED, Optional.empty());
        }
        Optional<Listener> listener = provider.state().all(ResourceTypes.LISTENER).stream()
                .filter(candidate -> candidate.loadBalancerArn().equals(loadBalancer.id()))
                .filter(candidate -> candidate.port() != null && candidate.port() == port && carries(candidate))
                .findFirst();
        if (listener.isEmpty()) {
            return trace.blocked(ExplanationCode.ELBV2_LISTENERS_MISMATCH, loadBalancer.id(), loadBalancer.name() + " has no listener for " + traffic
                    + " (its listeners: " + listeners(provider, loadBalancer) + ")");
        }
        trace.hop(Hop.of(listener.get().id(), HopType.LISTENER, listener.get().protocol().name() + " " + listener.get().port()));
        Optional<TargetGroup> group = listener.get().defaultActions().stream()
                .filter(action -> action.type().equals("forward"))
                .map(ListenerAction::targetGroupArn)
                .filter(java.util.Objects::nonNull)
                .flatMap(arn -> provider.state().find(ResourceTypes.TARGET_GROUP, arn).stream())
                .findFirst();
        if (group.isEmpty()) {
            return trace.blocked(ExplanationCode.ELBV2_LISTENER_REQUIRES_TG_ACCEPT, listener.get().id(), "the listener on port " + port
                    + " forwards to no target group");
        }
        return targets(provider, node, group.get(), endpoint);
    }

    /** The load balancer of the service with a node in the zone: the first listed, as an interface uses one load balancer per zone. */
    private Optional<Node> node(ScopeIndex provider, EndpointServiceConfiguration service, ZoneMapping zones, String zoneId) {
        for (String arn : service.loadBalancerArns()) {
            Optional<LoadBalancer> loadBalancer = provider.state().find(ResourceTypes.LOAD_BALANCER, arn);
            if (loadBalancer.isEmpty()) {
                continue;
            }
            for (LoadBalancerZone zone : loadBalancer.get().zones()) {
                if (zoneId.equals(zones.idOf(zone.zoneName()))) {
                    Optional<Long> address = nodeAddress(provider, zone);
                    if (address.isPresent()) {
                        return Optional.of(new Node(loadBalancer.get(), zone, address.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The load balancer, its zone where the endpoint interface is, and its node's private address there. */
    private record Node(LoadBalancer loadBalancer, LoadBalancerZone zone, long address) {}

    private static Optional<Long> nodeAddress(ScopeIndex provider, LoadBalancerZone zone) {
        Optional<String> address = Optional.ofNullable(zone.privateIpv4Address())
                .or(() -> Optional.ofNullable(zone.networkInterfaceId()).flatMap(provider::networkInterface).map(NetworkInterface::privateIpAddress));
        return address.flatMap(Ipv4Address::parse);
    }

    /**
     * The load balancer's inbound rules, when it has security groups and evaluates them on PrivateLink
     * traffic (the default, {@code on}): the source is the client's private address, not the endpoint's.
     */
    private boolean inbound(ScopeIndex provider, LoadBalancer loadBalancer, long client) {
        if (loadBalancer.securityGroups().isEmpty()) {
            return true;
        }
        if ("off".equals(loadBalancer.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic())) {
            trace.hop(Hop.of(loadBalancer.id(), HopType.LOAD_BALANCER, "inbound rules of " + String.join(", ", loadBalancer.securityGroups())
                    + " not evaluated: EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is off"));
            return true;
        }
        Optional<SecurityGroupRuleMatch> ingress = provider.securityGroups().ingress(loadBalancer.securityGroups(), client, List.of(), protocol, port);
        if (ingress.isEmpty()) {
            trace.note(new Explanation(ExplanationCode.ENI_SG_RULES_MISMATCH, loadBalancer.securityGroups().get(0), "no inbound rule of "
                    + String.join(", ", loadBalancer.securityGroups()) + " on " + loadBalancer.name() + " allows " + traffic + " from the client "
                    + address(client) + " (EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is on)"));
            return false;
        }
        trace.hop(Hop.of(ingress.get().groupId(), HopType.SECURITY_GROUP, "load balancer ingress " + SecurityGroupEvaluator.describe(ingress.get()),
                ingress.get()));
        return true;
    }

    private boolean carries(Listener listener) {
        return switch (listener.protocol()) {
            case TCP, TLS -> protocol == Protocol.TCP;
            case UDP -> protocol == Protocol.UDP;
            case TCP_UDP -> protocol == Protocol.TCP || protocol == Protocol.UDP;
            case HTTP, HTTPS, GENEVE, QUIC, TCP_QUIC -> false;
        };
    }

    private static String listeners(ScopeIndex provider, LoadBalancer loadBalancer) {
        List<String> described = provider.state().all(ResourceTypes.LISTENER).stream()
                .filter(listener -> listener.loadBalancerArn().equals(loadBalancer.id()))
                .map(listener -> listener.protocol().name() + " " + listener.port())
                .sorted()
                .toList();
        return described.isEmpty() ? "none" : String.join(", ", described);
    }

    /** Zone selection, health (failing open), then each chosen target's own rules. */
    private PathResult targets(ScopeIndex provider, Node node, TargetGroup group, VpcEndpoint endpoint) {
        LoadBalancer loadBalancer = node.loadBalancer();
        boolean crossZone = crossZone(loadBalancer, group);
        boolean proxyProtocol = "true".equals(group.attributes().get("proxy_protocol_v2.enabled"));
        List<Placed> placed = group.targets().stream().map(target -> place(provider, group, target)).flatMap(Optional::stream).toList();
        List<String> enabled = loadBalancer.availabilityZoneNames();
        List<Placed> inEnabledZones = placed.stream().filter(target -> target.anyZone() || enabled.contains(target.zoneName())).toList();
        List<Placed> inReach = inEnabledZones.stream()
                .filter(target -> crossZone || target.anyZone() || target.zoneName().equals(node.zone().zoneName()))
                .toList();
        trace.hop(Hop.of(group.id(), HopType.TARGET_GROUP, group.name() + " (" + group.targetType().wireName() + " targets, "
                + group.protocol().name() + " " + group.port() + "), cross-zone load balancing " + (crossZone ? "on" : "off") + ", proxy protocol v2 "
                + (proxyProtocol ? "on" : "off") + ", " + inReach.size() + " of " + group.targets().size() + " targets in reach"));
        if (group.targets().isEmpty()) {
            return trace.blocked(ExplanationCode.ELBV2_LISTENER_HAS_NO_TG, group.id(), group.name() + " has no registered targets");
        }
        if (inReach.isEmpty()) {
            if (inEnabledZones.isEmpty()) {
                return trace.blocked(ExplanationCode.ELB_INSTALLED_AZ_RESTRICTION, loadBalancer.id(), "the targets of " + group.name()
                        + " are in no zone enabled for " + loadBalancer.name() + " (" + String.join(", ", enabled) + ")");
            }
            return trace.blocked(ExplanationCode.ELBV2_NO_TARGETS_IN_AZ, loadBalancer.id(), group.name() + " has no target in "
                    + node.zone().zoneName() + " and cross-zone load balancing is off, so the node there sends to none");
        }
        List<Placed> chosen = healthy(group, inReach);
        if (chosen.isEmpty()) {
            return trace.blocked(ExplanationCode.ELBV2_LISTENER_HAS_NO_TG, group.id(), "no target of " + group.name() + " in reach takes traffic"
                    + " (draining or unused)");
        }
        List<ServiceTarget> reached = new ArrayList<>();
        Trace firstRefusal = null;
        for (Placed target : chosen) {
            Trace part = new Trace();
            if (reaches(provider, node, target, part)) {
                trace.append(part);
                reached.add(new ServiceTarget(provider.scope(), group.vpcId(), loadBalancer.id(), address(node.address()), group.id(),
                        target.target().id(), address(target.address()), target.target().port(), target.zoneName(), proxyProtocol));
            } else if (firstRefusal == null) {
                firstRefusal = part;
            }
        }
        if (reached.isEmpty()) {
            trace.append(firstRefusal);
            return trace.result(Verdict.BLOCKED, Optional.empty());
        }
        return trace.reached(Optional.of(endpoint.id()), reached);
    }

    /**
     * The targets a new connection may go to: healthy ones (or those whose group checks no health); when
     * none is, every target in reach that is {@code initial} or {@code unhealthy} (draining or not: the load balancer
     * fails open). Draining and unused targets take no new connections.
     */
    private List<Placed> healthy(TargetGroup group, List<Placed> inReach) {
        List<Placed> healthy = new ArrayList<>();
        List<Placed> failOpen = new ArrayList<>();
        for (Placed target : inReach) {
            TargetHealth health = TargetCommands.health(group, target.target(), true, at);
            switch (health.state()) {
                case "healthy", "unavailable" -> healthy.add(target);
                case "initial", "unhealthy", "unhealthy.draining" -> failOpen.add(target);
                default -> { }
            }
        }
        if (healthy.isEmpty() && !failOpen.isEmpty()) {
            trace.note(new Explanation(ExplanationCode.TARGETS_FAIL_OPEN, group.id(), "none of the " + failOpen.size() + " targets of " + group.name()
                    + " in reach is healthy: new connections go to all of them"));
            return failOpen;
        }
        return healthy;
    }

    /** Whether the load balancer's node reaches the target; the hops (and the refusal) go to {@code part}. */
    private boolean reaches(ScopeIndex provider, Node node, Placed target, Trace part) {
        LoadBalancer loadBalancer = node.loadBalancer();
        int targetPort = target.target().port();
        String targetTraffic = protocol.awsName() + " " + targetPort;
        part.hop(Hop.of(target.target().id(), HopType.TARGET, address(target.address()) + ":" + targetPort + " in "
                + (target.anyZone() ? "zone all (outside the VPC)" : target.zoneName()) + ", from " + address(node.address())));
        List<String> targetGroups = target.networkInterface().map(NetworkInterface::groupIds).orElse(List.of());
        if (!loadBalancer.securityGroups().isEmpty()) {
            Optional<SecurityGroupRuleMatch> egress = provider.securityGroups().egress(loadBalancer.securityGroups(), target.address(), targetGroups,
                    protocol, targetPort);
            if (egress.isEmpty()) {
                part.note(new Explanation(ExplanationCode.ENI_SG_RULES_MISMATCH, loadBalancer.securityGroups().get(0), "no outbound rule of "
                        + String.join(", ", loadBalancer.securityGroups()) + " on " + loadBalancer.name() + " allows " + targetTraffic + " to "
                        + address(target.address())));
                return false;
            }
            part.hop(Hop.of(egress.get().groupId(), HopType.SECURITY_GROUP, "load balancer egress " + SecurityGroupEvaluator.describe(egress.get()),
                    egress.get()));
        }
        AclCheck acls = new AclCheck(part, protocol, targetTraffic);
        String nodeSubnet = node.zone().subnetId();
        Optional<String> targetSubnet = target.subnet().map(Subnet::id);
        boolean crossSubnet = targetSubnet.isPresent() && !targetSubnet.get().equals(nodeSubnet);
        if (crossSubnet && (!acls.request(provider, nodeSubnet, true, target.address(), targetPort)
                || !acls.request(provider, targetSubnet.get(), false, node.address(), targetPort))) {
            return false;
        }
        if (target.networkInterface().isPresent()) {
            NetworkInterface eni = target.networkInterface().get();
            Optional<SecurityGroupRuleMatch> ingress = provider.securityGroups().ingress(eni.groupIds(), node.address(), loadBalancer.securityGroups(),
                    protocol, targetPort);
            if (ingress.isEmpty()) {
                String component = eni.groupIds().isEmpty() ? eni.id() : eni.groupIds().get(0);
                part.note(new Explanation(ExplanationCode.ENI_SG_RULES_MISMATCH, component, "no ingress rule of " + String.join(", ", eni.groupIds())
                        + " on " + eni.id() + " allows " + targetTraffic + " from the load balancer's address " + address(node.address())));
                return false;
            }
            part.hop(Hop.of(ingress.get().groupId(), HopType.SECURITY_GROUP, "target ingress " + SecurityGroupEvaluator.describe(ingress.get()),
                    ingress.get()));
        }
        return !crossSubnet || (acls.reply(provider, targetSubnet.get(), true, node.address())
                && acls.reply(provider, nodeSubnet, false, target.address()));
    }

    /**
     * Where a target is: an instance's primary interface; an IP target's interface (if one holds the
     * address), its subnet and zone, or zone {@code all} outside the VPC. A target that no longer
     * resolves (its instance terminated) is left out.
     */
    private Optional<Placed> place(ScopeIndex provider, TargetGroup group, Target target) {
        if (target.port() == null) {
            return Optional.empty();
        }
        if (group.targetType() == TargetType.INSTANCE) {
            return provider.primaryInterfaceOf(target.id()).flatMap(eni -> Ipv4Address.parse(eni.privateIpAddress())
                    .map(address -> new Placed(target, address, eni.availabilityZone(), provider.subnet(eni.subnetId()), Optional.of(eni))));
        }
        if (group.targetType() != TargetType.IP) {
            return Optional.empty();
        }
        Optional<Long> parsed = Ipv4Address.parse(target.id());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        long address = parsed.get();
        Optional<Subnet> subnet = provider.subnetsOf(group.vpcId()).stream()
                .filter(candidate -> Ipv4Cidr.parse(candidate.cidrBlock()).map(cidr -> cidr.contains(address)).orElse(false))
                .findFirst();
        String zone = subnet.map(Subnet::availabilityZone).orElse(Placed.ALL);
        return Optional.of(new Placed(target, address, zone, subnet, provider.interfaceAt(group.vpcId(), address)));
    }

    /** A registered target with its address, zone (as the provider names it), subnet and interface. */
    private record Placed(Target target, long address, String zoneName, Optional<Subnet> subnet, Optional<NetworkInterface> networkInterface) {
        static final String ALL = "all";

        boolean anyZone() {
            return ALL.equals(zoneName);
        }
    }

    /**
     * Cross-zone load balancing as the target group sets it ({@code true} or {@code false}), or as the
     * load balancer does when the group uses its configuration (the default; off for network load balancers).
     */
    static boolean crossZone(LoadBalancer loadBalancer, TargetGroup group) {
        String own = group.attributes().getOrDefault(CROSS_ZONE, "use_load_balancer_configuration");
        return switch (own) {
            case "true" -> true;
            case "false" -> false;
            default -> "true".equals(loadBalancer.attributes().get(CROSS_ZONE));
        };
    }

    private static String address(long value) {
        return Ipv4Address.format(value);
    }
}
