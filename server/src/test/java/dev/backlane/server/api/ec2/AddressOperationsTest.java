package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressOperationsTest {
    private final TestApi api = new TestApi();
    private final NetworkFixture fixture = new NetworkFixture(api);

    private TestApi.Response allocate() {
        return api.ec2("AllocateAddress", "Domain", "vpc").assertOk();
    }

    @Test
    void addressAttributesListTheAddressWithoutACustomPtrRecord() {
        TestApi.Response allocated = api.ec2("AllocateAddress", "Domain", "vpc").assertOk();
        String allocationId = allocated.text("//allocationId");
        TestApi.Response attributes = api.ec2("DescribeAddressesAttribute", "AllocationId.1", allocationId, "Attribute", "domain-name")
                .assertOk();
        assertEquals(allocationId, attributes.text("//addressSet/item/allocationId"));
        assertEquals(allocated.text("//publicIp"), attributes.text("//addressSet/item/publicIp"));
        assertEquals(null, attributes.text("//addressSet/item/ptrRecord"));
        api.ec2("DescribeAddressesAttribute", "AllocationId.1", "eipalloc-0000000000000000f", "Attribute", "domain-name")
                .assertError("InvalidAllocationID.NotFound");
        api.ec2("DescribeAddressesAttribute", "Attribute", "colour").assertError("InvalidParameterValue");
    }

    @Test
    void allocateGivesDistinctAmazonPublicAddresses() {
        TestApi.Response first = allocate();
        TestApi.Response second = allocate();
        assertTrue(first.text("//allocationId").matches("eipalloc-[0-9a-f]{17}"), first.body());
        assertEquals("vpc", first.text("//domain"));
        assertEquals("us-east-1", first.text("//networkBorderGroup"));
        String ip = first.text("//publicIp");
        assertTrue(ip.startsWith("3.") || ip.startsWith("54."), ip);
        assertNotEquals(ip, second.text("//publicIp"));
    }

    @Test
    void associateWithInterfaceUpdatesTheInterfaceAndDescribe() {
        String eni = fixture.networkInterface(fixture.defaultSubnet().id());
        TestApi.Response allocated = allocate();
        String allocationId = allocated.text("//allocationId");
        String associationId = api.ec2("AssociateAddress", "AllocationId", allocationId, "NetworkInterfaceId", eni).assertOk().text("//associationId");
        assertTrue(associationId.matches("eipassoc-[0-9a-f]{17}"), associationId);
        NetworkInterface record = fixture.networkInterfaceRecord(eni);
        assertEquals(allocated.text("//publicIp"), record.publicIp());
        assertEquals(allocationId, record.allocationId());
        assertEquals(associationId, record.associationId());
        TestApi.Response described = api.ec2("DescribeAddresses", "AllocationId.1", allocationId).assertOk();
        assertEquals(eni, described.text("//addressesSet/item/networkInterfaceId"));
        assertEquals(record.privateIpAddress(), described.text("//addressesSet/item/privateIpAddress"));
        assertEquals("000000000000", described.text("//addressesSet/item/networkInterfaceOwnerId"));
        assertEquals(List.of(allocationId), api.ec2("DescribeAddresses", "Filter.1.Name", "network-interface-id", "Filter.1.Value.1", eni)
                .texts("//addressesSet/item/allocationId"));
        assertEquals(List.of(allocationId), api.ec2("DescribeAddresses", "Filter.1.Name", "association-id", "Filter.1.Value.1", associationId)
                .texts("//addressesSet/item/allocationId"));

        TestApi.Response inUse = api.ec2("ReleaseAddress", "AllocationId", allocationId).assertError("InvalidIPAddress.InUse");
        assertEquals("Address " + allocated.text("//publicIp") + " is in use.", inUse.text("//Message"));
        api.ec2("DisassociateAddress", "AssociationId", associationId).assertOk();
        assertNull(fixture.networkInterfaceRecord(eni).publicIp());
        api.ec2("DisassociateAddress", "AssociationId", associationId).assertError("InvalidAssociationID.NotFound");
        api.ec2("ReleaseAddress", "AllocationId", allocationId).assertOk();
        TestApi.Response gone = api.ec2("DescribeAddresses", "AllocationId.1", allocationId).assertError("InvalidAllocationID.NotFound");
        assertEquals("The allocation ID '" + allocationId + "' does not exist", gone.text("//Message"));
    }

    @Test
    void reassociationNeedsAllowReassociation() {
        String firstEni = fixture.networkInterface(fixture.defaultSubnet().id());
        String secondEni = fixture.networkInterface(fixture.defaultSubnet().id());
        String allocationId = allocate().text("//allocationId");
        api.ec2("AssociateAddress", "AllocationId", allocationId, "NetworkInterfaceId", firstEni).assertOk();
        api.ec2("AssociateAddress", "AllocationId", allocationId, "NetworkInterfaceId", secondEni).assertError("Resource.AlreadyAssociated");
        api.ec2("AssociateAddress", "AllocationId", allocationId, "NetworkInterfaceId", secondEni, "AllowReassociation", "true").assertOk();
        assertNull(fixture.networkInterfaceRecord(firstEni).publicIp());
        assertEquals(allocationId, fixture.networkInterfaceRecord(secondEni).allocationId());
        String other = allocate().text("//allocationId");
        api.ec2("AssociateAddress", "AllocationId", other, "NetworkInterfaceId", secondEni).assertError("Resource.AlreadyAssociated");
    }

    @Test
    void associateErrors() {
        String allocationId = allocate().text("//allocationId");
        TestApi.Response instance = api.ec2("AssociateAddress", "AllocationId", allocationId, "InstanceId", "i-0123456789abcdef0")
                .assertError("InvalidInstanceID.NotFound");
        assertTrue(instance.text("//Message").contains("i-0123456789abcdef0"));
        api.ec2("AssociateAddress", "AllocationId", allocationId, "NetworkInterfaceId", "eni-00000000000000999")
                .assertError("InvalidNetworkInterfaceID.NotFound");
        api.ec2("AssociateAddress", "AllocationId", "eipalloc-00000000000000999", "NetworkInterfaceId", "eni-00000000000000999")
                .assertError("InvalidAllocationID.NotFound");
        api.ec2("AssociateAddress", "AllocationId", "eipalloc-x", "NetworkInterfaceId", "eni-00000000000000999")
                .assertError("InvalidAllocationID.Malformed");
        String eni = fixture.networkInterface(fixture.defaultSubnet().id());
        api.ec2("AssociateAddress", "AllocationId", allocationId, "NetworkInterfaceId", eni, "PrivateIpAddress", "172.31.99.99")
                .assertError("InvalidParameterValue");
        api.ec2("AssociateAddress", "AllocationId", allocationId).assertError("MissingParameter");
    }

    @Test
    void releaseAndDescribeByPublicIp() {
        String ip = allocate().text("//publicIp");
        TestApi.Response byIp = api.ec2("ReleaseAddress", "PublicIp", ip).assertError("InvalidParameterValue");
        assertEquals("You must specify an allocation id when releasing a VPC elastic IP address", byIp.text("//Message"));
        assertEquals(List.of(ip), api.ec2("DescribeAddresses", "PublicIp.1", ip).assertOk().texts("//addressesSet/item/publicIp"));
        TestApi.Response missing = api.ec2("DescribeAddresses", "PublicIp.1", "198.51.100.7").assertError("InvalidAddress.NotFound");
        assertTrue(missing.text("//Message").contains("198.51.100.7"));
        assertEquals(List.of(ip), api.ec2("DescribeAddresses", "Filter.1.Name", "domain", "Filter.1.Value.1", "vpc")
                .texts("//addressesSet/item/publicIp"));
        assertEquals(List.of(), api.ec2("DescribeAddresses", "Filter.1.Name", "instance-id", "Filter.1.Value.1", "*")
                .texts("//addressesSet/item/publicIp"));
    }

    @Test
    void tagsDryRunAndQuota() {
        api.ec2("AllocateAddress", "DryRun", "true").assertError(412, "DryRunOperation");
        assertEquals(0, api.ec2("DescribeAddresses").texts("//addressesSet/item").size());
        String allocationId = api.ec2("AllocateAddress", "TagSpecification.1.ResourceType", "elastic-ip", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "web").assertOk().text("//allocationId");
        assertEquals(List.of(allocationId), api.ec2("DescribeAddresses", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "web")
                .texts("//addressesSet/item/allocationId"));
        for (int i = 0; i < 4; i++) {
            allocate();
        }
        TestApi.Response limit = api.ec2("AllocateAddress").assertError("AddressLimitExceeded");
        assertEquals("The maximum number of addresses has been reached.", limit.text("//Message"));
        TestApi raised = new TestApi(Quotas.awsDefaults().with("elastic-ips-per-region", 6));
        for (int i = 0; i < 6; i++) {
            raised.ec2("AllocateAddress").assertOk();
        }
    }
}
