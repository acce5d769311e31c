package dev.backlane.server.traffic;

import dev.backlane.core.model.Scope;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the real process behind a load balancer's target listens: a target's private address and port in a VPC
 * (an instance's primary address, or an IP target's) mapped to a socket on this host. A mapping comes from
 * {@code backlane run --instance ... --listen PORT} or from the admin API, for processes started elsewhere.
 * Health checks probe these sockets and PrivateLink connections are spliced to them.
 */
public interface TargetSockets {
    /** The host socket behind the target {@code address:port} in the VPC of the scope, if a process is mapped there. */
    Optional<InetSocketAddress> socketOf(Scope scope, String vpcId, String address, int port);
}
