package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The attachment of a network interface to an instance (or, for service interfaces, to the service). */
public record NetworkInterfaceAttachment(String attachmentId, String instanceId, String instanceOwnerId, int deviceIndex,
        String status, boolean deleteOnTermination, Instant attachTime) {
    public NetworkInterfaceAttachment {
        requireNonNull(attachmentId, "attachmentId is null");
        requireNonNull(status, "status is null");
    }

    /**
     * How AWS attaches the interface of a service it manages (a NAT gateway, a VPC endpoint) — to no
     * instance, at device index 1, owned by {@code ownerId} ({@code amazon-aws}), with no attach time —
     * which makes the interface {@code in-use}.
     */
    public static NetworkInterfaceAttachment ofService(String attachmentId, String ownerId) {
        return new NetworkInterfaceAttachment(attachmentId, null, ownerId, 1, "attached", false, null);
    }
}
