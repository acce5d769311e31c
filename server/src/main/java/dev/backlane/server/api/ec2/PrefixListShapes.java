package dev.backlane.server.api.ec2;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.Map;

/** Prefix lists as the EC2 model's {@code PrefixList} (AWS-managed only) and {@code ManagedPrefixList} shapes. */
final class PrefixListShapes {
    private PrefixListShapes() {}

    static Map<String, Object> prefixList(AwsPrefixList list) {
        return Output.create()
                .put("Cidrs", list.cidrs())
                .put("PrefixListId", list.id())
                .put("PrefixListName", list.name())
                .build();
    }

    static Map<String, Object> awsManaged(AwsPrefixList list) {
        return Output.create()
                .put("PrefixListId", list.id())
                .put("AddressFamily", "IPv4")
                .put("State", "create-complete")
                .put("PrefixListArn", list.arn())
                .put("PrefixListName", list.name())
                .put("MaxEntries", list.cidrs().size())
                .put("Version", 1L)
                .put("OwnerId", "AWS")
                .build();
    }

    static Map<String, Object> customer(ManagedPrefixList list, Scope scope, ScopeState state) {
        return Output.create()
                .put("PrefixListId", list.id())
                .put("AddressFamily", list.addressFamily())
                .put("State", list.state())
                .put("PrefixListArn", list.arn(scope))
                .put("PrefixListName", list.name())
                .put("MaxEntries", list.maxEntries())
                .put("Version", list.version())
                .put("Tags", state == null ? null : TagShapes.tagSet(state, list.id()))
                .put("OwnerId", scope.account())
                .build();
    }
}
