package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a Network Load Balancer picks a target for a new TCP connection: a hash of the flow (protocol, source address
 * and port, destination address and port), so one connection stays on one target and connections from new source
 * ports spread over the targets. AWS adds the TCP sequence number, which Backlane's gateway does not see; the
 * source port, new for each connection, spreads connections in its place.
 */
public final class FlowHash {
    private static final int TCP = 6;

    private FlowHash() {
    }

    /** The element of {@code choices} the TCP flow hashes to. */
    public static <T> T choose(List<T> choices, String sourceAddress, int sourcePort, String destinationAddress, int destinationPort) {
        requireNonNull(choices, "choices is null");
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("there is nothing to choose from");
        }
        long hash = TCP;
        hash = mix(hash * 31 + requireNonNull(sourceAddress, "sourceAddress is null").hashCode());
        hash = mix(hash * 31 + sourcePort);
        hash = mix(hash * 31 + requireNonNull(destinationAddress, "destinationAddress is null").hashCode());
        hash = mix(hash * 31 + destinationPort);
        return choices.get((int) Long.remainderUnsigned(hash, choices.size()));
    }

    /** MurmurHash3's 64-bit finalizer: every input bit reaches every output bit, so neighbouring ports spread. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53ba94fL;
        h ^= h >>> 33;
        return h;
    }
}
