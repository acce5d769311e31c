package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.MatchedRule.RouteMatch;
import dev.backlane.core.analysis.MatchedRule.SecurityGroupRuleMatch;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.endpoint.AwsServiceCatalog;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.model.ConnectivityType;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NatGatewayAddress;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.PeeringVpcInfo;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcPeeringConnection;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.network.RouteStates;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Explains whether a source reaches a destination, hop by hop: DNS in the source's VPC, the source's
 * security group egress, network ACLs both ways (they are stateless: the reply's ephemeral ports are
 * checked too), the subnet's route table by longest prefix match, then the target: the VPC itself, an
 * internet gateway, a NAT gateway and its own route, a gateway endpoint, a peering connection; at an
 * interface endpoint its state, zone and security groups; and, when asked, the policies. Past an interface
 * endpoint to a provider's endpoint service it follows the provider's side to the targets a connection
 * may go to ({@link PrivateLinkProvider}), so the data plane asks here and never decides itself. The verdict is
 * PRIVATE, PUBLIC or BLOCKED with the first blocking explanation. Indexes are built once per world
 * snapshot and reused while the world does not change.
 */
public final class PathEngine {
    private final InstantSource clock;
    private final AwsServiceCatalog services;
    private final AwsPrefixListCatalog prefixLists;
    private final DnsView dns;
    private volatile Cached cached;

    private record Cached(World world, WorldIndex index) {}

    public PathEngine(InstantSource clock) {
        this(clock, ServiceNames.standard(), AwsPrefixListCatalog.standard(), ServiceAddresses.standard());
    }

    public PathEngine(InstantSource clock, ServiceNames names, AwsPrefixListCatalog prefixLists, ServiceAddresses addresses) {
        this.clock = requireNonNull(clock, "clock is null");
        this.services = requireNonNull(names, "names is null").catalog();
        this.prefixLists = requireNonNull(prefixLists, "prefixLists is null");
        this.dns = new DnsView(names, requireNonNull(addresses, "addresses is null"));
    }

    /** The indexes of the world, built on first use and kept until another world is asked about. */
    public WorldIndex index(World world) {
        Cached current = cached;
        if (current != null && current.world() == world) {
            return current.index();
        }
        WorldIndex index = new WorldIndex(world, services, prefixLists);
        cached = new Cached(world, index);
        return index;
    }

    public PathResult explain(World world, PathQuery query) {
        return explain(index(world), query);
    }

    public PathResult explain(WorldIndex world, PathQuery query) {
        return explain(world, query, clock.instant());
    }

    /** Explains the path with states (NAT gateways, endpoints) as of {@code at}. */
    public PathResult explain(WorldIndex world, PathQuery query, Instant at) {
        Source source = SourceResolver.resolve(world, query.scope(), query.source());
        return new Walk(world, source, query, at).run();
    }

    /**
     * The interface endpoint and its network interface that the query's destination resolves to in the source's VPC,
     * by the same DNS the path is explained with (empty when the destination is not an interface endpoint's): the
     * consumer's side of a PrivateLink connection, which the path's verdict alone does not name.
     */
    public Optional<EndpointInterface> endpointInterface(WorldIndex world, PathQuery query) {
        Source source = SourceResolver.resolve(world, query.scope(), query.source());
        Resolution resolution = dns.resolve(source, query.destination(), world.faults());
        if (resolution.endpoint().isEmpty() || resolution.address().isEmpty()) {
            return Optional.empty();
        }
        VpcEndpoint endpoint = resolution.endpoint().get();
        return source.index().interfaceAt(source.vpc().id(), resolution.address().get())
                .filter(eni -> endpoint.networkInterfaceIds().contains(eni.id()))
                .map(eni -> new EndpointInterface(endpoint, eni));
    }

    /** An interface endpoint and the one of its network interfaces a name resolved to. */
    public record EndpointInterface(VpcEndpoint endpoint, NetworkInterface networkInterface) {
        public EndpointInterface {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(networkInterface, "networkInterface is null");
        }
    }

    /** One path being explained. */
    private final class Walk {
        private final WorldIndex world;
        private final Source source;
        private final PathQuery query;
        private final ScopeIndex index;
        private final Instant at;
        private final Trace trace = new Trace();
        private final AclCheck acls;
        /** The interface endpoint's interface the path reached, once it has: the zone F4 faults are scoped by. */
        private Optional<NetworkInterface> endpointInterface = Optional.empty();

