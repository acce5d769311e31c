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
}
