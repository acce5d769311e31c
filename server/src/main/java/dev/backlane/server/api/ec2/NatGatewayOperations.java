package dev.backlane.server.api.ec2;

import dev.backlane.core.model.ConnectivityType;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.NatGatewayCommands;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.time.Instant;
import java.util.Map;

/** CreateNatGateway, DeleteNatGateway, DescribeNatGateways. */
public final class NatGatewayOperations implements OperationFamily {
    private final NatGatewayCommands commands;

    public NatGatewayOperations(NatGatewayCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateNatGateway", this::create)
                .ec2("DeleteNatGateway", this::delete)
                .ec2("DescribeNatGateways", this::describe);
    }

    /** The documented filters; a gateway's state depends on the time of the describe. */
    static FilterSet<NatGateway> filters(Instant at) {
        return FilterSet.<NatGateway>builder()
                .add("nat-gateway-id", NatGateway::id)
                .add("state", gateway -> gateway.state(at).awsName())
                .add("subnet-id", NatGateway::subnetId)
                .add("vpc-id", NatGateway::vpcId)
                .build();
    }

    private Map<String, Object> create(Call call) {
        Input input = call.input();
        NatGatewayCommands.CreateNatGateway request = new NatGatewayCommands.CreateNatGateway(input.string("SubnetId"),
                connectivityType(input), input.string("AllocationId"), input.string("PrivateIpAddress"));
        return call.write(transaction -> {
            NatGateway gateway = commands.create(transaction, request);
            TagInputs.applySpecifications(transaction, input, gateway.id(), ResourceTypes.NAT_GATEWAY);
            return Output.create()
                    .put("ClientToken", input.string("ClientToken"))
                    .put("NatGateway", NatGatewayShapes.natGateway(gateway, transaction.state(), transaction.now()))
                    .build();
        });
    }

    private Map<String, Object> delete(Call call) {
        String natGatewayId = call.input().requiredString("NatGatewayId", "NatGatewayId");
        return call.write(transaction -> Output.of("NatGatewayId", commands.delete(transaction, natGatewayId).id()));
    }

    private Map<String, Object> describe(Call call) {
        Instant at = call.now();
        Page<NatGateway> page = new Describer<>(ResourceTypes.NAT_GATEWAY, "NatGatewayIds", "natGatewayIds", filters(at), "Filter")
                .describe(call, gateway -> gateway.isVisibleAt(at));
        ScopeState state = call.read();
        return Output.create()
                .put("NatGateways", page.items().stream().map(gateway -> NatGatewayShapes.natGateway(gateway, state, at)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }


    private static ConnectivityType connectivityType(Input input) {
        String value = input.string("ConnectivityType");
        return value == null ? null : ConnectivityType.fromWire(value);
    }
}
