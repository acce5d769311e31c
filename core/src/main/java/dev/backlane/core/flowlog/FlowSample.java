package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What the data plane saw of one flow on one network interface at one moment: packets and IP bytes
 * (from {@link PacketEstimate} when only payload is known), the TCP flags AWS reports, and whether
 * security groups and network ACLs accepted or rejected it; with its {@link FlowContext} when the data plane knows
 * the interface's place and the flow's direction (the later record fields).
 */
public record FlowSample(String interfaceId, FlowKey key, FlowAction action, long packets, long bytes, int tcpFlags, Instant at,
        Optional<FlowContext> context) {
    public FlowSample {
        requireNonNull(context, "context is null");
        requireNonNull(interfaceId, "interfaceId is null");
        requireNonNull(key, "key is null");
        requireNonNull(action, "action is null");
        requireNonNull(at, "at is null");
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("packets and bytes must not be negative");
        }
    }

    /** A sample without context: the version-2 fields only. */
    public FlowSample(String interfaceId, FlowKey key, FlowAction action, long packets, long bytes, int tcpFlags, Instant at) {
        this(interfaceId, key, action, packets, bytes, tcpFlags, at, Optional.empty());
    }
}
