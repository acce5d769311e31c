package dev.backlane.server.api.ec2;

import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.List;
import java.util.Map;

/** Internet gateways as the EC2 model's {@code InternetGateway} shape; an attachment shows {@code available}, as AWS's do. */
final class InternetGatewayShapes {
    static final String ATTACHED_STATE = "available";

    private InternetGatewayShapes() {}

    static Map<String, Object> internetGateway(InternetGateway gateway, Scope scope, ScopeState state) {
        return Output.create()
                .put("Attachments", gateway.attachedVpcId() == null ? List.of()
                        : List.of(Output.create().put("State", ATTACHED_STATE).put("VpcId", gateway.attachedVpcId()).build()))
                .put("InternetGatewayId", gateway.id())
                .put("OwnerId", scope.account())
                .put("Tags", TagShapes.tagSet(state, gateway.id()))
                .build();
    }
}