        Walk(WorldIndex world, Source source, PathQuery query, Instant at) {
            this.world = world;
            this.source = source;
            this.query = query;
            this.index = source.index();
            this.at = at;
            this.acls = new AclCheck(trace, query.protocol(), traffic());
        }

        PathResult run() {
            sourceHops();
            Resolution resolution = dns.resolve(source, query.destination(), world.faults());
            resolution.hop().ifPresent(trace::hop);
            trace.notes(resolution.notes());
            if (resolution.address().isEmpty()) {
                return trace.blocked(ExplanationCode.DESTINATION_NOT_RESOLVED, query.destination(), resolution.failure());
            }
            long destination = resolution.address().get();
            trace.destination(address(destination), query.port());
            Optional<NetworkInterface> localTarget = index.interfaceAt(source.vpc().id(), destination);
            boolean sameSubnet = localTarget.map(eni -> eni.subnetId().equals(source.subnet().id())).orElse(false);
            if (source.networkInterface().isPresent() && !query.established()) {
                List<String> peerGroups = localTarget.map(NetworkInterface::groupIds).orElse(List.of());
                Optional<SecurityGroupRuleMatch> egress = index.securityGroups().egress(source.groups(), destination, peerGroups,
                        query.protocol(), query.port());
                if (egress.isEmpty()) {
                    String component = source.groups().isEmpty() ? source.networkInterface().get().id() : source.groups().get(0);
                    return trace.blocked(ExplanationCode.ENI_SG_RULES_MISMATCH, component,
                            "no egress rule of " + String.join(", ", source.groups()) + " allows " + traffic() + " to " + address(destination));
                }
                trace.hop(Hop.of(egress.get().groupId(), HopType.SECURITY_GROUP, "egress " + SecurityGroupEvaluator.describe(egress.get()),
                        egress.get()));
            }
            if (!sameSubnet && !acl(source.subnet().id(), true, destination)) {
                return denied();
            }
            Optional<RouteLookup> table = index.routeTableOf(source.subnet());
            if (table.isEmpty()) {
                return trace.blocked(ExplanationCode.NO_ROUTE_TO_DESTINATION, source.subnet().id(), source.subnet().id() + " has no route table");
            }
            Optional<Route> route = route(table.get(), destination);
            if (route.isEmpty()) {
                return trace.result(Verdict.BLOCKED, Optional.empty());
            }
            String target = route.get().target();
            if (route.get().isLocal()) {
                return local(destination, resolution);
            }
            if (target.startsWith("igw-")) {
                return internet(target, destination, resolution);
            }
            if (target.startsWith("nat-")) {
                return nat(target, destination, resolution);
            }
            if (target.startsWith("vpce-")) {
                return gatewayEndpoint(target, source.subnet(), destination, resolution, Optional.empty());
            }
            if (target.startsWith("pcx-")) {
                return peering(target, destination, resolution);
            }
            return trace.blocked(ExplanationCode.ROUTE_TARGET_NOT_ANALYZED, table.get().table().id(),
                    "route " + RouteLookup.describe(route.get()) + " leads to " + UnfollowedTargets.describe(target));
        }

        private void sourceHops() {
            source.instanceId().ifPresent(id -> trace.hop(Hop.of(id, HopType.INSTANCE, "source instance")));
            Subnet subnet = source.subnet();
            if (source.networkInterface().isPresent()) {
                NetworkInterface eni = source.networkInterface().get();
                trace.hop(Hop.of(eni.id(), HopType.NETWORK_INTERFACE, "source " + eni.privateIpAddress()
                        + source.publicIp().map(ip -> " (public " + ip + ")").orElse(" (no public address)") + " in " + subnet.id() + ", "
                        + subnet.availabilityZone()));
            } else {
                trace.hop(Hop.of(subnet.id(), HopType.SUBNET, "source " + address(source.address()) + " in " + subnet.availabilityZone()));
                trace.note(new Explanation(ExplanationCode.SOURCE_WITHOUT_SECURITY_GROUPS, subnet.id(),
                        "no interface holds " + address(source.address()) + " in " + subnet.id() + "; security groups were not evaluated"));
            }
        }

