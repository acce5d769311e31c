package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpoint;

/**
 * A consumer's VPC endpoint to an endpoint service, as the provider sees it: the endpoint lives in the
 * consumer's scope, which may be another account's.
 */
public record EndpointConnection(Scope consumer, VpcEndpoint endpoint) {
    public EndpointConnection {
        requireNonNull(consumer, "consumer is null");
        requireNonNull(endpoint, "endpoint is null");
    }

    /** Whether the connection keeps the service from being deleted: it is not rejected, being deleted or gone. */
    public boolean live() {
        if (endpoint.isBeingDeleted()) {
            return false;
        }
        return switch (endpoint.state()) {
            case PENDING_ACCEPTANCE, PENDING, AVAILABLE -> true;
            case DELETING, DELETED, REJECTED, FAILED, EXPIRED, PARTIAL -> false;
        };
    }
}
