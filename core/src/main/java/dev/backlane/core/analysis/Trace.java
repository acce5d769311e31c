package dev.backlane.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hops and explanations of one path as the engine walks it. */
final class Trace {
    private final List<Hop> hops = new ArrayList<>();
    private final List<Explanation> explanations = new ArrayList<>();
    private String destinationAddress;
    private int destinationPort;
    private String destinationInterface;

    /** The address the name resolved to and the port asked about. */
    void destination(String address, int port) {
        destinationAddress = address;
        destinationPort = port;
    }

    /** The network interface the path reached at the destination address. */
    void arrivedAt(String networkInterfaceId) {
        destinationInterface = networkInterfaceId;
    }

    void hop(Hop hop) {
        hops.add(hop);
    }

    void note(Explanation explanation) {
        explanations.add(explanation);
    }

    void notes(List<Explanation> notes) {
        explanations.addAll(notes);
    }

    PathResult blocked(ExplanationCode code, String component, String detail) {
        explanations.add(new Explanation(code, component, detail));
        return result(Verdict.BLOCKED, Optional.empty());
    }

    PathResult blocked(Explanation explanation) {
        explanations.add(explanation);
        return result(Verdict.BLOCKED, Optional.empty());
    }

    PathResult result(Verdict verdict, Optional<String> via) {
        return result(verdict, via, List.of());
    }

    /** A reachable path to an endpoint service, with the provider's targets a connection may go to. */
    PathResult reached(Optional<String> via, List<ServiceTarget> targets) {
        return result(Verdict.PRIVATE, via, targets);
    }

    private PathResult result(Verdict verdict, Optional<String> via, List<ServiceTarget> targets) {
        Optional<PathResult.Destination> destination = Optional.ofNullable(destinationAddress)
                .map(address -> new PathResult.Destination(address, destinationPort, Optional.ofNullable(destinationInterface)));
        return new PathResult(verdict, via, hops, explanations, targets, destination);
    }

    /** Adds the hops and explanations of a part of the path walked on its own. */
    void append(Trace part) {
        hops.addAll(part.hops);
        explanations.addAll(part.explanations);
    }
}
