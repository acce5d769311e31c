package dev.backlane.core.endpointservice;

import static dev.backlane.core.endpointservice.PrivateLinkWorld.CONSUMER;
import static dev.backlane.core.endpointservice.PrivateLinkWorld.PROVIDER;
import static dev.backlane.core.endpointservice.PrivateLinkWorld.QUOTAS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.Hop;
import dev.backlane.core.analysis.HopType;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.ServiceTarget;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.compute.ImageCommands;
import dev.backlane.core.compute.InstanceCommands;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.data.ImageCatalog;
import dev.backlane.core.data.InstanceTypeCatalog;
import dev.backlane.core.elb.ListenerCommands;
import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.elb.TargetGroupCommands;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.ListenerAction;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.network.NetworkAclCommands;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.SecurityGroupPermission;
import dev.backlane.core.network.SecurityGroupPermission.Peer;
import dev.backlane.core.network.SecurityGroupPermission.PeerKind;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.data.RegionCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The provider's side of a PrivateLink path, two accounts that name their zones differently: the
 * service's network load balancer in the endpoint interface's physical zone, its listener and target
 * group, targets by zone (cross-zone load balancing off by default, on by the load balancer or the
 * group), by health (failing open when none is healthy), and the security groups and ACLs on the way,
 * with the load balancer's address as the targets' source.
 */
class PrivateLinkPathTest {
    private final PrivateLinkWorld world = new PrivateLinkWorld();
    private final SecurityGroupCommands groups = new SecurityGroupCommands(QUOTAS, new PrefixListLookup(AwsPrefixListCatalog.standard()));
    private final TargetGroupCommands targetGroups = new TargetGroupCommands(QUOTAS, ElbCatalog.standard());
    private final TargetCommands targets = new TargetCommands(QUOTAS);
    private final NetworkInterfaceCommands interfaces = new NetworkInterfaceCommands(QUOTAS);
    private final PathEngine engine = new PathEngine(() -> world.now);

    private final Vpc providerVpc = world.cloud.snapshot(PROVIDER).all(PROVIDER, ResourceTypes.VPC).stream().filter(Vpc::isDefault).findFirst()
            .orElseThrow();
    private final Subnet providerA = world.defaultSubnet(PROVIDER, "us-east-1a");
    private final Subnet providerB = world.defaultSubnet(PROVIDER, "us-east-1b");
    private final SecurityGroup targetsGroup = group("targets");
    private final TargetGroup group = world.cloud.write(PROVIDER, transaction -> targetGroups.create(transaction,
            new TargetGroupCommands.CreateTargetGroup("app", ElbProtocol.TCP, null, 8080, providerVpc.id(), TargetType.IP, null, null, List.of())));

    PrivateLinkPathTest() {
        allowIn(targetsGroup.id(), 8080, PeerKind.CIDR_IPV4, providerVpc.cidrBlock());
    }

    @Test
    void theAccountsNameTheEndpointsZoneDifferentlyAndTheZoneIdJoinsThem() {
        Consumer consumer = consumer(service(List.of()), "us-east-1a");

        assertNotEquals(consumer.subnet().availabilityZone(), "us-east-1a");
        assertEquals(world.providerZones.idOf("us-east-1a"), world.consumerZones.idOf(consumer.subnet().availabilityZone()));
    }

    @Test
    void withCrossZoneOffTheEndpointReachesOnlyTheTargetsInItsZoneFromTheNodeThere() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        NetworkInterface inA = target(providerA);
        target(providerB);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        PathResult result = explain(consumer, 443);