        /** Looks the address up and records the route; empty (with the explanation recorded) when no active route matches. */
        private Optional<Route> route(RouteLookup table, long destination) {
            String tableId = table.table().id();
            Optional<RouteLookup.Match> match = table.lookup(destination);
            if (match.isEmpty()) {
                trace.hop(Hop.of(tableId, HopType.ROUTE_TABLE, "no route matches " + address(destination)));
                trace.note(new Explanation(ExplanationCode.NO_ROUTE_TO_DESTINATION, tableId, "no route of " + tableId + " matches "
                        + address(destination)));
                return Optional.empty();
            }
            Route route = match.get().route();
            String state = RouteStates.of(index.state(), table.table(), route, at);
            trace.hop(Hop.of(tableId, HopType.ROUTE_TABLE, "route " + RouteLookup.describe(route) + " (" + state + ")", new RouteMatch(route, state)));
            if (state.equals(RouteStates.BLACKHOLE)) {
                trace.note(new Explanation(ExplanationCode.BAD_STATE_ROUTE, tableId, "route " + RouteLookup.describe(route) + " is a blackhole"));
                return Optional.empty();
            }
            return Optional.of(route);
        }

        private PathResult local(long destination, Resolution resolution) {
            Optional<NetworkInterface> target = index.interfaceAt(source.vpc().id(), destination);
            if (target.isEmpty()) {
                return trace.blocked(ExplanationCode.NO_INTERFACE_AT_ADDRESS, source.vpc().id(),
                        "no network interface in " + source.vpc().id() + " holds " + address(destination));
            }
            return arrive(index, target.get(), destination, resolution, Optional.empty());
        }

        /**
         * The path inside the destination's VPC (held in {@code at}, another scope's index across a peering
         * connection): its subnet's ACL, then an interface endpoint or another interface.
         */
        private PathResult arrive(ScopeIndex at, NetworkInterface target, long destination, Resolution resolution, Optional<String> via) {
            trace.arrivedAt(target.id());
            boolean sameSubnet = target.subnetId().equals(source.subnet().id());
            if (!sameSubnet && !acl(at, target.subnetId(), false, source.address())) {
                return denied();
            }
            Optional<VpcEndpoint> endpoint = at.endpointOwning(target.id());
            if (endpoint.isPresent()) {
                VpcEndpoint found = endpoint.get();
                trace.hop(Hop.of(found.id(), HopType.VPC_ENDPOINT, "interface endpoint of " + found.serviceName() + " (" + EndpointView.state(found, this.at).awsName()
                        + "), interface " + target.id() + " in " + target.availabilityZone()));
                Optional<Explanation> state = EndpointChecks.state(found, this.at);
                if (state.isPresent()) {
                    return trace.blocked(state.get());
                }
                Optional<Explanation> zone = EndpointChecks.serviceZone(world, at, found, target);
                if (zone.isPresent()) {
                    return trace.blocked(zone.get());
                }
                EndpointChecks.crossZone(index, found, target, source.subnet()).ifPresent(trace::note);
                endpointInterface = Optional.of(target);
                Optional<PathResult> faulted = faultAtInterface(at, found, target);
                if (faulted.isPresent()) {
                    return faulted.get();
                }
            } else {
                trace.hop(Hop.of(target.id(), HopType.NETWORK_INTERFACE, "destination " + target.privateIpAddress() + " in " + target.subnetId()));
            }
            Optional<SecurityGroupRuleMatch> ingress = query.established() ? Optional.empty()
                    : at.securityGroups().ingress(target.groupIds(), source.address(), source.groups(), query.protocol(), query.port());
            if (ingress.isEmpty() && !query.established()) {
                String component = target.groupIds().isEmpty() ? target.id() : target.groupIds().get(0);
                return trace.blocked(ExplanationCode.ENI_SG_RULES_MISMATCH, component, "no ingress rule of "
                        + String.join(", ", target.groupIds()) + " on " + target.id() + " allows " + traffic() + " from " + address(source.address()));
            }
            ingress.ifPresent(rule -> trace.hop(Hop.of(rule.groupId(), HopType.SECURITY_GROUP, "ingress " + SecurityGroupEvaluator.describe(rule),
                    rule)));
            if (!sameSubnet && (!returnAcl(at, target.subnetId(), true, source.address()) || !returnAcl(source.subnet().id(), false, destination))) {
                return denied();
            }
            if (endpoint.isPresent()) {
                Optional<PrivateLinkProvider.Provided> provided = PrivateLinkProvider.find(world, at.scope().region(), endpoint.get().serviceName());
                if (provided.isPresent()) {
                    return provider(provided.get(), at, endpoint.get(), target);
                }
                return service(resolution, endpoint, Optional.empty(), Verdict.PRIVATE, Optional.of(endpoint.get().id()));
            }
            return trace.result(Verdict.PRIVATE, via);
        }

