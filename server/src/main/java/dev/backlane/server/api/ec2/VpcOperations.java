package dev.backlane.server.api.ec2;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.util.Map;

/** CreateVpc, DeleteVpc, DescribeVpcs, the VPC attributes and CIDR associations. */
public final class VpcOperations implements OperationFamily {
    private static final FilterSet<Vpc> FILTERS = FilterSet.<Vpc>builder()
            .add("cidr", Vpc::cidrBlock)
            .add("cidr-block-association.association-id", vpc -> vpc.cidrAssociations().stream().map(CidrAssociation::associationId).toList())
            .add("cidr-block-association.cidr-block", vpc -> vpc.cidrAssociations().stream().map(CidrAssociation::cidrBlock).toList())
            .add("cidr-block-association.state", vpc -> vpc.cidrAssociations().stream().map(CidrAssociation::state).toList())
            .add("dhcp-options-id", Vpc::dhcpOptionsId)
            .add("ipv6-cidr-block-association.association-id", vpc -> vpc.ipv6CidrAssociations().stream().map(CidrAssociation::associationId).toList())
            .add("ipv6-cidr-block-association.ipv6-cidr-block", vpc -> vpc.ipv6CidrAssociations().stream().map(CidrAssociation::cidrBlock).toList())
            .add("ipv6-cidr-block-association.ipv6-pool", vpc -> vpc.ipv6CidrAssociations().stream().map(CidrAssociation::pool).toList())
            .add("ipv6-cidr-block-association.state", vpc -> vpc.ipv6CidrAssociations().stream().map(CidrAssociation::state).toList())
            .add("is-default", Vpc::isDefault)
            .add("owner-id", (vpc, context) -> context.scope().account())
            .add("state", Vpc::state)
            .add("vpc-id", Vpc::id)
            .build();

    private final VpcCommands commands;
    private final Describer<Vpc> describer = new Describer<>(ResourceTypes.VPC, "VpcIds", "vpcIds", FILTERS);

    public VpcOperations(VpcCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateVpc", this::createVpc)
                .ec2("DeleteVpc", this::deleteVpc)
                .ec2("DescribeVpcs", this::describeVpcs)
                .ec2("DescribeVpcAttribute", this::describeVpcAttribute)
                .ec2("ModifyVpcAttribute", this::modifyVpcAttribute)
                .ec2("AssociateVpcCidrBlock", this::associateVpcCidrBlock)
                .ec2("DisassociateVpcCidrBlock", this::disassociateVpcCidrBlock);
    }

    private Map<String, Object> createVpc(Call call) {
        Input input = call.input();
        return call.write(transaction -> {
            Vpc vpc = commands.create(transaction, new VpcCommands.CreateVpc(
                    input.string("CidrBlock"), input.bool("AmazonProvidedIpv6CidrBlock", false), input.string("InstanceTenancy")));
            TagInputs.applySpecifications(transaction, input, vpc.id(), ResourceTypes.VPC);
            return Output.of("Vpc", VpcShapes.vpc(vpc, call.scope(), transaction.state()));
        });
    }

    private Map<String, Object> deleteVpc(Call call) {
        String vpcId = call.input().requiredString("VpcId", "VpcId");
        return call.run(transaction -> commands.delete(transaction, vpcId));
    }

    private Map<String, Object> describeVpcs(Call call) {
        Page<Vpc> page = describer.describe(call);
        var state = call.read();
        return Output.create()
                .put("Vpcs", page.items().stream().map(vpc -> VpcShapes.vpc(vpc, call.scope(), state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> describeVpcAttribute(Call call) {
        Input input = call.input();
        String attribute = input.requiredString("Attribute", "Attribute");
        String vpcId = input.requiredString("VpcId", "VpcId");
        Vpc vpc = call.read().find(ResourceTypes.VPC, ResourceTypes.VPC.requireWellFormed(vpcId))
                .orElseThrow(() -> ResourceTypes.VPC.notFound(vpcId));
        Output output = Output.create().put("VpcId", vpc.id());
        switch (attribute) {
            case "enableDnsSupport" -> output.put("EnableDnsSupport", Output.of("Value", vpc.enableDnsSupport()));
            case "enableDnsHostnames" -> output.put("EnableDnsHostnames", Output.of("Value", vpc.enableDnsHostnames()));
            case "enableNetworkAddressUsageMetrics" ->
                    output.put("EnableNetworkAddressUsageMetrics", Output.of("Value", vpc.enableNetworkAddressUsageMetrics()));
            default -> throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter attribute is invalid. Unknown attribute.", attribute);
        }
        return output.build();
    }

    private Map<String, Object> modifyVpcAttribute(Call call) {
        Input input = call.input();
        String vpcId = input.requiredString("VpcId", "VpcId");
        Boolean dnsSupport = attributeValue(input, "EnableDnsSupport");
        Boolean dnsHostnames = attributeValue(input, "EnableDnsHostnames");
        Boolean metrics = attributeValue(input, "EnableNetworkAddressUsageMetrics");
        return call.run(transaction -> commands.modifyAttribute(transaction, vpcId, dnsSupport, dnsHostnames, metrics));
    }

    private static Boolean attributeValue(Input input, String member) {
        Input value = input.structure(member);
        return value == null ? null : value.bool("Value");
    }

    private Map<String, Object> associateVpcCidrBlock(Call call) {
        Input input = call.input();
        String vpcId = input.requiredString("VpcId", "VpcId");
        boolean ipv6 = input.bool("AmazonProvidedIpv6CidrBlock", false);
        return call.write(transaction -> {
            CidrAssociation association = commands.associateCidr(transaction, vpcId, input.string("CidrBlock"), ipv6);
            return Output.create()
                    .put("VpcId", vpcId)
                    .put(ipv6 ? "Ipv6CidrBlockAssociation" : "CidrBlockAssociation",
                            ipv6 ? VpcShapes.ipv6Association(association) : VpcShapes.ipv4Association(association))
                    .build();
        });
    }

    private Map<String, Object> disassociateVpcCidrBlock(Call call) {
        String associationId = call.input().requiredString("AssociationId", "AssociationId");
        return call.write(transaction -> {
            VpcCommands.Disassociated result = commands.disassociateCidr(transaction, associationId);
            return Output.create()
                    .put("VpcId", result.vpcId())
                    .put(result.ipv6() ? "Ipv6CidrBlockAssociation" : "CidrBlockAssociation",
                            result.ipv6() ? VpcShapes.ipv6Association(result.association()) : VpcShapes.ipv4Association(result.association()))
                    .build();
        });
    }
}
