package dev.backlane.server.api.ec2;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.SubnetAddresses;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.TestApi;
import java.util.List;
import java.util.Set;

/**
 * Resources other families own (subnets, network interfaces), written through the core so that these
 * tests need not wait for those families' operations.
 */
final class NetworkFixture {
    static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    private final TestApi api;

    NetworkFixture(TestApi api) {
        this.api = api;
    }

    String defaultVpcId() {
        return api.ec2("DescribeVpcs", "Filter.1.Name", "is-default", "Filter.1.Value.1", "true").assertOk().text("//vpcSet/item/vpcId");
    }

    String createVpc(String cidr) {
        return api.ec2("CreateVpc", "CidrBlock", cidr).assertOk().text("//vpc/vpcId");
    }

    String mainRouteTable(String vpcId) {
        return api.ec2("DescribeRouteTables", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId, "Filter.2.Name", "association.main",
                "Filter.2.Value.1", "true").assertOk().text("//routeTableSet/item/routeTableId");
    }

    String subnet(String vpcId, String cidr, String zone) {
        return api.cloud().write(SCOPE, transaction -> {
            Subnet subnet = new Subnet(transaction.newId(ResourceTypes.SUBNET), vpcId, cidr, zone, "use1-az1", List.of(), false, false, false,
                    false, "ip-name", false, false, "available");
            return transaction.put(ResourceTypes.SUBNET, subnet).id();
        });
    }

    /** A default subnet of the default VPC. */
    Subnet defaultSubnet() {
        return state().all(ResourceTypes.SUBNET).stream().filter(Subnet::defaultForAz).findFirst().orElseThrow();
    }

    String networkInterface(String subnetId) {
        return api.cloud().write(SCOPE, transaction -> {
            Subnet subnet = transaction.get(ResourceTypes.SUBNET, subnetId);
            String address = SubnetAddresses.allocate(transaction.state(), subnet, null, Set.of());
            NetworkInterface networkInterface = new NetworkInterface(transaction.newId(ResourceTypes.NETWORK_INTERFACE), subnet.id(),
                    subnet.vpcId(), subnet.availabilityZone(), subnet.availabilityZoneId(), "", "interface", address, List.of(), List.of(),
                    List.of(), true, false, null, "02:00:00:00:00:01", "available", null, null, null, null);
            return transaction.put(ResourceTypes.NETWORK_INTERFACE, networkInterface).id();
        });
    }

    void deleteNetworkInterface(String id) {
        api.cloud().write(SCOPE, transaction -> {
            transaction.remove(ResourceTypes.NETWORK_INTERFACE, id);
            return null;
        });
    }

    ScopeState state() {
        return api.cloud().snapshot(SCOPE).scope(SCOPE);
    }

    NetworkInterface networkInterfaceRecord(String id) {
        return state().find(ResourceTypes.NETWORK_INTERFACE, id).orElseThrow();
    }
}
