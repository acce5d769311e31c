package dev.backlane.core.analysis;

import dev.backlane.core.model.VpcEndpoint;
import java.time.Instant;

/** How the analysis reads an endpoint's kind and state, in AWS's words. */
final class EndpointView {
    private EndpointView() {}

    static boolean isInterface(VpcEndpoint endpoint) {
        return endpoint.isInterface();
    }

    static boolean isGateway(VpcEndpoint endpoint) {
        return endpoint.isGateway();
    }

    /** The state a caller sees at {@code at}, as AWS writes it ({@code available}, {@code pendingAcceptance}, ...). */
    static String state(VpcEndpoint endpoint, Instant at) {
        return endpoint.state();
    }
}
