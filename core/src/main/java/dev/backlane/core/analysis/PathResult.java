package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The explained path: the verdict, the component that carries the traffic out of the private network
 * ({@code vpce-}, {@code igw-}, {@code nat-}, a peering connection; empty inside a VPC or when blocked),
 * the hops in order and the explanations, blocking ones last. A reachable path through an interface endpoint to an
 * endpoint service names the provider's {@link ServiceTarget}s a connection may be balanced to (empty otherwise).
 * Once the destination name resolved, {@code destination} is the address and port packets go to as the VPC sees
 * them, with the network interface they arrived at when the walk reached one (an interface endpoint's, another
 * instance's); flow logs are cut from it.
 */
public record PathResult(Verdict verdict, Optional<String> via, List<Hop> hops, List<Explanation> explanations, List<ServiceTarget> targets,
        Optional<Destination> destination) {
    /**
     * Where the packets of the path go: the resolved address and the port, and the network interface holding the
     * address when the walk reached it (empty for an address outside the VPC, or when the path was blocked before).
     */
    public record Destination(String address, int port, Optional<String> networkInterfaceId) {
        public Destination {
            requireNonNull(address, "address is null");
            requireNonNull(networkInterfaceId, "networkInterfaceId is null");
        }
    }

    public PathResult {
        requireNonNull(verdict, "verdict is null");
        requireNonNull(via, "via is null");
        hops = List.copyOf(requireNonNull(hops, "hops is null"));
        explanations = List.copyOf(requireNonNull(explanations, "explanations is null"));
        targets = List.copyOf(requireNonNull(targets, "targets is null"));
        requireNonNull(destination, "destination is null");
    }

    /** A path whose destination is not told. */
    public PathResult(Verdict verdict, Optional<String> via, List<Hop> hops, List<Explanation> explanations, List<ServiceTarget> targets) {
        this(verdict, via, hops, explanations, targets, Optional.empty());
    }

    /** A path that ends at no endpoint service's targets. */
    public PathResult(Verdict verdict, Optional<String> via, List<Hop> hops, List<Explanation> explanations) {
        this(verdict, via, hops, explanations, List.of());
    }

    public boolean reachable() {
        return switch (verdict) {
            case PRIVATE, PUBLIC -> true;
            case BLOCKED -> false;
        };
    }

    /**
     * The VPC endpoint the path went through, or reached and was stopped at: its {@code via} when that is an endpoint;
     * for a blocked path, the endpoint whose hop the walk recorded on the request's way. The engine records an
     * endpoint's hop as the walk reaches it, before the endpoint's state, zone, faults, security groups and policy are
     * judged, so a path stopped by any of those names the endpoint (as AWS does: traffic an endpoint's security group
     * drops is the endpoint's, REJECT in the flow log of its interface); one stopped before it (a network ACL, a route)
     * names none.
     */
    public Optional<String> endpoint() {
        if (via.filter(component -> component.startsWith("vpce-")).isPresent() || verdict != Verdict.BLOCKED) {
            return via.filter(component -> component.startsWith("vpce-"));
        }
        Optional<String> reached = Optional.empty();
        for (Hop hop : forwardHops()) {
            if (hop.type() == HopType.VPC_ENDPOINT) {
                reached = Optional.of(hop.id());
            }
        }
        return reached;
    }

    /** The hops of the request's way (the forward path). */
    public List<Hop> forwardHops() {
        return hops.stream().filter(hop -> !hop.returnPath()).toList();
    }

    /** The hops of the reply's way (network ACLs checked for the ephemeral ports). */
    public List<Hop> returnHops() {
        return hops.stream().filter(Hop::returnPath).toList();
    }
}
