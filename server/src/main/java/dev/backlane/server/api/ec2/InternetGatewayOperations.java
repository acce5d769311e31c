package dev.backlane.server.api.ec2;

import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.InternetGatewayCommands;
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

/** CreateInternetGateway, AttachInternetGateway, DetachInternetGateway, DeleteInternetGateway, DescribeInternetGateways. */
public final class InternetGatewayOperations implements OperationFamily {
    private static final FilterSet<InternetGateway> FILTERS = FilterSet.<InternetGateway>builder()
            .add("attachment.state", gateway -> gateway.attachedVpcId() == null ? null : InternetGatewayShapes.ATTACHED_STATE)
            .add("attachment.vpc-id", InternetGateway::attachedVpcId)
            .add("internet-gateway-id", InternetGateway::id)
            .add("owner-id", (gateway, context) -> context.scope().account())
            .build();

    private final InternetGatewayCommands commands;
    private final Describer<InternetGateway> describer =
            new Describer<>(ResourceTypes.INTERNET_GATEWAY, "InternetGatewayIds", "internetGatewayIds", FILTERS);

    public InternetGatewayOperations(InternetGatewayCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateInternetGateway", this::create)
                .ec2("AttachInternetGateway", this::attach)
                .ec2("DetachInternetGateway", this::detach)
                .ec2("DeleteInternetGateway", this::delete)
                .ec2("DescribeInternetGateways", this::describe);
    }

    private Map<String, Object> create(Call call) {
        Input input = call.input();
        return call.write(transaction -> {
            InternetGateway gateway = commands.create(transaction);
            TagInputs.applySpecifications(transaction, input, gateway.id(), ResourceTypes.INTERNET_GATEWAY);
            return Output.of("InternetGateway", InternetGatewayShapes.internetGateway(gateway, call.scope(), transaction.state()));
        });
    }

    private Map<String, Object> attach(Call call) {
        Input input = call.input();
        String gatewayId = input.requiredString("InternetGatewayId", "internetGatewayId");
        String vpcId = input.requiredString("VpcId", "vpcId");
        return call.run(transaction -> commands.attach(transaction, gatewayId, vpcId));
    }

    private Map<String, Object> detach(Call call) {
        Input input = call.input();
        String gatewayId = input.requiredString("InternetGatewayId", "internetGatewayId");
        String vpcId = input.requiredString("VpcId", "vpcId");
        return call.run(transaction -> commands.detach(transaction, gatewayId, vpcId));
    }

    private Map<String, Object> delete(Call call) {
        String gatewayId = call.input().requiredString("InternetGatewayId", "internetGatewayId");
        return call.run(transaction -> commands.delete(transaction, gatewayId));
    }

    private Map<String, Object> describe(Call call) {
        Page<InternetGateway> page = describer.describe(call);
        var state = call.read();
        List<Map<String, Object>> gateways = page.items().stream()
                .map(gateway -> InternetGatewayShapes.internetGateway(gateway, call.scope(), state)).toList();
        return Output.create().put("InternetGateways", gateways).put("NextToken", page.nextToken()).build();
    }
}
