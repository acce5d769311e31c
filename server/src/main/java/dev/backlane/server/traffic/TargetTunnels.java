package dev.backlane.server.traffic;

import dev.backlane.core.event.PrivateLinkFlow;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which open PrivateLink tunnels are spliced to one target, read from the tunnels' own flows (the gateways' registry of
 * connections, {@link dev.backlane.dataplane.gateway.Gateways#endTunnels}): the provider's account and region, and the
 * target's private address and port, as the load balancer chose them when the tunnel opened.
 */
final class TargetTunnels {
    private TargetTunnels() {}

    static Predicate<PrivateLinkFlow> to(String account, String region, String address, int port) {
        return flow -> flow.serviceAccount().equals(account) && flow.region().equals(region) && flow.targetAddress().equals(Optional.of(address))
                && flow.targetPort().isPresent() && flow.targetPort().getAsInt() == port;
    }
}
