package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

/**
 * The 5-tuple that makes a flow: source and destination address and port, and the IANA protocol
 * number. Ports are null for protocols without them (ICMP), written {@code -} in a record.
 */
public record FlowKey(String sourceAddress, Integer sourcePort, String destinationAddress, Integer destinationPort, int protocol) {
    public static final int TCP = 6;
    public static final int UDP = 17;

    public FlowKey {
        requireNonNull(sourceAddress, "sourceAddress is null");
        requireNonNull(destinationAddress, "destinationAddress is null");
    }

    /** The flow's other direction: the answers to this one. */
    public FlowKey reversed() {
        return new FlowKey(destinationAddress, destinationPort, sourceAddress, sourcePort, protocol);
    }

    /** {@code IPv6} when the addresses are IPv6, else {@code IPv4}: a record's {@code type}. */
    public String addressType() {
        return sourceAddress.indexOf(':') >= 0 ? "IPv6" : "IPv4";
    }
}
