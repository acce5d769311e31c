package dev.backlane.server.api.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpointservice.EndpointConnection;
import dev.backlane.core.endpointservice.EndpointConnectionCommands;
import dev.backlane.core.endpointservice.EndpointConnections;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.World;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AcceptVpcEndpointConnections, RejectVpcEndpointConnections and DescribeVpcEndpointConnections: the
 * provider's side of its services' connections, whichever accounts the consumers are.
 */
public final class EndpointConnectionOperations implements OperationFamily {
    private final EndpointConnectionCommands commands;

    public EndpointConnectionOperations(EndpointConnectionCommands commands) {
        this.commands = requireNonNull(commands, "commands is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("AcceptVpcEndpointConnections", this::accept)
                .ec2("RejectVpcEndpointConnections", this::reject)
                .ec2("DescribeVpcEndpointConnections", this::describe);
    }

    private Map<String, Object> accept(Call call) {
        String serviceId = call.input().requiredString("ServiceId", "ServiceId");
        List<String> endpointIds = call.input().strings("VpcEndpointIds");
        return call.write(transaction -> EndpointServiceShapes.unsuccessful(commands.accept(transaction, serviceId, endpointIds)));
    }

    private Map<String, Object> reject(Call call) {
        String serviceId = call.input().requiredString("ServiceId", "ServiceId");
        List<String> endpointIds = call.input().strings("VpcEndpointIds");
        return call.write(transaction -> EndpointServiceShapes.unsuccessful(commands.reject(transaction, serviceId, endpointIds)));
    }

    private Map<String, Object> describe(Call call) {
        World world = call.world();
        Instant at = call.now();
        Map<String, EndpointServiceConfiguration> byEndpoint = new HashMap<>();
        List<EndpointConnection> connections = new ArrayList<>();
        for (EndpointServiceConfiguration service : world.all(call.scope(), ResourceTypes.VPC_ENDPOINT_SERVICE)) {
            for (EndpointConnection connection : EndpointConnections.of(world, service.serviceName())) {
                if (!connection.endpoint().isVisibleAt(at)) {
                    continue;
                }
                connections.add(connection);
                byEndpoint.put(connection.endpoint().id(), service);
            }
        }
        Page<EndpointConnection> page = new ListedItems<EndpointConnection>(connection -> connection.endpoint().id())
                .filter("service-id", connection -> List.of(byEndpoint.get(connection.endpoint().id()).id()))
                .filter("ip-address-type", connection -> List.of(connection.endpoint().ipAddressType()))
                .filter("vpc-endpoint-id", connection -> List.of(connection.endpoint().id()))
                .filter("vpc-endpoint-owner", connection -> List.of(connection.consumer().account()))
                .filter("vpc-endpoint-region", connection -> List.of(connection.consumer().region()))
                .filter("vpc-endpoint-state", connection -> List.of(connection.endpoint().stateAt(at).awsName()))
                .page(call, connections);
        return Output.create()
                .put("VpcEndpointConnections", page.items().stream()
                        .map(connection -> EndpointServiceShapes.connection(connection, byEndpoint.get(connection.endpoint().id()), world,
                                call.scope().region(), at))
                        .toList())
                .put("NextToken", page.nextToken())
                .build();
    }
}