        /**
         * An F3 fault takes the interface's zone down: it does not answer. An F2 fault makes the endpoint's security
         * groups drop the traffic, whatever their rules say. Either is the deciding rule of a blocked path.
         */
        private Optional<PathResult> faultAtInterface(ScopeIndex at, VpcEndpoint endpoint, NetworkInterface target) {
            FaultSet faults = world.faults();
            if (!faults.has(FaultKind.F2_SECURITY_GROUP_DROP) && !faults.has(FaultKind.F3_ZONE_UNAVAILABLE)) {
                return Optional.empty();
            }
            FaultSubject subject = FaultSubjects.traffic(at, endpoint, Optional.of(target), source,
                    query.policy().map(PathQuery.PolicyQuestion::principal));
            Optional<Fault> zoneDown = faults.first(FaultKind.F3_ZONE_UNAVAILABLE, subject);
            if (zoneDown.isPresent()) {
                return Optional.of(trace.blocked(ExplanationCode.FAULT_ZONE_UNAVAILABLE, target.id(), "fault " + zoneDown.get().describe()
                        + " takes " + target.availabilityZone() + " down: " + target.id() + " of " + endpoint.id() + " does not answer"));
            }
            Optional<Fault> dropped = faults.first(FaultKind.F2_SECURITY_GROUP_DROP, subject);
            if (dropped.isPresent()) {
                String groups = target.groupIds().isEmpty() ? target.id() : String.join(", ", target.groupIds());
                trace.hop(Hop.of(target.groupIds().isEmpty() ? target.id() : target.groupIds().get(0), HopType.SECURITY_GROUP,
                        "ingress dropped by fault " + dropped.get().describe()));
                return Optional.of(trace.blocked(ExplanationCode.FAULT_SECURITY_GROUP_DROP, dropped.get().id(), "fault "
                        + dropped.get().describe() + " makes " + groups + " of " + endpoint.id() + " drop " + traffic() + " from "
                        + address(source.address())));
            }
            return Optional.empty();
        }

        /** Past an interface endpoint to a provider's endpoint service: the policies when asked, then the provider's side. */
        private PathResult provider(PrivateLinkProvider.Provided provided, ScopeIndex consumer, VpcEndpoint endpoint, NetworkInterface reached) {
            Optional<PathResult> denied = policies(Optional.of(endpoint), Optional.empty());
            if (denied.isPresent()) {
                return denied.get();
            }
            return new PrivateLinkProvider(world, trace, query.protocol(), query.port(), traffic(), at)
                    .walk(provided, consumer, endpoint, reached, source.address());
        }

        private PathResult internet(String gatewayId, long destination, Resolution resolution) {
            if (source.publicIp().isEmpty()) {
                return trace.blocked(ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, source.componentId(),
                        address(source.address()) + " has no public IPv4 address or Elastic IP, so " + gatewayId + " drops its traffic");
            }
            trace.hop(Hop.of(gatewayId, HopType.INTERNET_GATEWAY, "translates " + address(source.address()) + " to " + source.publicIp().get()));
            if (!returnAcl(source.subnet().id(), false, destination)) {
                return denied();
            }
            return service(resolution, Optional.empty(), source.publicIp(), Verdict.PUBLIC, Optional.of(gatewayId));
        }

