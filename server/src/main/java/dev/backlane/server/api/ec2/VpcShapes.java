package dev.backlane.server.api.ec2;

import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.List;
import java.util.Map;

/** VPCs as the EC2 model's {@code Vpc} shape. */
final class VpcShapes {
    private VpcShapes() {}

    static Map<String, Object> vpc(Vpc vpc, Scope scope, ScopeState state) {
        return Output.create()
                .put("CidrBlock", vpc.cidrBlock())
                .put("DhcpOptionsId", vpc.dhcpOptionsId())
                .put("State", vpc.state())
                .put("VpcId", vpc.id())
                .put("OwnerId", scope.account())
                .put("InstanceTenancy", vpc.instanceTenancy())
                .put("Ipv6CidrBlockAssociationSet", vpc.ipv6CidrAssociations().isEmpty() ? null
                        : vpc.ipv6CidrAssociations().stream().map(VpcShapes::ipv6Association).toList())
                .put("CidrBlockAssociationSet", vpc.cidrAssociations().stream().map(VpcShapes::ipv4Association).toList())
                .put("IsDefault", vpc.isDefault())
                .put("BlockPublicAccessStates", Output.of("InternetGatewayBlockMode", "off"))
                .put("Tags", TagShapes.tagSet(state, vpc.id()))
                .build();
    }

    static Map<String, Object> ipv4Association(CidrAssociation association) {
        return Output.create()
                .put("AssociationId", association.associationId())
                .put("CidrBlock", association.cidrBlock())
                .put("CidrBlockState", Output.of("State", association.state()))
                .build();
    }

    static Map<String, Object> ipv6Association(CidrAssociation association) {
        return Output.create()
                .put("AssociationId", association.associationId())
                .put("Ipv6CidrBlock", association.cidrBlock())
                .put("Ipv6CidrBlockState", Output.of("State", association.state()))
                .put("NetworkBorderGroup", association.networkBorderGroup())
                .put("Ipv6Pool", association.pool())
                .build();
    }

    static List<String> associationStates(List<CidrAssociation> associations, java.util.function.Function<CidrAssociation, String> field) {
        return associations.stream().map(field).toList();
    }
}
