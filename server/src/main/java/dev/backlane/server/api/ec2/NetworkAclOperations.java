package dev.backlane.server.api.ec2;

import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.NetworkAclCommands;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Network ACLs, their entries and their subnet associations. */
public final class NetworkAclOperations implements OperationFamily {
    private static final FilterSet<NetworkAcl> FILTERS = FilterSet.<NetworkAcl>builder()
            .add("association.association-id", associations(NetworkAclAssociation::id))
            .add("association.network-acl-id", associations(NetworkAclAssociation::networkAclId))
            .add("association.subnet-id", associations(NetworkAclAssociation::subnetId))
            .add("default", NetworkAcl::isDefault)
            .add("entry.cidr", entries(NetworkAclEntry::cidrBlock))
            .add("entry.egress", entries(entry -> Boolean.toString(entry.egress())))
            .add("entry.icmp.code", entries(entry -> Objects.toString(entry.icmpCode(), null)))
            .add("entry.icmp.type", entries(entry -> Objects.toString(entry.icmpType(), null)))
            .add("entry.ipv6-cidr", entries(NetworkAclEntry::ipv6CidrBlock))
            .add("entry.port-range.from", entries(entry -> Objects.toString(entry.fromPort(), null)))
            .add("entry.port-range.to", entries(entry -> Objects.toString(entry.toPort(), null)))
            .add("entry.protocol", entries(NetworkAclEntry::protocol))
            .add("entry.rule-action", entries(NetworkAclEntry::ruleAction))
            .add("entry.rule-number", entries(entry -> Integer.toString(entry.ruleNumber())))
            .add("network-acl-id", NetworkAcl::id)
            .add("owner-id", (acl, context) -> context.scope().account())
            .add("vpc-id", NetworkAcl::vpcId)
            .build();

    private final NetworkAclCommands commands;
    private final Describer<NetworkAcl> describer = new Describer<>(ResourceTypes.NETWORK_ACL, "NetworkAclIds", "networkAclIds", FILTERS);

    public NetworkAclOperations(NetworkAclCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateNetworkAcl", this::createNetworkAcl)
                .ec2("DeleteNetworkAcl", this::deleteNetworkAcl)
                .ec2("DescribeNetworkAcls", this::describeNetworkAcls)
                .ec2("CreateNetworkAclEntry", call -> writeEntry(call, false))
                .ec2("ReplaceNetworkAclEntry", call -> writeEntry(call, true))
                .ec2("DeleteNetworkAclEntry", this::deleteNetworkAclEntry)
                .ec2("ReplaceNetworkAclAssociation", this::replaceNetworkAclAssociation);
    }

    private Map<String, Object> createNetworkAcl(Call call) {
        Input input = call.input();
        String vpcId = input.requiredString("VpcId", "VpcId");
        return call.write(transaction -> {
            NetworkAcl acl = commands.create(transaction, vpcId);
            TagInputs.applySpecifications(transaction, input, acl.id(), ResourceTypes.NETWORK_ACL);
            return Output.create()
                    .put("NetworkAcl", NetworkAclShapes.acl(acl, call.scope(), transaction.state()))
                    .put("ClientToken", input.string("ClientToken"))
                    .build();
        });
    }

    private Map<String, Object> deleteNetworkAcl(Call call) {
        String aclId = call.input().requiredString("NetworkAclId", "NetworkAclId");
        return call.run(transaction -> commands.delete(transaction, aclId));
    }

    private Map<String, Object> describeNetworkAcls(Call call) {
        Page<NetworkAcl> page = describer.describe(call);
        ScopeState state = call.read();
        return Output.create()
                .put("NetworkAcls", page.items().stream().map(acl -> NetworkAclShapes.acl(acl, call.scope(), state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> writeEntry(Call call, boolean replace) {
        Input input = call.input();
        String aclId = input.requiredString("NetworkAclId", "NetworkAclId");
        Input icmp = input.structure("IcmpTypeCode");
        Input ports = input.structure("PortRange");
        NetworkAclCommands.EntryRequest request = new NetworkAclCommands.EntryRequest(input.integer("RuleNumber"), input.bool("Egress"),
                input.string("Protocol"), input.string("RuleAction"), input.string("CidrBlock"), input.string("Ipv6CidrBlock"),
                icmp == null ? null : icmp.integer("Type"), icmp == null ? null : icmp.integer("Code"),
                ports == null ? null : ports.integer("From"), ports == null ? null : ports.integer("To"));
        return call.write(transaction -> {
            if (replace) {
                commands.replaceEntry(transaction, aclId, request);
            } else {
                commands.createEntry(transaction, aclId, request);
            }
            return Output.empty();
        });
    }

    private Map<String, Object> deleteNetworkAclEntry(Call call) {
        Input input = call.input();
        String aclId = input.requiredString("NetworkAclId", "NetworkAclId");
        int ruleNumber = input.integer("RuleNumber");
        boolean egress = input.bool("Egress");
        return call.run(transaction -> commands.deleteEntry(transaction, aclId, ruleNumber, egress));
    }

    private Map<String, Object> replaceNetworkAclAssociation(Call call) {
        Input input = call.input();
        String associationId = input.requiredString("AssociationId", "AssociationId");
        String aclId = input.requiredString("NetworkAclId", "NetworkAclId");
        return call.write(transaction -> Output.of("NewAssociationId", commands.replaceAssociation(transaction, associationId, aclId)));
    }

    private static Function<NetworkAcl, Object> associations(Function<NetworkAclAssociation, String> field) {
        return acl -> acl.associations().stream().map(field).toList();
    }

    private static Function<NetworkAcl, Object> entries(Function<NetworkAclEntry, String> field) {
        return acl -> acl.entries().stream().map(field).filter(Objects::nonNull).toList();
    }
}
