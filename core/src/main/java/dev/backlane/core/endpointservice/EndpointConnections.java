package dev.backlane.core.endpointservice;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.world.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the connections of an endpoint service: every consumer endpoint, in any account, whose service
 * name is the service's. Connections are not stored apart from the endpoints, so the provider's view
 * can never disagree with the consumers'.
 */
public final class EndpointConnections {
    private EndpointConnections() {}

    /** The service's connections, in endpoint ID order. */
    public static List<EndpointConnection> of(World world, String serviceName) {
        List<EndpointConnection> connections = new ArrayList<>();
        for (Scope scope : world.scopes()) {
            for (VpcEndpoint endpoint : world.all(scope, ResourceTypes.VPC_ENDPOINT)) {
                if (endpoint.serviceName().equals(serviceName)) {
                    connections.add(new EndpointConnection(scope, endpoint));
                }
            }
        }
        connections.sort(Comparator.comparing(connection -> connection.endpoint().id()));
        return connections;
    }

    public static Optional<EndpointConnection> find(World world, String serviceName, String vpcEndpointId) {
        return of(world, serviceName).stream().filter(connection -> connection.endpoint().id().equals(vpcEndpointId)).findFirst();
    }
}
