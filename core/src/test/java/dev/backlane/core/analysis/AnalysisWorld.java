package dev.backlane.core.analysis;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.ConnectivityType;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.network.AddressCommands;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.InternetGatewayCommands;
import dev.backlane.core.network.NatGatewayCommands;
import dev.backlane.core.network.NetworkAclCommands;
import dev.backlane.core.network.NetworkInterfaceCommands.CreateNetworkInterface;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.RouteCommands;
import dev.backlane.core.network.RouteTableCommands;
import dev.backlane.core.network.RouteTarget;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.SecurityGroupPermission.Peer;
import dev.backlane.core.network.SecurityGroupPermission.PeerKind;
import dev.backlane.core.network.SecurityGroupPermission;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds topologies for the path engine through the core's commands, in one scope (us-east-1 unless
 * given) with sequential IDs.
 * VPC endpoints are written as the endpoint commands write them: the record, a requester-managed
 * interface per subnet, and for a gateway endpoint the prefix-list route in each of its tables.
 */
public final class AnalysisWorld {
    public static final Scope SCOPE = new Scope("111122223333", "us-east-1");

    /** The name SCOPE's account gives the zone of this ID: its zone mapping is its own, not the catalogue's. */
    public static String zoneName(String zoneId) {
        return dev.backlane.core.zone.ZoneMappings.standard().derived(SCOPE.account(), SCOPE.region()).nameOf(zoneId);
    }
    public static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    public static final String S3_PREFIX_LIST = "pl-63a5400a";

    public final Quotas quotas = Quotas.awsDefaults();
    public final VpcCommands vpcs = new VpcCommands(quotas);
    public final SubnetCommands subnets = new SubnetCommands(quotas, RegionCatalog.standard());
    public final NetworkInterfaceCommands interfaces = new NetworkInterfaceCommands(quotas);
    public final PrefixListLookup prefixLists = new PrefixListLookup(AwsPrefixListCatalog.standard());
    public final SecurityGroupCommands groups = new SecurityGroupCommands(quotas, prefixLists);
    public final NetworkAclCommands acls = new NetworkAclCommands(quotas);
    public final RouteTableCommands tables = new RouteTableCommands(quotas);
    public final RouteCommands routes = new RouteCommands(quotas, prefixLists);
    public final InternetGatewayCommands gateways = new InternetGatewayCommands(quotas);
    public final AddressCommands addresses = new AddressCommands(quotas);
    public final NatGatewayCommands nats = new NatGatewayCommands(quotas);
    public final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    public final PathEngine engine = new PathEngine(InstantSource.fixed(NOW.plusSeconds(60)));
    public final Scope scope;

    public AnalysisWorld() {
        this(SCOPE);
    }

    public AnalysisWorld(Scope scope) {
        this.scope = scope;
    }

    public <R> R write(Function<Transaction, R> command) {
        return cloud.write(scope, command);
    }

    public World world() {
        return cloud.snapshot();
    }

    public PathResult explain(String from, String to, int port) {
        return engine.explain(world(), PathQuery.of(from, to, Protocol.TCP, port));
    }

    public Vpc vpc(String cidr) {
        return write(tx -> {
            Vpc vpc = vpcs.create(tx, new VpcCommands.CreateVpc(cidr, false, null));
            return vpcs.modifyAttribute(tx, vpc.id(), null, true, null);
        });
    }

    public Vpc dnsAttributes(String vpcId, boolean support, boolean hostnames) {
        return write(tx -> {
            vpcs.modifyAttribute(tx, vpcId, support, null, null);
            return vpcs.modifyAttribute(tx, vpcId, null, hostnames, null);
        });
    }

    public Subnet subnet(Vpc vpc, String cidr, String zone) {
        return write(tx -> subnets.create(tx, new SubnetCommands.CreateSubnet(vpc.id(), cidr, null, zone, null)));
    }

    public SecurityGroup group(Vpc vpc, String name) {
        return write(tx -> groups.create(tx, new SecurityGroupCommands.CreateGroup(name, name, vpc.id())));
    }

    public void allowIn(String groupId, int port, String cidr) {
        write(tx -> groups.authorize(tx, groupId, false, List.of(permission(port, PeerKind.CIDR_IPV4, cidr))));
    }

    public void allowInFromGroup(String groupId, int port, String peerGroup) {
        write(tx -> groups.authorize(tx, groupId, false, List.of(permission(port, PeerKind.GROUP_ID, peerGroup))));
    }

    public void allowOut(String groupId, int port, PeerKind kind, String value) {
        write(tx -> groups.authorize(tx, groupId, true, List.of(permission(port, kind, value))));
    }

    /** Removes every egress rule of the group (new groups allow all egress). */
    public void revokeAllEgress(String groupId) {
        write(tx -> {
            SecurityGroup group = tx.get(ResourceTypes.SECURITY_GROUP, groupId);
            List<String> ids = group.rules().stream().filter(rule -> rule.egress()).map(rule -> rule.id()).toList();
            return groups.revoke(tx, groupId, true, List.of(), ids);
        });
    }

    private static SecurityGroupPermission permission(int port, PeerKind kind, String value) {
        return new SecurityGroupPermission("tcp", port, port, List.of(new Peer(kind, value, null, null)));
    }

    public NetworkInterface eni(Subnet subnet, String... groupIds) {
        return write(tx -> interfaces.create(tx, new CreateNetworkInterface(subnet.id(), "workload", null, List.of(), 0, List.of(), 0,
                List.of(groupIds), null, null)));
    }

