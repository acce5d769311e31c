package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkInterfaceOperationsTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    private final TestApi api = new TestApi();
    private final String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.0.0.0/16").assertOk().text("//vpc/vpcId");
    private final String subnetId = api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.1.0/28", "AvailabilityZone", "us-east-1b")
            .assertOk().text("//subnet/subnetId");

    private String eni(String... parameters) {
        String[] all = new String[parameters.length + 2];
        all[0] = "SubnetId";
        all[1] = subnetId;
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        return api.ec2("CreateNetworkInterface", all).assertOk().text("//networkInterface/networkInterfaceId");
    }

    private String defaultGroup() {
        return api.cloud().snapshot().scope(SCOPE).all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> group.vpcId().equals(vpcId) && group.isDefault()).findFirst().orElseThrow().id();
    }

    private String group(String name, String inVpc) {
        return api.cloud().write(SCOPE, transaction -> transaction.put(ResourceTypes.SECURITY_GROUP,
                new SecurityGroup(transaction.newId(ResourceTypes.SECURITY_GROUP), name, name, inVpc, List.of()))).id();
    }

    @Test
    void createGivesTheFirstFreeAddressTheDefaultGroupAndAwsShape() {
        TestApi.Response created = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "Description", "my eni",
                "TagSpecification.1.ResourceType", "network-interface", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "one").assertOk();
        String id = created.text("//networkInterface/networkInterfaceId");
        assertTrue(id.matches("eni-[0-9a-f]{17}"), id);
        assertEquals("10.0.1.4", created.text("//networkInterface/privateIpAddress"), "the first four are reserved");
        assertEquals("ip-10-0-1-4.ec2.internal", created.text("//networkInterface/privateDnsName"));
        assertEquals("us-east-1b", created.text("//networkInterface/availabilityZone"));
        assertEquals("use1-az1", created.text("//networkInterface/availabilityZoneId"));
        assertEquals("my eni", created.text("//networkInterface/description"));
        assertEquals("interface", created.text("//networkInterface/interfaceType"));
        assertEquals("available", created.text("//networkInterface/status"));
        assertEquals("true", created.text("//networkInterface/sourceDestCheck"));
        assertEquals("false", created.text("//networkInterface/requesterManaged"));
        assertEquals("000000000000", created.text("//networkInterface/ownerId"));
        assertEquals(vpcId, created.text("//networkInterface/vpcId"));
        assertEquals(subnetId, created.text("//networkInterface/subnetId"));
        assertEquals(defaultGroup(), created.text("//networkInterface/groupSet/item/groupId"));
        assertEquals("default", created.text("//networkInterface/groupSet/item/groupName"));
        assertTrue(created.text("//networkInterface/macAddress").matches("02(:[0-9a-f]{2}){5}"), created.body());
        assertEquals("true", created.text("//networkInterface/privateIpAddressesSet/item/primary"));
        assertEquals("ip-10-0-1-4.ec2.internal", created.text("//networkInterface/privateIpAddressesSet/item/privateDnsName"));
        assertEquals("one", created.text("//networkInterface/tagSet/item[key='Name']/value"));
        assertEquals(null, created.text("//networkInterface/requesterId"));

        assertEquals("10.0.1.5", api.ec2("CreateNetworkInterface", "SubnetId", subnetId).text("//networkInterface/privateIpAddress"));
        assertEquals("9", api.ec2("DescribeSubnets", "SubnetId.1", subnetId).text("//availableIpAddressCount"), "16 - 5 reserved - 2 used");
        assertEquals(id, api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).assertOk()
                .text("//networkInterfaceSet/item/networkInterfaceId"));
    }

    @Test
    void requestedAddressesAreHonouredAndChecked() {
        TestApi.Response created = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "PrivateIpAddress", "10.0.1.10",
                "SecondaryPrivateIpAddressCount", "2").assertOk();
        assertEquals("10.0.1.10", created.text("//networkInterface/privateIpAddress"));
        assertEquals(List.of("10.0.1.10", "10.0.1.4", "10.0.1.5"), created.texts("//privateIpAddressesSet/item/privateIpAddress"));
        assertEquals(List.of("true", "false", "false"), created.texts("//privateIpAddressesSet/item/primary"));

        TestApi.Response inUse = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "PrivateIpAddress", "10.0.1.5")
                .assertError("InvalidIPAddress.InUse");
        assertEquals("Address 10.0.1.5 is in use.", inUse.text("//Message"));
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "PrivateIpAddress", "10.0.1.2").assertError("InvalidParameterValue");
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "PrivateIpAddress", "10.0.1.15").assertError("InvalidParameterValue");
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "PrivateIpAddress", "10.0.2.5").assertError("InvalidParameterValue");

        TestApi.Response listed = api.ec2("CreateNetworkInterface", "SubnetId", subnetId,
                "PrivateIpAddresses.1.PrivateIpAddress", "10.0.1.7", "PrivateIpAddresses.1.Primary", "false",
                "PrivateIpAddresses.2.PrivateIpAddress", "10.0.1.6", "PrivateIpAddresses.2.Primary", "true").assertOk();
        assertEquals(List.of("10.0.1.6", "10.0.1.7"), listed.texts("//privateIpAddressesSet/item/privateIpAddress"));

        // a /28 has 11 usable addresses; 5 are taken
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "SecondaryPrivateIpAddressCount", "5").assertOk();
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId).assertError("InsufficientFreeAddressesInSubnet");
        assertEquals("0", api.ec2("DescribeSubnets", "SubnetId.1", subnetId).text("//availableIpAddressCount"));
    }

    @Test
    void groupsMustExistAndBeInTheVpc() {
        String web = group("web", vpcId);
        String elsewhere = group("other", api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId"));
        TestApi.Response created = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "SecurityGroupId.1", web).assertOk();
        assertEquals(List.of(web), created.texts("//networkInterface/groupSet/item/groupId"));
        assertEquals("web", created.text("//networkInterface/groupSet/item/groupName"));
        TestApi.Response missing = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "SecurityGroupId.1", "sg-00000000000000fff")
                .assertError("InvalidGroup.NotFound");
        assertTrue(missing.text("//Message").contains("sg-00000000000000fff"), missing.body());
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "SecurityGroupId.1", "sg-bad").assertError("InvalidGroupId.Malformed");
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "SecurityGroupId.1", elsewhere).assertError("InvalidGroup.NotFound");

        String id = created.text("//networkInterface/networkInterfaceId");
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "SecurityGroupId.1", defaultGroup(), "SecurityGroupId.2", web)
                .assertOk();
        assertEquals(List.of(defaultGroup(), web), api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attribute", "groupSet")
                .assertOk().texts("//groupSet/item/groupId"));
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "SecurityGroupId.1", elsewhere).assertError("InvalidGroup.NotFound");
    }

    @Test
    void attributesDescribeModifyAndReset() {
        String id = eni("Description", "first");
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Description.Value", "second").assertOk();
        assertEquals("second", api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attribute", "description")
                .assertOk().text("//description/value"));
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "SourceDestCheck.Value", "false").assertOk();
        assertEquals("false", api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attribute", "sourceDestCheck")
                .text("//sourceDestCheck/value"));
        api.ec2("ResetNetworkInterfaceAttribute", "NetworkInterfaceId", id, "SourceDestCheck", "true").assertOk();
        assertEquals("true", api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).text("//sourceDestCheck"));
        api.ec2("ResetNetworkInterfaceAttribute", "NetworkInterfaceId", id).assertError("MissingParameter");

        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Description.Value", "x", "SourceDestCheck.Value", "true")
                .assertError("InvalidParameterCombination");
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id).assertError("MissingParameter");
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attachment.AttachmentId", "eni-attach-00000000000000001",
                "Attachment.DeleteOnTermination", "true").assertError("InvalidAttachmentID.NotFound");
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "AssociatePublicIpAddress", "true").assertError("UnsupportedOperation");
        assertEquals(null, api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attribute", "attachment").assertOk()
                .text("//attachment"));
        assertEquals("false", api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attribute", "associatePublicIpAddress")
                .assertOk().text("//associatePublicIpAddress"));
        api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attribute", "bogus").assertError("InvalidParameterValue");
        api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", "eni-00000000000000abc", "Attribute", "description")
                .assertError("InvalidNetworkInterfaceID.NotFound");
        assertEquals("second", api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).text("//networkInterfaceSet/item/description"));
    }

    @Test
    void attachmentDeleteOnTerminationChangesThroughModify() {
        String id = eni();
        attach(id);
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attachment.AttachmentId", "eni-attach-00000000000000abc",
                "Attachment.DeleteOnTermination", "true").assertOk();
        TestApi.Response attachment = api.ec2("DescribeNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Attribute", "attachment").assertOk();
        assertEquals("true", attachment.text("//attachment/deleteOnTermination"));
        assertEquals("i-00000000000000abc", attachment.text("//attachment/instanceId"));
        assertEquals("2026-01-02T03:04:05.000Z", attachment.text("//attachment/attachTime"));
    }

    private void attach(String id) {
        api.cloud().write(SCOPE, transaction -> transaction.put(ResourceTypes.NETWORK_INTERFACE,
                transaction.get(ResourceTypes.NETWORK_INTERFACE, id).withAttachment(new NetworkInterfaceAttachment("eni-attach-00000000000000abc",
                        "i-00000000000000abc", "000000000000", 1, "attached", false, transaction.now()))));
    }

    @Test
    void attachedAndRequesterManagedInterfacesCannotBeDeleted() {
        String attached = eni();
        attach(attached);
        TestApi.Response refused = api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", attached).assertError("InvalidParameterValue");
        assertEquals("Network interface '" + attached + "' is currently in use.", refused.text("//Message"));
        assertEquals("in-use", api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", attached).text("//networkInterfaceSet/item/status"));

        NetworkInterface managed = api.cloud().write(SCOPE, transaction -> new NetworkInterfaceCommands(Quotas.awsDefaults()).create(transaction,
                NetworkInterfaceCommands.CreateNetworkInterface.forService(subnetId, "nat_gateway", "Interface for NAT Gateway nat-1",
                        "amazon", List.of())));
        TestApi.Response described = api.ec2("DescribeNetworkInterfaces", "Filter.1.Name", "requester-managed", "Filter.1.Value.1", "true").assertOk();
        assertEquals(List.of(managed.id()), described.texts("//networkInterfaceSet/item/networkInterfaceId"));
        assertEquals("amazon", described.text("//networkInterfaceSet/item/requesterId"));
        assertEquals(null, described.text("//networkInterfaceSet/item/groupSet/item"), "a service's interface has no groups unless given");
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", managed.id()).assertError("InvalidParameterValue");

        String free = eni();
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", free, "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", free).assertOk();
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", free).assertError("InvalidNetworkInterfaceID.NotFound");
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", "eni-nope").assertError("InvalidNetworkInterfaceID.Malformed");
    }

    @Test
    void assignAndUnassignSecondaryAddresses() {
        String id = eni();
        TestApi.Response assigned = api.ec2("AssignPrivateIpAddresses", "NetworkInterfaceId", id, "SecondaryPrivateIpAddressCount", "2").assertOk();
        assertEquals(List.of("10.0.1.5", "10.0.1.6"), assigned.texts("//assignedPrivateIpAddressesSet/item/privateIpAddress"));
        assertEquals(id, assigned.text("//networkInterfaceId"));
        api.ec2("AssignPrivateIpAddresses", "NetworkInterfaceId", id, "PrivateIpAddress.1", "10.0.1.9").assertOk();
        assertEquals(List.of("10.0.1.4", "10.0.1.5", "10.0.1.6", "10.0.1.9"),
                api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).texts("//privateIpAddressesSet/item/privateIpAddress"));

        String other = eni();
        api.ec2("AssignPrivateIpAddresses", "NetworkInterfaceId", other, "PrivateIpAddress.1", "10.0.1.9").assertError("InvalidIPAddress.InUse");
        api.ec2("AssignPrivateIpAddresses", "NetworkInterfaceId", other, "PrivateIpAddress.1", "10.0.1.9", "AllowReassignment", "true").assertOk();
        assertEquals(List.of("10.0.1.4", "10.0.1.5", "10.0.1.6"),
                api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).texts("//privateIpAddressesSet/item/privateIpAddress"));
        api.ec2("AssignPrivateIpAddresses", "NetworkInterfaceId", id).assertError("MissingParameter");
        api.ec2("AssignPrivateIpAddresses", "NetworkInterfaceId", id, "PrivateIpAddress.1", "10.0.1.12", "SecondaryPrivateIpAddressCount", "1")
                .assertError("InvalidParameterCombination");

        api.ec2("UnassignPrivateIpAddresses", "NetworkInterfaceId", id, "PrivateIpAddress.1", "10.0.1.5").assertOk();
        api.ec2("UnassignPrivateIpAddresses", "NetworkInterfaceId", id, "PrivateIpAddress.1", "10.0.1.4").assertError("InvalidParameterValue");
        api.ec2("UnassignPrivateIpAddresses", "NetworkInterfaceId", id, "PrivateIpAddress.1", "10.0.1.9").assertError("InvalidParameterValue");
        assertEquals(List.of("10.0.1.4", "10.0.1.6"),
                api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).texts("//privateIpAddressesSet/item/privateIpAddress"));
        // the freed address is handed out again
        assertEquals("10.0.1.5", api.ec2("CreateNetworkInterface", "SubnetId", subnetId).text("//networkInterface/privateIpAddress"));
    }

    @Test
    void clientTokenMakesCreateIdempotent() {
        TestApi.Response first = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "Description", "a", "ClientToken", "token-1").assertOk();
        TestApi.Response again = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "Description", "a", "ClientToken", "token-1").assertOk();
        assertEquals(first.text("//networkInterface/networkInterfaceId"), again.text("//networkInterface/networkInterfaceId"));
        assertEquals("token-1", again.text("//clientToken"));
        assertEquals(1, api.ec2("DescribeNetworkInterfaces", "Filter.1.Name", "subnet-id", "Filter.1.Value.1", subnetId)
                .texts("//networkInterfaceSet/item").size());
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "Description", "b", "ClientToken", "token-1")
                .assertError("IdempotentParameterMismatch");
        String other = api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "Description", "a", "ClientToken", "token-2").assertOk()
                .text("//networkInterface/networkInterfaceId");
        assertNotEquals(first.text("//networkInterface/networkInterfaceId"), other);
    }

    @Test
    void dryRunValidatesAndCreatesNothing() {
        api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("CreateNetworkInterface", "SubnetId", "subnet-00000000000000fff", "DryRun", "true").assertError("InvalidSubnetID.NotFound");
        api.ec2("DescribeNetworkInterfaces", "DryRun", "true").assertError(412, "DryRunOperation");
        assertEquals(List.of(), api.ec2("DescribeNetworkInterfaces").texts("//networkInterfaceSet/item"));
        String id = eni();
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", id, "Description.Value", "dry", "DryRun", "true")
                .assertError(412, "DryRunOperation");
        assertEquals("", api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).text("//networkInterfaceSet/item/description"));
    }

    @Test
    void describeFiltersAndPagination() {
        String web = group("web", vpcId);
        String a = eni("Description", "alpha", "SecondaryPrivateIpAddressCount", "1");
        String b = eni("Description", "beta", "SecurityGroupId.1", web);
        api.ec2("ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", b, "SourceDestCheck.Value", "false").assertOk();
        attach(b);
        String mac = api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", a).text("//macAddress");

        assertEquals(List.of(a), filter("description", "alp*"));
        assertEquals(List.of(a, b), filter("subnet-id", subnetId));
        assertEquals(List.of(a, b), filter("vpc-id", vpcId));
        assertEquals(List.of(a), filter("addresses.private-ip-address", "10.0.1.5"));
        assertEquals(List.of(a), filter("private-ip-address", "10.0.1.5"));
        assertEquals(List.of(a), filter("addresses.primary", "false"));
        assertEquals(List.of(a), filter("private-dns-name", "ip-10-0-1-4.ec2.internal"));
        assertEquals(List.of(b), filter("group-id", web));
        assertEquals(List.of(b), filter("source-dest-check", "false"));
        assertEquals(List.of(a), filter("status", "available"));
        assertEquals(List.of(b), filter("status", "in-use"));
        assertEquals(List.of(b), filter("attachment.instance-id", "i-00000000000000abc"));
        assertEquals(List.of(b), filter("attachment.attachment-id", "eni-attach-00000000000000abc"));
        assertEquals(List.of(b), filter("attachment.device-index", "1"));
        assertEquals(List.of(b), filter("attachment.status", "attached"));
        assertEquals(List.of(b), filter("attachment.delete-on-termination", "false"));
        assertEquals(List.of(b), filter("attachment.instance-owner-id", "000000000000"));
        assertEquals(List.of(b), filter("attachment.attach-time", "2026-01-02T03:04:05.000Z"));
        assertEquals(List.of(a), filter("mac-address", mac));
        assertEquals(List.of(a, b), filter("interface-type", "interface"));
        assertEquals(List.of(a, b), filter("availability-zone", "us-east-1b"));
        assertEquals(List.of(a, b), filter("availability-zone-id", "use1-az1"));
        assertEquals(List.of(a, b), filter("owner-id", "000000000000"));
        assertEquals(List.of(a, b), filter("requester-managed", "false"));
        assertEquals(List.of(a, b), filter("operator.managed", "false"));
        assertEquals(List.of(a), filter("network-interface-id", a));
        assertEquals(List.of(), filter("requester-id", "*"));
        assertEquals(List.of(), filter("association.public-ip", "*"));
        assertEquals(List.of(), filter("association.allocation-id", "*"));
        assertEquals(List.of(), filter("association.association-id", "*"));
        assertEquals(List.of(), filter("association.ip-owner-id", "*"));
        assertEquals(List.of(), filter("association.public-dns-name", "*"));
        assertEquals(List.of(), filter("addresses.association.public-ip", "*"));
        assertEquals(List.of(), filter("addresses.association.owner-id", "*"));
        assertEquals(List.of(), filter("ipv6-addresses.ipv6-address", "*"));
        assertEquals(List.of(), filter("operator.principal", "*"));
        api.ec2("DescribeNetworkInterfaces", "Filter.1.Name", "group-name", "Filter.1.Value.1", "web").assertError("InvalidParameterValue");

        for (int i = 0; i < 5; i++) {
            eni();
        }
        api.ec2("DescribeNetworkInterfaces", "MaxResults", "4").assertError("InvalidParameterValue");
        TestApi.Response page1 = api.ec2("DescribeNetworkInterfaces", "MaxResults", "5").assertOk();
        assertEquals(5, page1.texts("//networkInterfaceSet/item").size());
        TestApi.Response page2 = api.ec2("DescribeNetworkInterfaces", "MaxResults", "5", "NextToken", page1.text("//nextToken")).assertOk();
        assertEquals(2, page2.texts("//networkInterfaceSet/item").size());
        assertEquals(null, page2.text("//nextToken"));
        api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", a, "MaxResults", "5").assertError("InvalidParameterCombination");
    }

    private List<String> filter(String name, String value) {
        return api.ec2("DescribeNetworkInterfaces", "Filter.1.Name", name, "Filter.1.Value.1", value).assertOk()
                .texts("//networkInterfaceSet/item/networkInterfaceId");
    }

    @Test
    void publicAddressAssociationIsDescribed() {
        String id = eni();
        api.ec2("ModifyVpcAttribute", "VpcId", vpcId, "EnableDnsHostnames.Value", "true").assertOk();
        api.cloud().write(SCOPE, transaction -> {
            NetworkInterface eni = transaction.get(ResourceTypes.NETWORK_INTERFACE, id);
            return transaction.put(ResourceTypes.NETWORK_INTERFACE, new NetworkInterface(eni.id(), eni.subnetId(), eni.vpcId(),
                    eni.availabilityZone(), eni.availabilityZoneId(), eni.description(), eni.interfaceType(), eni.privateIpAddress(),
                    eni.secondaryPrivateIpAddresses(), eni.ipv6Addresses(), eni.groupIds(), eni.sourceDestCheck(), eni.requesterManaged(),
                    eni.requesterId(), eni.macAddress(), eni.status(), eni.attachment(), "3.4.5.6", "eipalloc-00000000000000001",
                    "eipassoc-00000000000000001"));
        });
        TestApi.Response described = api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", id).assertOk();
        assertEquals("3.4.5.6", described.text("//networkInterfaceSet/item/association/publicIp"));
        assertEquals("ec2-3-4-5-6.compute-1.amazonaws.com", described.text("//networkInterfaceSet/item/association/publicDnsName"));
        assertEquals("000000000000", described.text("//networkInterfaceSet/item/association/ipOwnerId"));
        assertEquals("3.4.5.6", described.text("//privateIpAddressesSet/item/association/publicIp"));
        assertEquals(List.of(id), filter("association.public-ip", "3.4.5.6"));
        assertEquals(List.of(id), filter("association.allocation-id", "eipalloc-00000000000000001"));
        assertEquals(List.of(id), filter("addresses.association.owner-id", "000000000000"));
    }

    @Test
    void ipv6AddressesComeFromTheSubnetBlock() {
        String v6Vpc = api.ec2("CreateVpc", "CidrBlock", "10.5.0.0/16", "AmazonProvidedIpv6CidrBlock", "true").text("//vpc/vpcId");
        String v6Subnet = api.ec2("CreateSubnet", "VpcId", v6Vpc, "CidrBlock", "10.5.0.0/24").assertOk().text("//subnet/subnetId");
        api.ec2("CreateNetworkInterface", "SubnetId", v6Subnet, "Ipv6AddressCount", "1").assertError("InvalidParameterValue");
        String block = api.ec2("DescribeVpcs", "VpcId.1", v6Vpc).text("//ipv6CidrBlockAssociationSet/item/ipv6CidrBlock");
        String subnetBlock = block.replace("/56", "/64");
        String canonical = api.ec2("AssociateSubnetCidrBlock", "SubnetId", v6Subnet, "Ipv6CidrBlock", subnetBlock).assertOk()
                .text("//ipv6CidrBlock");
        String base = canonical.substring(0, canonical.indexOf("::"));
        TestApi.Response created = api.ec2("CreateNetworkInterface", "SubnetId", v6Subnet, "Ipv6AddressCount", "2").assertOk();
        assertEquals(List.of(base + "::4", base + "::5"), created.texts("//ipv6AddressesSet/item/ipv6Address"));
        api.ec2("CreateNetworkInterface", "SubnetId", v6Subnet, "Ipv6Addresses.1.Ipv6Address", base + "::5").assertError("InvalidIPAddress.InUse");
        String id = created.text("//networkInterfaceId");
        assertEquals(List.of(id), filter("ipv6-addresses.ipv6-address", base + "::4"));
        String association = api.ec2("DescribeSubnets", "SubnetId.1", v6Subnet).text("//ipv6CidrBlockAssociationSet/item/associationId");
        api.ec2("DisassociateSubnetCidrBlock", "AssociationId", association).assertError("InvalidCidrBlock.InUse");
    }

    @Test
    void interfaceQuota() {
        TestApi limited = new TestApi(Quotas.awsDefaults().with("network-interfaces-per-region", 1));
        String subnet = limited.ec2("DescribeSubnets").text("//subnetSet/item/subnetId");
        limited.ec2("CreateNetworkInterface", "SubnetId", subnet).assertOk();
        limited.ec2("CreateNetworkInterface", "SubnetId", subnet).assertError("NetworkInterfaceLimitExceeded");
    }
}