        private PathResult nat(String natId, long destination, Resolution resolution) {
            NatGateway gateway = index.natGateway(natId).orElseThrow();
            NatGateway.State state = gateway.state(at);
            Optional<String> publicIp = gateway.addresses().stream().filter(NatGatewayAddress::isPrimary).findFirst()
                    .or(() -> gateway.addresses().stream().findFirst()).map(NatGatewayAddress::publicIp);
            trace.hop(Hop.of(natId, HopType.NAT_GATEWAY, gateway.connectivityType().wireName() + " NAT gateway in " + gateway.subnetId() + " ("
                    + state.awsName() + ")" + publicIp.map(ip -> ", translates to " + ip).orElse("")));
            switch (state) {
                case AVAILABLE -> { }
                case PENDING, DELETING, DELETED -> {
                    return trace.blocked(ExplanationCode.BAD_STATE, natId, natId + " is " + state.awsName());
                }
            }
            if (gateway.connectivityType() != ConnectivityType.PUBLIC || publicIp.isEmpty()) {
                return trace.blocked(ExplanationCode.NAT_GATEWAY_PRIVATE, natId, natId + " is a private NAT gateway: it cannot reach "
                        + address(destination));
            }
            String natSubnet = gateway.subnetId();
            boolean crossSubnet = !natSubnet.equals(source.subnet().id());
            if (crossSubnet && !acl(natSubnet, false, source.address())) {
                return denied();
            }
            Optional<Subnet> subnet = index.subnet(natSubnet);
            Optional<RouteLookup> table = subnet.flatMap(index::routeTableOf);
            if (table.isEmpty()) {
                return trace.blocked(ExplanationCode.NO_ROUTE_TO_DESTINATION, natSubnet, natSubnet + " has no route table");
            }
            Optional<Route> route = route(table.get(), destination);
            if (route.isEmpty()) {
                return trace.result(Verdict.BLOCKED, Optional.empty());
            }
            String target = route.get().target();
            if (target.startsWith("vpce-")) {
                return gatewayEndpoint(target, subnet.get(), destination, resolution, Optional.of(natId));
            }
            if (!target.startsWith("igw-")) {
                return trace.blocked(ExplanationCode.ROUTE_TARGET_NOT_ANALYZED, table.get().table().id(),
                        "the NAT gateway's route " + RouteLookup.describe(route.get()) + " does not lead to an internet gateway");
            }
            if (!acl(natSubnet, true, destination)) {
                return denied();
            }
            trace.hop(Hop.of(target, HopType.INTERNET_GATEWAY, "carries " + natId + "'s traffic to the internet"));
            if (!returnAcl(natSubnet, false, destination)
                    || (crossSubnet && (!returnAcl(natSubnet, true, source.address()) || !returnAcl(source.subnet().id(), false, destination)))) {
                return denied();
            }
            return service(resolution, Optional.empty(), publicIp, Verdict.PUBLIC, Optional.of(natId));
        }

        private PathResult gatewayEndpoint(String endpointId, Subnet from, long destination, Resolution resolution, Optional<String> throughNat) {
            VpcEndpoint endpoint = index.endpoint(endpointId).orElseThrow();
            trace.hop(Hop.of(endpointId, HopType.VPC_ENDPOINT, "gateway endpoint of " + endpoint.serviceName() + " (" + EndpointView.state(endpoint, at).awsName() + ")"
                    + throughNat.map(nat -> ", reached through " + nat).orElse("")));
            Optional<Explanation> state = EndpointChecks.state(endpoint, at);
            if (state.isPresent()) {
                return trace.blocked(state.get());
            }
            if (!returnAcl(from.id(), false, destination)) {
                return denied();
            }
            return service(resolution, Optional.of(endpoint), Optional.empty(), Verdict.PRIVATE, Optional.of(endpointId));
        }

