package dev.backlane.server.api.ec2;

import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.Map;

/** Network ACLs as the EC2 model's {@code NetworkAcl} shape; the {@code *} rules show rule number 32767. */
final class NetworkAclShapes {
    private NetworkAclShapes() {}

    static Map<String, Object> acl(NetworkAcl acl, Scope scope, ScopeState state) {
        return Output.create()
                .put("Associations", acl.associations().stream().map(NetworkAclShapes::association).toList())
                .put("Entries", acl.entries().stream().map(NetworkAclShapes::entry).toList())
                .put("IsDefault", acl.isDefault())
                .put("NetworkAclId", acl.id())
                .put("Tags", TagShapes.tagSet(state, acl.id()))
                .put("VpcId", acl.vpcId())
                .put("OwnerId", scope.account())
                .build();
    }

    static Map<String, Object> association(NetworkAclAssociation association) {
        return Output.create()
                .put("NetworkAclAssociationId", association.id())
                .put("NetworkAclId", association.networkAclId())
                .put("SubnetId", association.subnetId())
                .build();
    }

    static Map<String, Object> entry(NetworkAclEntry entry) {
        return Output.create()
                .put("CidrBlock", entry.cidrBlock())
                .put("Egress", entry.egress())
                .put("IcmpTypeCode", entry.icmpType() == null ? null
                        : Output.create().put("Code", entry.icmpCode()).put("Type", entry.icmpType()).build())
                .put("Ipv6CidrBlock", entry.ipv6CidrBlock())
                .put("PortRange", entry.fromPort() == null ? null : Output.create().put("From", entry.fromPort()).put("To", entry.toPort()).build())
                .put("Protocol", entry.protocol())
                .put("RuleAction", entry.ruleAction())
                .put("RuleNumber", entry.ruleNumber())
                .build();
    }
}