    /** An interface attached to an instance as its primary (device 0). */
    public NetworkInterface instanceInterface(Subnet subnet, String instanceId, String... groupIds) {
        NetworkInterface eni = eni(subnet, groupIds);
        return write(tx -> tx.put(ResourceTypes.NETWORK_INTERFACE, eni.withAttachment(
                new NetworkInterfaceAttachment("eni-attach-" + instanceId.substring(2), instanceId, scope.account(), 0, "attached", true, NOW))));
    }

    public String internetRoute(Vpc vpc, String routeTableId) {
        return write(tx -> {
            InternetGateway gateway = gateways.create(tx);
            gateways.attach(tx, gateway.id(), vpc.id());
            routes.create(tx, routeTableId, RouteTarget.Destination.parse("0.0.0.0/0", null, null), RouteTarget.gateway(gateway.id()));
            return gateway.id();
        });
    }

    public RouteTable routeTable(Vpc vpc, Subnet... associated) {
        return write(tx -> {
            RouteTable table = tables.create(tx, vpc.id());
            for (Subnet subnet : associated) {
                tables.associate(tx, table.id(), subnet.id(), null);
            }
            return tx.get(ResourceTypes.ROUTE_TABLE, table.id());
        });
    }

    public String mainRouteTable(Vpc vpc) {
        return world().all(scope, ResourceTypes.ROUTE_TABLE).stream().filter(table -> table.vpcId().equals(vpc.id()) && table.isMain())
                .findFirst().orElseThrow().id();
    }

    public void route(String tableId, String cidr, RouteTarget target) {
        write(tx -> routes.create(tx, tableId, RouteTarget.Destination.parse(cidr, null, null), target));
    }

    public Address elasticIp(NetworkInterface eni) {
        return write(tx -> {
            Address address = addresses.allocate(tx);
            return addresses.associate(tx, new AddressCommands.Association(address.id(), null, null, eni.id(), null, false));
        });
    }

    public NatGateway natGateway(Subnet subnet) {
        return write(tx -> {
            Address address = addresses.allocate(tx);
            return nats.create(tx, new NatGatewayCommands.CreateNatGateway(subnet.id(), ConnectivityType.PUBLIC, address.id(), null));
        });
    }

    public NetworkAcl acl(Vpc vpc, Subnet subnet) {
        return write(tx -> {
            NetworkAcl acl = acls.create(tx, vpc.id());
            NetworkAcl current = tx.all(ResourceTypes.NETWORK_ACL).stream()
                    .filter(candidate -> candidate.associations().stream().anyMatch(association -> association.subnetId().equals(subnet.id())))
                    .findFirst().orElseThrow();
            String associationId = current.associations().stream().filter(association -> association.subnetId().equals(subnet.id()))
                    .findFirst().orElseThrow().id();
            acls.replaceAssociation(tx, associationId, acl.id());
            return tx.get(ResourceTypes.NETWORK_ACL, acl.id());
        });
    }

    public void aclEntry(String aclId, int number, boolean egress, String action, String cidr, Integer from, Integer to) {
        write(tx -> acls.createEntry(tx, aclId, new NetworkAclCommands.EntryRequest(number, egress, from == null ? "-1" : "6", action, cidr, null,
                null, null, from, to)));
    }

    public VpcEndpoint interfaceEndpoint(Vpc vpc, String service, boolean privateDns, String state, List<Subnet> in, String... groupIds) {
        return write(tx -> {
            String id = tx.newId(ResourceTypes.VPC_ENDPOINT);
            List<String> enis = new ArrayList<>();
            for (Subnet subnet : in) {
                enis.add(interfaces.create(tx, CreateNetworkInterface.forService(subnet.id(), "vpc_endpoint", "VPC Endpoint Interface " + id,
                        "amazon-vpce", List.of(groupIds))).id());
            }
            return tx.put(ResourceTypes.VPC_ENDPOINT, new VpcEndpoint(id, vpc.id(), service, scope.region(), VpcEndpointType.INTERFACE, state(state), null, List.of(),
                    in.stream().map(Subnet::id).toList(), List.of(groupIds), enis, privateDns, "ipv4", "ipv4", false, "abcd1234", NOW));
        });
    }

    public VpcEndpoint gatewayEndpoint(Vpc vpc, String service, String prefixListId, String... routeTableIds) {
        return write(tx -> {
            String id = tx.newId(ResourceTypes.VPC_ENDPOINT);
            for (String tableId : routeTableIds) {
                RouteTable table = tx.get(ResourceTypes.ROUTE_TABLE, tableId);
                List<Route> all = new ArrayList<>(table.routes());
                all.add(new Route(null, null, prefixListId, id, null, null, null, null, null, null, null, null, null, "CreateRoute"));
                tx.put(ResourceTypes.ROUTE_TABLE, table.withRoutes(all));
            }
            return tx.put(ResourceTypes.VPC_ENDPOINT, new VpcEndpoint(id, vpc.id(), service, scope.region(), VpcEndpointType.GATEWAY, VpcEndpointState.AVAILABLE, null,
                    List.of(routeTableIds), List.of(), List.of(), List.of(), false, "ipv4", "ipv4", false, "abcd1234", NOW));
        });
    }

    public static VpcEndpointState state(String awsName) {
        for (VpcEndpointState state : VpcEndpointState.values()) {
            if (state.awsName().equals(awsName)) {
                return state;
            }
        }
        throw new IllegalArgumentException(awsName);
    }

    public VpcEndpoint update(VpcEndpoint endpoint) {
        return write(tx -> tx.put(ResourceTypes.VPC_ENDPOINT, endpoint));
    }
}