        assertEquals(Verdict.PRIVATE, result.verdict(), result.toString());
        assertEquals(List.of(inA.privateIpAddress()), addresses(result));
        assertEquals(consumer.endpoint().networkInterfaceIds(), result.destination().flatMap(PathResult.Destination::networkInterfaceId).stream()
                .toList(), "the packets still go to the endpoint's interface");
        ServiceTarget reached = result.targets().get(0);
        assertEquals(nodeAddress(loadBalancer, "us-east-1a"), reached.loadBalancerAddress());
        assertEquals(PROVIDER, reached.scope());
        assertEquals(providerVpc.id(), reached.vpcId());
        assertEquals(8080, reached.port());
        assertEquals("us-east-1a", reached.availabilityZone());
        assertEquals(false, reached.proxyProtocolV2());
        List<HopType> provider = types(result).subList(types(result).indexOf(HopType.LOAD_BALANCER), types(result).size());
        assertEquals(List.of(HopType.LOAD_BALANCER, HopType.LISTENER, HopType.TARGET_GROUP, HopType.TARGET, HopType.SECURITY_GROUP), provider);
        assertTrue(hop(result, HopType.TARGET_GROUP).detail().contains("cross-zone load balancing off"), hop(result, HopType.TARGET_GROUP).detail());
    }

    @Test
    void theEndpointInTheOtherZoneReachesThatZonesTargetFromThatZonesNode() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        target(providerA);
        NetworkInterface inB = target(providerB);
        Consumer consumer = settled(loadBalancer, "us-east-1b");

        PathResult result = explain(consumer, 443);

        assertEquals(List.of(inB.privateIpAddress()), addresses(result));
        assertEquals(nodeAddress(loadBalancer, "us-east-1b"), result.targets().get(0).loadBalancerAddress());
    }

    @Test
    void crossZoneOnTheLoadBalancerReachesEveryEnabledZonesTargets() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        NetworkInterface inA = target(providerA);
        NetworkInterface inB = target(providerB);
        crossZone(loadBalancer);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        PathResult result = explain(consumer, 443);

        assertEquals(List.of(inA.privateIpAddress(), inB.privateIpAddress()), addresses(result).stream().sorted().toList());
        String node = nodeAddress(loadBalancer, "us-east-1a");
        assertTrue(result.targets().stream().allMatch(target -> target.loadBalancerAddress().equals(node)), "the node in the endpoint's zone sends");
    }

    @Test
    void theTargetGroupsCrossZoneSettingOverridesTheLoadBalancers() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        target(providerA);
        target(providerB);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        groupAttribute("load_balancing.cross_zone.enabled", "true");
        assertEquals(2, explain(consumer, 443).targets().size());

        crossZone(loadBalancer);
        groupAttribute("load_balancing.cross_zone.enabled", "false");
        assertEquals(1, explain(consumer, 443).targets().size());
    }

    @Test
    void withCrossZoneOffAZoneWithoutTargetsIsBlocked() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        target(providerB);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        PathResult result = explain(consumer, 443);

        assertEquals(Verdict.BLOCKED, result.verdict());
        assertEquals(ExplanationCode.ELBV2_NO_TARGETS_IN_AZ, blocking(result).code());
        assertEquals(List.of(), result.targets());
    }

    @Test
    void targetsOnlyInZonesTheLoadBalancerDoesNotHaveAreOutOfReachEvenAcrossZones() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        target(world.defaultSubnet(PROVIDER, "us-east-1c"));
        crossZone(loadBalancer);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        assertEquals(ExplanationCode.ELB_INSTALLED_AZ_RESTRICTION, blocking(explain(consumer, 443)).code());
    }

    @Test
    void onlyHealthyTargetsTakeNewConnections() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        NetworkInterface failing = target(providerA);
        NetworkInterface serving = target(providerA);
        Consumer consumer = settled(loadBalancer, "us-east-1a");
        record(failing, TargetHealthState.UNHEALTHY, TargetHealthReason.TIMEOUT, "Request timed out");

        PathResult result = explain(consumer, 443);

        assertEquals(List.of(serving.privateIpAddress()), addresses(result));
        assertTrue(codes(result).isEmpty(), result.explanations().toString());
    }

    @Test
    void whenNoTargetInReachIsHealthyTheLoadBalancerFailsOpenToAllOfThem() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        NetworkInterface first = target(providerA);
        NetworkInterface second = target(providerA);
        Consumer consumer = settled(loadBalancer, "us-east-1a");
        record(first, TargetHealthState.UNHEALTHY, TargetHealthReason.TIMEOUT, "Request timed out");
        record(second, TargetHealthState.UNHEALTHY, TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");

        PathResult result = explain(consumer, 443);

        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(List.of(first.privateIpAddress(), second.privateIpAddress()), addresses(result).stream().sorted().toList());
        assertEquals(List.of(ExplanationCode.TARGETS_FAIL_OPEN), codes(result));
    }

    @Test
    void initialTargetsTakeConnectionsOnlyWhileNoTargetIsHealthy() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        NetworkInterface registeredFirst = target(providerA);
        Consumer consumer = consumer(service(loadBalancer), "us-east-1a");
        NetworkInterface justRegistered = target(providerA);
        world.now = world.now.plus(Duration.ofMinutes(1));

        // The first passed its checks long ago; the second is still initial (150 s with the network defaults).
        record(registeredFirst, TargetHealthState.HEALTHY, null, null);
        assertEquals(List.of(registeredFirst.privateIpAddress()), addresses(explain(consumer, 443)));

        record(registeredFirst, TargetHealthState.UNHEALTHY, TargetHealthReason.TIMEOUT, "Request timed out");
        PathResult failedOpen = explain(consumer, 443);
        assertEquals(2, failedOpen.targets().size());
        assertTrue(addresses(failedOpen).contains(justRegistered.privateIpAddress()));
    }

    @Test
    void aPortWithoutListenerIsBlockedNamingTheListeners() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        target(providerA);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        PathResult result = explain(consumer, 80);

        assertEquals(Verdict.BLOCKED, result.verdict());
        Explanation blocking = blocking(result);
        assertEquals(ExplanationCode.ELBV2_LISTENERS_MISMATCH, blocking.code());
        assertEquals(loadBalancer.id(), blocking.component());
        assertTrue(blocking.detail().contains("TCP 443"), blocking.detail());
    }

    @Test
    void aGroupWithoutTargetsIsBlocked() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        assertEquals(ExplanationCode.ELBV2_LISTENER_HAS_NO_TG, blocking(explain(consumer, 443)).code());
    }

    @Test
    void theLoadBalancersInboundRulesSeeTheClientsAddressNotTheEndpoints() {
        SecurityGroup front = group("front");
        allowOut(front.id(), 8080, providerVpc.cidrBlock());
        LoadBalancer loadBalancer = loadBalancer(List.of(front.id()));
        target(providerA);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        PathResult closed = explain(consumer, 443);
        assertEquals(ExplanationCode.ENI_SG_RULES_MISMATCH, blocking(closed).code());
        assertEquals(front.id(), blocking(closed).component());

        allowIn(front.id(), 443, PeerKind.CIDR_IPV4, consumer.endpointAddress() + "/32");
        assertEquals(Verdict.BLOCKED, explain(consumer, 443).verdict(), "the endpoint interface's address is not the source");

        allowIn(front.id(), 443, PeerKind.CIDR_IPV4, consumer.workload().privateIpAddress() + "/32");
        PathResult open = explain(consumer, 443);
        assertEquals(Verdict.PRIVATE, open.verdict(), open.toString());
        assertTrue(open.hops().stream().anyMatch(hop -> hop.detail().startsWith("load balancer ingress")), open.toString());
    }

    @Test
    void inboundRulesAreNotEvaluatedOnPrivateLinkTrafficWhenTheLoadBalancerSaysOff() {
        SecurityGroup front = group("front");
        allowOut(front.id(), 8080, providerVpc.cidrBlock());
        LoadBalancer loadBalancer = loadBalancer(List.of(front.id()));
        target(providerA);
        Consumer consumer = settled(loadBalancer, "us-east-1a");
        assertEquals(Verdict.BLOCKED, explain(consumer, 443).verdict());

        world.cloud.write(PROVIDER, transaction -> world.loadBalancers.setSecurityGroups(transaction, loadBalancer.id(), List.of(front.id()), "off"));

        assertEquals(Verdict.PRIVATE, explain(consumer, 443).verdict());
    }

    @Test
    void theLoadBalancersOutboundRulesMustReachTheTarget() {
        SecurityGroup front = group("front");
        allowIn(front.id(), 443, PeerKind.CIDR_IPV4, "0.0.0.0/0");
        revokeAllEgress(front);
        LoadBalancer loadBalancer = loadBalancer(List.of(front.id()));
        target(providerA);
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        PathResult result = explain(consumer, 443);

        assertEquals(ExplanationCode.ENI_SG_RULES_MISMATCH, blocking(result).code());
        assertTrue(blocking(result).detail().contains("no outbound rule"), blocking(result).detail());
    }

    @Test
    void theTargetsGroupsMustAllowTheLoadBalancersAddressOrItsGroup() {
        SecurityGroup front = group("front");
        allowIn(front.id(), 443, PeerKind.CIDR_IPV4, "0.0.0.0/0");
        LoadBalancer loadBalancer = loadBalancer(List.of(front.id()));
        SecurityGroup closed = group("closed");
        NetworkInterface guarded = target(providerA, closed.id());
        Consumer consumer = settled(loadBalancer, "us-east-1a");

        PathResult refused = explain(consumer, 443);
        assertEquals(ExplanationCode.ENI_SG_RULES_MISMATCH, blocking(refused).code());
        assertEquals(closed.id(), blocking(refused).component());
        assertTrue(blocking(refused).detail().contains(nodeAddress(loadBalancer, "us-east-1a")), blocking(refused).detail());

        allowIn(closed.id(), 8080, PeerKind.GROUP_ID, front.id());
        assertEquals(List.of(guarded.privateIpAddress()), addresses(explain(consumer, 443)));
    }

    @Test
    void theClientsAddressIsNotWhatTheTargetSees() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        SecurityGroup clientsOnly = group("clients-only");
        target(providerA, clientsOnly.id());
        Consumer consumer = settled(loadBalancer, "us-east-1a");
        allowIn(clientsOnly.id(), 8080, PeerKind.CIDR_IPV4, consumer.workload().privateIpAddress() + "/32");

        assertEquals(Verdict.BLOCKED, explain(consumer, 443).verdict(), "the load balancer does not keep the client's address for PrivateLink");
    }

    @Test
    void theTargetSubnetsAclMustAllowTheLoadBalancer() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        Subnet own = world.cloud.write(PROVIDER, transaction -> new SubnetCommands(QUOTAS, RegionCatalog.standard()).create(transaction,
                new SubnetCommands.CreateSubnet(providerVpc.id(), "172.31.128.0/24", null, "us-east-1a", null)));
        target(own);
        Consumer consumer = settled(loadBalancer, "us-east-1a");
        assertEquals(Verdict.PRIVATE, explain(consumer, 443).verdict());

        NetworkAclCommands acls = new NetworkAclCommands(QUOTAS);
        NetworkAcl denying = world.cloud.write(PROVIDER, transaction -> {
            NetworkAcl acl = acls.create(transaction, providerVpc.id());
            String association = transaction.all(ResourceTypes.NETWORK_ACL).stream()
                    .flatMap(candidate -> candidate.associations().stream())
                    .filter(candidate -> candidate.subnetId().equals(own.id()))
                    .findFirst().orElseThrow().id();
            acls.replaceAssociation(transaction, association, acl.id());
            return acl;
        });

        PathResult result = explain(consumer, 443);
        assertEquals(ExplanationCode.SUBNET_ACL_RESTRICTION, blocking(result).code());
        assertEquals(denying.id(), blocking(result).component());
    }

    @Test
    void anInstanceTargetIsReachedAtItsPrimaryAddressThroughItsOwnGroups() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        TargetGroup instances = world.cloud.write(PROVIDER, transaction -> targetGroups.create(transaction, new TargetGroupCommands.CreateTargetGroup(
                "instances", ElbProtocol.TCP, null, 9000, providerVpc.id(), TargetType.INSTANCE, null, null, List.of())));
        SecurityGroup closed = group("instance");
        Instance instance = world.cloud.write(PROVIDER, transaction -> new InstanceCommands(interfaces, InstanceTypeCatalog.standard(),
                new ImageCommands(ImageCatalog.standard())).run(transaction, new InstanceCommands.RunInstances("ami-760aaa0f", "t3.micro", 1, 1,
                providerA.id(), null, List.of(closed.id()), List.of(), null, null, null, null, null, null, false, false, null, null, true, null, null)))
                .instances().get(0);
        world.now = world.now.plus(Duration.ofMinutes(1));
        world.cloud.write(PROVIDER, transaction -> targets.register(transaction, instances.id(),
                List.of(new TargetCommands.TargetRequest(instance.id(), null, null))));
        listener(loadBalancer, 8443, instances);
        Consumer consumer = consumer(world.serviceBehind(false, List.of(loadBalancer.id())), "us-east-1a");
        settle();
        assertEquals(ExplanationCode.ENI_SG_RULES_MISMATCH, blocking(explain(consumer, 8443)).code());

        allowIn(closed.id(), 9000, PeerKind.CIDR_IPV4, nodeAddress(loadBalancer, "us-east-1a") + "/32");
        PathResult result = explain(consumer, 8443);

        assertEquals(Verdict.PRIVATE, result.verdict(), result.toString());
        ServiceTarget reached = result.targets().get(0);
        assertEquals(instance.id(), reached.targetId());
        assertEquals(instance.privateIpAddress(), reached.address());
        assertEquals(9000, reached.port());
    }

    @Test
    void proxyProtocolV2FollowsTheTargetGroupsAttribute() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        target(providerA);
        Consumer consumer = settled(loadBalancer, "us-east-1a");
        groupAttribute("proxy_protocol_v2.enabled", "true");

        assertEquals(true, explain(consumer, 443).targets().get(0).proxyProtocolV2());
    }

    @Test
    void anEndpointWaitingForAcceptanceStopsBeforeTheProvider() {
        LoadBalancer loadBalancer = loadBalancer(List.of());
        target(providerA);
        listener(loadBalancer, 443, group);
        EndpointServiceConfiguration service = world.serviceBehind(true, List.of(loadBalancer.id()));
        Consumer consumer = consumer(service, "us-east-1a");
        settle();

        PathResult result = explain(consumer, 443);

        assertEquals(ExplanationCode.ENDPOINT_PENDING_ACCEPTANCE, blocking(result).code());
        assertTrue(types(result).stream().noneMatch(type -> type == HopType.LOAD_BALANCER));
        assertEquals(List.of(), result.targets());
    }

    private record Consumer(EndpointServiceConfiguration service, VpcEndpoint endpoint, Subnet subnet, NetworkInterface workload,
            String endpointAddress) {
        String name() {
            return endpoint.id() + "-" + endpoint.dnsSuffix() + "." + service.baseEndpointDnsName("us-east-1");
        }
    }

    /** The consumer's endpoint and a workload beside it, in the physical zone the provider calls {@code providerZone}. */
    private Consumer consumer(EndpointServiceConfiguration service, String providerZone) {
        Subnet subnet = world.consumerSubnetBeside(providerZone);
        VpcEndpoint endpoint = world.endpoint(service, subnet);
        NetworkInterface workload = world.cloud.write(CONSUMER, transaction -> interfaces.create(transaction,
                new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(), "workload", null, List.of(), 0, List.of(), 0, List.of(), null, null)));
        String endpointAddress = world.cloud.snapshot(CONSUMER).find(CONSUMER, ResourceTypes.NETWORK_INTERFACE, endpoint.networkInterfaceIds().get(0))
                .orElseThrow().privateIpAddress();
        return new Consumer(service, endpoint, subnet, workload, endpointAddress);
    }

    /** The consumer's endpoint beside the provider's zone to the service behind the load balancer, its targets settled. */
    private Consumer settled(LoadBalancer loadBalancer, String providerZone) {
        Consumer consumer = consumer(service(loadBalancer), providerZone);
        settle();
        return consumer;
    }

    private void crossZone(LoadBalancer loadBalancer) {
        world.cloud.write(PROVIDER, transaction -> world.loadBalancers.modifyAttributes(transaction, loadBalancer.id(),
                Map.of("load_balancing.cross_zone.enabled", "true")));
    }

    private LoadBalancer loadBalancer(List<String> securityGroups) {
        return world.networkLoadBalancer("front", securityGroups, "us-east-1a", "us-east-1b");
    }

    /** The service behind the load balancer, its listener on 443 forwarding to the group. */
    private EndpointServiceConfiguration service(LoadBalancer loadBalancer) {
        listener(loadBalancer, 443, group);
        return world.serviceBehind(false, List.of(loadBalancer.id()));
    }

    private EndpointServiceConfiguration service(List<String> securityGroups) {
        return service(loadBalancer(securityGroups));
    }

    private void listener(LoadBalancer loadBalancer, int port, TargetGroup forwardTo) {
        world.cloud.write(PROVIDER, transaction -> new ListenerCommands(QUOTAS, ElbCatalog.standard()).create(transaction, loadBalancer.id(),
                new ListenerCommands.ListenerSettings(ElbProtocol.TCP, port, List.of(new ListenerAction("forward", forwardTo.id(), null)), List.of(),
                        null), List.of()));
    }

    /** An interface in the subnet (the targets' group unless told), registered as an IP target of the group. */
    private NetworkInterface target(Subnet subnet, String... groupIds) {
        List<String> chosen = groupIds.length == 0 ? List.of(targetsGroup.id()) : List.of(groupIds);
        NetworkInterface eni = world.cloud.write(PROVIDER, transaction -> interfaces.create(transaction,
                new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(), "target", null, List.of(), 0, List.of(), 0, chosen, null, null)));
        world.cloud.write(PROVIDER, transaction -> targets.register(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest(eni.privateIpAddress(), null, null))));
        return eni;
    }

    private void record(NetworkInterface target, TargetHealthState state, TargetHealthReason reason, String description) {
        world.cloud.write(PROVIDER, transaction -> TargetCommands.recordHealth(transaction, group.id(), target.privateIpAddress(), 8080, state, reason,
                description, world.now));
    }

    private void groupAttribute(String key, String value) {
        world.cloud.write(PROVIDER, transaction -> targetGroups.modifyAttributes(transaction, group.id(), Map.of(key, value)));
    }

    /** Past the checks that make registered targets healthy. */
    private void settle() {
        world.now = world.now.plus(Duration.ofHours(1));
    }

    private SecurityGroup group(String name) {
        return world.cloud.write(PROVIDER, transaction -> groups.create(transaction, new SecurityGroupCommands.CreateGroup(name, name,
                providerVpc.id())));
    }

    private void allowIn(String groupId, int port, PeerKind kind, String value) {
        world.cloud.write(PROVIDER, transaction -> groups.authorize(transaction, groupId, false, List.of(permission(port, kind, value))));
    }

    private void allowOut(String groupId, int port, String cidr) {
        revokeAllEgress(world.cloud.snapshot(PROVIDER).find(PROVIDER, ResourceTypes.SECURITY_GROUP, groupId).orElseThrow());
        world.cloud.write(PROVIDER, transaction -> groups.authorize(transaction, groupId, true, List.of(permission(port, PeerKind.CIDR_IPV4, cidr))));
    }

    private void revokeAllEgress(SecurityGroup securityGroup) {
        world.cloud.write(PROVIDER, transaction -> groups.revoke(transaction, securityGroup.id(), true, List.of(),
                transaction.get(ResourceTypes.SECURITY_GROUP, securityGroup.id()).rules().stream().filter(rule -> rule.egress())
                        .map(rule -> rule.id()).toList()));
    }

    private static SecurityGroupPermission permission(int port, PeerKind kind, String value) {
        return new SecurityGroupPermission("tcp", port, port, List.of(new Peer(kind, value, null, null)));
    }

    private String nodeAddress(LoadBalancer loadBalancer, String providerZone) {
        LoadBalancer current = world.cloud.snapshot(PROVIDER).find(PROVIDER, ResourceTypes.LOAD_BALANCER, loadBalancer.id()).orElseThrow();
        String interfaceId = current.zones().stream().filter(zone -> zone.zoneName().equals(providerZone)).findFirst().orElseThrow()
                .networkInterfaceId();
        return world.cloud.snapshot(PROVIDER).find(PROVIDER, ResourceTypes.NETWORK_INTERFACE, interfaceId).orElseThrow().privateIpAddress();
    }

    private PathResult explain(Consumer consumer, int port) {
        return engine.explain(WorldIndex.of(world.cloud.snapshot()), PathQuery.of(consumer.workload().id(), consumer.name(), Protocol.TCP, port));
    }

    private static List<String> addresses(PathResult result) {
        return result.targets().stream().map(ServiceTarget::address).toList();
    }

    private static List<HopType> types(PathResult result) {
        return result.hops().stream().filter(hop -> !hop.returnPath()).map(Hop::type).toList();
    }

    private static Hop hop(PathResult result, HopType type) {
        return result.hops().stream().filter(hop -> hop.type() == type).findFirst().orElseThrow();
    }

    private static List<ExplanationCode> codes(PathResult result) {
        return result.explanations().stream().map(Explanation::code).toList();
    }

    private static Explanation blocking(PathResult result) {
        return result.explanations().get(result.explanations().size() - 1);
    }
}
