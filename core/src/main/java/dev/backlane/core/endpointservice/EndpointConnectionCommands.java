package dev.backlane.core.endpointservice;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * AcceptVpcEndpointConnections and RejectVpcEndpointConnections: the provider decides on consumers'
 * endpoints, which live in the consumers' scopes, so the change is made there
 * ({@link Transaction#in}). An endpoint that cannot be decided on is reported in {@code Unsuccessful}.
 */
public final class EndpointConnectionCommands {
    /** Accepts endpoints waiting in {@code pendingAcceptance}: they become {@code available}. */
    public List<UnsuccessfulItem> accept(Transaction transaction, String serviceId, List<String> vpcEndpointIds) {
        return decide(transaction, serviceId, vpcEndpointIds, true);
    }

    /** Rejects endpoints waiting for acceptance or already accepted: they become {@code rejected}. */
    public List<UnsuccessfulItem> reject(Transaction transaction, String serviceId, List<String> vpcEndpointIds) {
        return decide(transaction, serviceId, vpcEndpointIds, false);
    }

    private List<UnsuccessfulItem> decide(Transaction transaction, String serviceId, List<String> vpcEndpointIds, boolean accept) {
        EndpointServiceConfiguration service = transaction.get(ResourceTypes.VPC_ENDPOINT_SERVICE, serviceId);
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(vpcEndpointIds)) {
            if (!ResourceTypes.VPC_ENDPOINT.isWellFormed(id)) {
                unsuccessful.add(UnsuccessfulItem.of(id, ResourceTypes.VPC_ENDPOINT.malformed(id)));
                continue;
            }
            Optional<EndpointConnection> found = EndpointConnections.find(transaction.world(), service.serviceName(), id);
            if (found.isEmpty()) {
                unsuccessful.add(UnsuccessfulItem.of(id, ResourceTypes.VPC_ENDPOINT.notFound(id)));
                continue;
            }
            EndpointConnection connection = found.get();
            VpcEndpointState state = connection.endpoint().stateAt(transaction.now());
            if (!(accept ? acceptable(state) : rejectable(state))) {
                unsuccessful.add(UnsuccessfulItem.of(id, AwsException.of(ErrorCode.INCORRECT_STATE,
                        "The VPC endpoint %s is in the state %s and cannot be %s.", id, state.awsName(), accept ? "accepted" : "rejected")));
                continue;
            }
            Transaction consumer = transaction.in(connection.consumer());
            consumer.put(ResourceTypes.VPC_ENDPOINT, connection.endpoint().withState(accept ? VpcEndpointState.AVAILABLE : VpcEndpointState.REJECTED));
        }
        return unsuccessful;
    }

    private static boolean acceptable(VpcEndpointState state) {
        return switch (state) {
            case PENDING_ACCEPTANCE -> true;
            case PENDING, AVAILABLE, DELETING, DELETED, REJECTED, FAILED, EXPIRED, PARTIAL -> false;
        };
    }

    /** An accepted connection can still be rejected, which cuts the consumer off. */
    private static boolean rejectable(VpcEndpointState state) {
        return switch (state) {
            case PENDING_ACCEPTANCE, PENDING, AVAILABLE -> true;
            case DELETING, DELETED, REJECTED, FAILED, EXPIRED, PARTIAL -> false;
        };
    }
}
