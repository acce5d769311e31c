package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatGatewayOperationsTest {
    /** A clock the test moves. */
    private static final class TestClock implements InstantSource {
        private Instant now = TestApi.NOW;

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final TestClock clock = new TestClock();
    private final TestApi api = new TestApi(Quotas.awsDefaults(), clock);
    private final NetworkFixture fixture = new NetworkFixture(api);

    private String natState(String natId) {
        return api.ec2("DescribeNatGateways", "NatGatewayId.1", natId).assertOk().text("//natGatewaySet/item/state");
    }

    private long interfaceCount() {
        return fixture.state().all(ResourceTypes.NETWORK_INTERFACE).size();
    }

    @Test
    void publicGatewayGetsAnInterfaceAndTheElasticIp() {
        String subnet = fixture.defaultSubnet().id();
        TestApi.Response allocated = api.ec2("AllocateAddress").assertOk();
        String allocationId = allocated.text("//allocationId");
        TestApi.Response created = api.ec2("CreateNatGateway", "SubnetId", subnet, "AllocationId", allocationId,
                "TagSpecification.1.ResourceType", "natgateway", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "egress").assertOk();
        String natId = created.text("//natGateway/natGatewayId");
        assertTrue(natId.matches("nat-[0-9a-f]{17}"), natId);
        assertEquals("pending", created.text("//natGateway/state"));
        assertEquals("public", created.text("//natGateway/connectivityType"));
        assertEquals(fixture.defaultVpcId(), created.text("//natGateway/vpcId"));
        assertEquals("egress", created.text("//natGateway/tagSet/item[key='Name']/value"));
        String eni = created.text("//natGateway/natGatewayAddressSet/item/networkInterfaceId");
        assertEquals(allocated.text("//publicIp"), created.text("//natGateway/natGatewayAddressSet/item/publicIp"));
        assertEquals("true", created.text("//natGateway/natGatewayAddressSet/item/isPrimary"));

        NetworkInterface record = fixture.networkInterfaceRecord(eni);
        assertEquals("nat_gateway", record.interfaceType());
        assertEquals("Interface for NAT Gateway " + natId, record.description());
        assertTrue(record.requesterManaged());
        assertEquals(subnet, record.subnetId());
        assertEquals(allocated.text("//publicIp"), record.publicIp());
        assertEquals(record.privateIpAddress(), created.text("//natGateway/natGatewayAddressSet/item/privateIp"));

        TestApi.Response address = api.ec2("DescribeAddresses", "AllocationId.1", allocationId);
        assertEquals(eni, address.text("//addressesSet/item/networkInterfaceId"));
        assertEquals(created.text("//natGateway/natGatewayAddressSet/item/associationId"), address.text("//addressesSet/item/associationId"));
    }

    @Test
    void stateIsPendingThenAvailableThenDeletingThenDeleted() {
        String allocationId = api.ec2("AllocateAddress").text("//allocationId");
        String natId = api.ec2("CreateNatGateway", "SubnetId", fixture.defaultSubnet().id(), "AllocationId", allocationId)
                .assertOk().text("//natGateway/natGatewayId");
        assertEquals("pending", natState(natId));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("available", natState(natId));
        assertEquals(List.of(natId), api.ec2("DescribeNatGateways", "Filter.1.Name", "state", "Filter.1.Value.1", "available")
                .texts("//natGatewaySet/item/natGatewayId"));
        String eni = api.ec2("DescribeNatGateways", "NatGatewayId.1", natId).text("//natGatewayAddressSet/item/networkInterfaceId");

        assertEquals(natId, api.ec2("DeleteNatGateway", "NatGatewayId", natId).assertOk().text("//natGatewayId"));
        assertEquals("deleting", natState(natId));
        assertTrue(fixture.state().find(ResourceTypes.NETWORK_INTERFACE, eni).isEmpty(), "the interface is released");
        TestApi.Response address = api.ec2("DescribeAddresses", "AllocationId.1", allocationId);
        assertNull(address.text("//addressesSet/item/associationId"));
        api.ec2("ReleaseAddress", "AllocationId", allocationId).assertOk();
        clock.advance(Duration.ofSeconds(2));
        TestApi.Response deleted = api.ec2("DescribeNatGateways", "NatGatewayId.1", natId).assertOk();
        assertEquals("deleted", deleted.text("//natGatewaySet/item/state"));
        assertTrue(deleted.text("//natGatewaySet/item/deleteTime") != null, deleted.body());
        api.ec2("DeleteNatGateway", "NatGatewayId", natId).assertOk();
        clock.advance(Duration.ofHours(2));
        TestApi.Response gone = api.ec2("DescribeNatGateways", "NatGatewayId.1", natId).assertError("NatGatewayNotFound");
        assertEquals("NAT gateway " + natId + " was not found", gone.text("//Message"));
        assertEquals(0, api.ec2("DescribeNatGateways").texts("//natGatewaySet/item").size());
    }

    @Test
    void routeToDeletedNatGatewayIsBlackhole() {
        String vpcId = fixture.defaultVpcId();
        String table = api.ec2("CreateRouteTable", "VpcId", vpcId).assertOk().text("//routeTable/routeTableId");
        String natId = api.ec2("CreateNatGateway", "SubnetId", fixture.defaultSubnet().id(), "ConnectivityType", "private")
                .assertOk().text("//natGateway/natGatewayId");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "NatGatewayId", natId).assertOk();
        String state = "//routeSet/item[destinationCidrBlock='0.0.0.0/0']/state";
        assertEquals("active", api.ec2("DescribeRouteTables", "RouteTableId.1", table).text(state));
        assertEquals(List.of(table), api.ec2("DescribeRouteTables", "Filter.1.Name", "route.nat-gateway-id", "Filter.1.Value.1", natId)
                .texts("//routeTableSet/item/routeTableId"));
        api.ec2("DeleteNatGateway", "NatGatewayId", natId).assertOk();
        assertEquals("blackhole", api.ec2("DescribeRouteTables", "RouteTableId.1", table).text(state));
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "10.9.0.0/16", "NatGatewayId", natId)
                .assertError("InvalidNatGatewayID.NotFound");
    }

    @Test
    void privateGatewayHasNoPublicAddress() {
        TestApi.Response created = api.ec2("CreateNatGateway", "SubnetId", fixture.defaultSubnet().id(), "ConnectivityType", "private")
                .assertOk();
        assertEquals("private", created.text("//natGateway/connectivityType"));
        assertNull(created.text("//natGateway/natGatewayAddressSet/item/publicIp"));
        assertTrue(created.text("//natGateway/natGatewayAddressSet/item/privateIp").startsWith("172.31."));
        String allocationId = api.ec2("AllocateAddress").text("//allocationId");
        api.ec2("CreateNatGateway", "SubnetId", fixture.defaultSubnet().id(), "ConnectivityType", "private", "AllocationId", allocationId)
                .assertError("InvalidParameterCombination");
    }

    @Test
    void failingCreateLeavesNoInterfaceBehind() {
        long before = interfaceCount();
        String subnet = fixture.defaultSubnet().id();
        TestApi.Response missing = api.ec2("CreateNatGateway", "SubnetId", subnet, "AllocationId", "eipalloc-00000000000000999")
                .assertError("InvalidAllocationID.NotFound");
        assertEquals("The allocation ID 'eipalloc-00000000000000999' does not exist", missing.text("//Message"));
        api.ec2("CreateNatGateway", "SubnetId", subnet).assertError("MissingParameter");
        api.ec2("CreateNatGateway", "SubnetId", "subnet-00000000000000999", "ConnectivityType", "private").assertError("InvalidSubnetID.NotFound");
        String allocationId = api.ec2("AllocateAddress").text("//allocationId");
        api.ec2("CreateNatGateway", "SubnetId", subnet, "AllocationId", allocationId).assertOk();
        long withOne = interfaceCount();
        assertEquals(before + 1, withOne);
        TestApi.Response taken = api.ec2("CreateNatGateway", "SubnetId", subnet, "AllocationId", allocationId)
                .assertError("Resource.AlreadyAssociated");
        assertTrue(taken.text("//Message").contains(allocationId), taken.body());
        api.ec2("CreateNatGateway", "SubnetId", subnet, "ConnectivityType", "private", "PrivateIpAddress", "10.0.0.5")
                .assertError("InvalidParameterValue");
        assertEquals(withOne, interfaceCount());
        assertEquals(1, api.ec2("DescribeNatGateways").texts("//natGatewaySet/item").size());
    }

    @Test
    void clientTokenMakesCreateIdempotent() {
        String subnet = fixture.defaultSubnet().id();
        String allocationId = api.ec2("AllocateAddress").text("//allocationId");
        String first = api.ec2("CreateNatGateway", "SubnetId", subnet, "AllocationId", allocationId, "ClientToken", "t1")
                .assertOk().text("//natGateway/natGatewayId");
        TestApi.Response again = api.ec2("CreateNatGateway", "SubnetId", subnet, "AllocationId", allocationId, "ClientToken", "t1").assertOk();
        assertEquals(first, again.text("//natGateway/natGatewayId"));
        assertEquals("t1", again.text("//clientToken"));
        api.ec2("CreateNatGateway", "SubnetId", subnet, "ConnectivityType", "private", "ClientToken", "t1")
                .assertError("IdempotentParameterMismatch");
        assertEquals(1, api.ec2("DescribeNatGateways").texts("//natGatewaySet/item").size());
    }

    @Test
    void dryRunFiltersAndQuota() {
        String subnet = fixture.defaultSubnet().id();
        api.ec2("CreateNatGateway", "SubnetId", subnet, "ConnectivityType", "private", "DryRun", "true").assertError(412, "DryRunOperation");
        assertEquals(0, api.ec2("DescribeNatGateways").texts("//natGatewaySet/item").size());
        TestApi limited = new TestApi(Quotas.awsDefaults().with("nat-gateways-per-az", 2));
        NetworkFixture limitedFixture = new NetworkFixture(limited);
        String limitedSubnet = limitedFixture.defaultSubnet().id();
        String kept = limited.ec2("CreateNatGateway", "SubnetId", limitedSubnet, "ConnectivityType", "private").assertOk()
                .text("//natGateway/natGatewayId");
        String second = limited.ec2("CreateNatGateway", "SubnetId", limitedSubnet, "ConnectivityType", "private").assertOk()
                .text("//natGateway/natGatewayId");
        limited.ec2("CreateNatGateway", "SubnetId", limitedSubnet, "ConnectivityType", "private").assertError("NatGatewayLimitExceeded");
        limited.ec2("DeleteNatGateway", "NatGatewayId", second).assertOk();
        limited.ec2("CreateNatGateway", "SubnetId", limitedSubnet, "ConnectivityType", "private").assertOk();
        assertEquals(List.of(kept), limited.ec2("DescribeNatGateways", "Filter.1.Name", "nat-gateway-id", "Filter.1.Value.1", kept)
                .texts("//natGatewaySet/item/natGatewayId"));
        assertEquals(3, limited.ec2("DescribeNatGateways", "Filter.1.Name", "subnet-id", "Filter.1.Value.1", limitedSubnet)
                .texts("//natGatewaySet/item").size());
        TestApi.Response page = limited.ec2("DescribeNatGateways", "MaxResults", "5").assertOk();
        assertEquals(3, page.texts("//natGatewaySet/item").size());
        limited.ec2("DescribeNatGateways", "Filter.1.Name", "connectivity-type", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
        api.ec2("DeleteNatGateway", "NatGatewayId", "nat-00000000000000999").assertError("NatGatewayNotFound");
    }
}
