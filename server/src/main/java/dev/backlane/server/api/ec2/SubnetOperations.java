package dev.backlane.server.api.ec2;

import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.SubnetAddresses;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.util.List;
import java.util.Map;

/** CreateSubnet, DeleteSubnet, DescribeSubnets, ModifySubnetAttribute and the subnet IPv6 CIDR associations. */
public final class SubnetOperations implements OperationFamily {
    private static final FilterSet<Subnet> FILTERS = FilterSet.<Subnet>builder()
            .add("availability-zone", Subnet::availabilityZone)
            .add("availability-zone-id", Subnet::availabilityZoneId)
            .add("available-ip-address-count", (subnet, context) -> SubnetAddresses.availableCount(context.state(), subnet))
            .add("cidr-block", Subnet::cidrBlock)
            // Backlane has no customer-owned pools, Outposts or LNI-enabled subnets, so these three filters match no subnet.
            .add("customer-owned-ipv4-pool", subnet -> null)
            .add("default-for-az", Subnet::defaultForAz)
            .add("enable-dns64", Subnet::enableDns64)
            .add("enable-lni-at-device-index", subnet -> null)
            .add("ipv6-cidr-block-association.association-id",
                    subnet -> subnet.ipv6CidrAssociations().stream().map(CidrAssociation::associationId).toList())
            .add("ipv6-cidr-block-association.ipv6-cidr-block",
                    subnet -> subnet.ipv6CidrAssociations().stream().map(CidrAssociation::cidrBlock).toList())
            .add("ipv6-cidr-block-association.state", subnet -> subnet.ipv6CidrAssociations().stream().map(CidrAssociation::state).toList())
            .add("ipv6-native", subnet -> false)
            .add("map-customer-owned-ip-on-launch", subnet -> false)
            .add("map-public-ip-on-launch", Subnet::mapPublicIpOnLaunch)
            .add("outpost-arn", subnet -> null)
            .add("owner-id", (subnet, context) -> context.scope().account())
            .add("private-dns-name-options-on-launch.enable-resource-name-dns-a-record", Subnet::enableResourceNameDnsARecordOnLaunch)
            .add("private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record", Subnet::enableResourceNameDnsAaaaRecordOnLaunch)
            .add("private-dns-name-options-on-launch.hostname-type", Subnet::hostnameType)
            .add("state", Subnet::state)
            .add("subnet-arn", (subnet, context) -> subnet.arn(context.scope()))
            .add("subnet-id", Subnet::id)
            .add("vpc-id", Subnet::vpcId)
            .build();

    private static final List<String> UNHONOURED_ON_CREATE =
            List.of("Ipv4IpamPoolId", "Ipv4NetmaskLength", "Ipv6IpamPoolId", "Ipv6NetmaskLength", "Ipv6Native", "OutpostArn");
    private static final List<String> UNHONOURED_ON_MODIFY =
            List.of("CustomerOwnedIpv4Pool", "MapCustomerOwnedIpOnLaunch", "EnableLniAtDeviceIndex", "DisableLniAtDeviceIndex");

    private final SubnetCommands commands;
    private final Describer<Subnet> describer = new Describer<>(ResourceTypes.SUBNET, "SubnetIds", "subnetIds", FILTERS);

    public SubnetOperations(SubnetCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateSubnet", this::createSubnet)
                .ec2("DeleteSubnet", this::deleteSubnet)
                .ec2("DescribeSubnets", this::describeSubnets)
                .ec2("ModifySubnetAttribute", this::modifySubnetAttribute)
                .ec2("AssociateSubnetCidrBlock", this::associateSubnetCidrBlock)
                .ec2("DisassociateSubnetCidrBlock", this::disassociateSubnetCidrBlock);
    }

    private Map<String, Object> createSubnet(Call call) {
        Input input = call.input();
        String vpcId = input.requiredString("VpcId", "VpcId");
        UnhonouredParameters.refuse(input, UNHONOURED_ON_CREATE);
        return call.write(transaction -> {
            Subnet subnet = commands.create(transaction, new SubnetCommands.CreateSubnet(vpcId, input.string("CidrBlock"),
                    input.string("Ipv6CidrBlock"), input.string("AvailabilityZone"), input.string("AvailabilityZoneId")));
            TagInputs.applySpecifications(transaction, input, subnet.id(), ResourceTypes.SUBNET);
            return Output.of("Subnet", SubnetShapes.subnet(subnet, call.scope(), transaction.state()));
        });
    }

    private Map<String, Object> deleteSubnet(Call call) {
        String subnetId = call.input().requiredString("SubnetId", "SubnetId");
        return call.run(transaction -> commands.delete(transaction, subnetId));
    }

    private Map<String, Object> describeSubnets(Call call) {
        Page<Subnet> page = describer.describe(call);
        var state = call.read();
        return Output.create()
                .put("Subnets", page.items().stream().map(subnet -> SubnetShapes.subnet(subnet, call.scope(), state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> modifySubnetAttribute(Call call) {
        Input input = call.input();
        String subnetId = input.requiredString("SubnetId", "SubnetId");
        UnhonouredParameters.refuse(input, UNHONOURED_ON_MODIFY);
        SubnetCommands.SubnetAttributeChange change = new SubnetCommands.SubnetAttributeChange(
                attributeValue(input, "MapPublicIpOnLaunch"),
                attributeValue(input, "AssignIpv6AddressOnCreation"),
                attributeValue(input, "EnableDns64"),
                input.string("PrivateDnsHostnameTypeOnLaunch"),
                attributeValue(input, "EnableResourceNameDnsARecordOnLaunch"),
                attributeValue(input, "EnableResourceNameDnsAAAARecordOnLaunch"));
        return call.run(transaction -> commands.modifyAttribute(transaction, subnetId, change));
    }

    private static Boolean attributeValue(Input input, String member) {
        Input value = input.structure(member);
        return value == null ? null : value.bool("Value");
    }

    private Map<String, Object> associateSubnetCidrBlock(Call call) {
        Input input = call.input();
        String subnetId = input.requiredString("SubnetId", "subnetId");
        UnhonouredParameters.refuse(input, List.of("Ipv6IpamPoolId", "Ipv6NetmaskLength"));
        return call.write(transaction -> {
            CidrAssociation association = commands.associateIpv6Cidr(transaction, subnetId, input.string("Ipv6CidrBlock"));
            return Output.create()
                    .put("SubnetId", subnetId)
                    .put("Ipv6CidrBlockAssociation", SubnetShapes.ipv6Association(association))
                    .build();
        });
    }

    private Map<String, Object> disassociateSubnetCidrBlock(Call call) {
        String associationId = call.input().requiredString("AssociationId", "associationId");
        return call.write(transaction -> {
            SubnetCommands.Disassociated result = commands.disassociateIpv6Cidr(transaction, associationId);
            return Output.create()
                    .put("SubnetId", result.subnetId())
                    .put("Ipv6CidrBlockAssociation", SubnetShapes.ipv6Association(result.association()))
                    .build();
        });
    }
}