        /**
         * Across a peering connection: the connection must be active and name the source's VPC; the peer VPC
         * is the record's other side (found in its owner's and region's scope), never guessed from the
         * address, since peered VPCs of one VPC may overlap each other. The address must lie in the peer
         * VPC's CIDRs, and the peer subnet's route table must send the reply back through the same connection.
         */
        private PathResult peering(String connectionId, long destination, Resolution resolution) {
            Optional<VpcPeeringConnection> found = index.state().find(ResourceTypes.VPC_PEERING_CONNECTION, connectionId);
            if (found.isEmpty()) {
                return trace.blocked(ExplanationCode.NO_POSSIBLE_DESTINATION, connectionId, connectionId + " is not known to Backlane");
            }
            VpcPeeringConnection connection = found.get();
            PeeringVpcInfo peer = connection.peerOf(source.vpc().id());
            if (peer == null) {
                return trace.blocked(ExplanationCode.NO_POSSIBLE_DESTINATION, connectionId, connectionId + " joins "
                        + connection.requester().vpcId() + " and " + connection.accepter().vpcId() + ", not " + source.vpc().id());
            }
            trace.hop(Hop.of(connectionId, HopType.VPC_PEERING_CONNECTION, "to " + peer.vpcId() + " (" + peer.ownerId() + ", " + peer.region()
                    + "), " + connection.status()));
            if (!connection.isActive()) {
                return trace.blocked(ExplanationCode.BAD_STATE, connectionId, connectionId + " is " + connection.status()
                        + ": only an active peering connection carries traffic");
            }
            Optional<ScopeIndex> peerScope = world.scope(new Scope(peer.ownerId(), peer.region()))
                    .filter(candidate -> candidate.vpc(peer.vpcId()).isPresent())
                    .or(() -> Optional.of(index).filter(candidate -> candidate.vpc(peer.vpcId()).isPresent()));
            if (peerScope.isEmpty()) {
                return trace.blocked(ExplanationCode.NO_POSSIBLE_DESTINATION, connectionId, "the peer VPC " + peer.vpcId() + " of account "
                        + peer.ownerId() + " in " + peer.region() + " is not known to Backlane");
            }
            ScopeIndex there = peerScope.get();
            if (!there.inVpc(peer.vpcId(), destination)) {
                return trace.blocked(ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, connectionId, address(destination)
                        + " is not in the CIDRs of " + peer.vpcId() + " (" + there.vpcCidrs(peer.vpcId()).stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
            Optional<NetworkInterface> target = there.interfaceAt(peer.vpcId(), destination);
            if (target.isEmpty()) {
                return trace.blocked(ExplanationCode.NO_INTERFACE_AT_ADDRESS, peer.vpcId(),
                        "no network interface in " + peer.vpcId() + " holds " + address(destination));
            }
            Optional<RouteLookup> back = there.subnet(target.get().subnetId()).flatMap(there::routeTableOf);
            Optional<RouteLookup.Match> backRoute = back.flatMap(table -> table.lookup(source.address()));
            boolean returns = backRoute.map(match -> connectionId.equals(match.route().target())
                    && RouteStates.of(there.state(), back.get().table(), match.route(), at).equals(RouteStates.ACTIVE)).orElse(false);
            if (!returns) {
                String tableId = back.map(table -> table.table().id()).orElse(target.get().subnetId());
                return trace.blocked(ExplanationCode.NO_RETURN_ROUTE, tableId,
                        tableId + " has no active route to " + address(source.address()) + " through " + connectionId);
            }
            return arrive(there, target.get(), destination, resolution, Optional.of(connectionId));
        }

        /** The last hops at a service: the policies when asked, then the service (or the internet address). */
        private PathResult service(Resolution resolution, Optional<VpcEndpoint> endpoint, Optional<String> publicSourceIp, Verdict verdict,
                Optional<String> via) {
            Optional<PathResult> denied = policies(endpoint, publicSourceIp);
            if (denied.isPresent()) {
                return denied.get();
            }
            long destination = resolution.address().orElseThrow();
            Optional<AwsService> service = resolution.service().or(() -> endpoint.flatMap(found -> index.services().service(found.serviceName())));
            String reached = (verdict == Verdict.PRIVATE ? "reached privately at " : "reached over the internet at ") + address(destination);
            if (service.isPresent()) {
                trace.hop(Hop.of(service.get().serviceName(), HopType.AWS_SERVICE, reached));
            } else if (resolution.publicService().isPresent()) {
                trace.hop(Hop.of(query.destination(), HopType.AWS_SERVICE, resolution.publicService().get().describe() + " " + reached));
            } else if (verdict == Verdict.PUBLIC) {
                trace.hop(Hop.of(address(destination), HopType.INTERNET, "internet address"));
            }
            return trace.result(verdict, via);
        }

        /** The policies' hop when asked for, and the blocked result when they deny. */
        private Optional<PathResult> policies(Optional<VpcEndpoint> endpoint, Optional<String> publicSourceIp) {
            if (query.policy().isEmpty()) {
                return Optional.empty();
            }
            Optional<PolicyCheck.Outcome> outcome = PolicyCheck.check(query.policy().get(), index, endpoint, source, publicSourceIp, world.faults(),
                    endpointInterface);
            if (outcome.isEmpty()) {
                return Optional.empty();
            }
            trace.hop(outcome.get().hop());
            return outcome.get().denial().map(trace::blocked);
        }

        /** Checks and records a network ACL for the request; false (explanation recorded) when it denies. */
        private boolean acl(String subnetId, boolean egress, long peer) {
            return acl(index, subnetId, egress, peer);
        }

        private boolean acl(ScopeIndex at, String subnetId, boolean egress, long peer) {
            return acls.request(at, subnetId, egress, peer, query.port());
        }

        private boolean returnAcl(String subnetId, boolean egress, long peer) {
            return returnAcl(index, subnetId, egress, peer);
        }

        private boolean returnAcl(ScopeIndex at, String subnetId, boolean egress, long peer) {
            return acls.reply(at, subnetId, egress, peer);
        }

        private PathResult denied() {
            return trace.result(Verdict.BLOCKED, Optional.empty());
        }

        private String traffic() {
            return query.protocol().hasPorts() ? query.protocol().awsName() + " " + query.port() : query.protocol().awsName();
        }

        private String address(long value) {
            return Ipv4Address.format(value);
        }
    }
}
