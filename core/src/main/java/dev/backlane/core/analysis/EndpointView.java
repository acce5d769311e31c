package dev.backlane.core.analysis;

import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import java.time.Instant;

/** How the analysis reads an endpoint's kind and state. */
final class EndpointView {
    private EndpointView() {}

    static boolean isInterface(VpcEndpoint endpoint) {
        return endpoint.type() == VpcEndpointType.INTERFACE;
    }

    static boolean isGateway(VpcEndpoint endpoint) {
        return endpoint.type() == VpcEndpointType.GATEWAY;
    }

    /** The state a caller sees at {@code at} ({@code pending} while a new interface endpoint is provisioned). */
    static VpcEndpointState state(VpcEndpoint endpoint, Instant at) {
        return endpoint.stateAt(at);
    }
}
