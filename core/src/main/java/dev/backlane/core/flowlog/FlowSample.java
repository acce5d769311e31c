package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the data plane saw of one flow on one network interface at one moment: packets and IP bytes
 * (from {@link PacketEstimate} when only payload is known), the TCP flags AWS reports, and whether
 * security groups and network ACLs accepted or rejected it.
 */
public record FlowSample(String interfaceId, FlowKey key, FlowAction action, long packets, long bytes, int tcpFlags, Instant at) {
    public FlowSample {
        requireNonNull(interfaceId, "interfaceId is null");
        requireNonNull(key, "key is null");
        requireNonNull(action, "action is null");
        requireNonNull(at, "at is null");
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("packets and bytes must not be negative");
        }
    }
}
