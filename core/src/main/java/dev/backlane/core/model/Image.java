package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * An Amazon Machine Image: one of the public images Backlane knows ({@code data/images.json}) or one an
 * account registered with RegisterImage. {@code ownerAlias} is {@code amazon} for Amazon's own images and
 * null otherwise; {@code platform} is {@code windows} or null for Linux/UNIX.
 */
public record Image(
        String id,
        String name,
        String description,
        String ownerId,
        String ownerAlias,
        String architecture,
        String platform,
        String rootDeviceName,
        String virtualizationType,
        String creationDate,
        boolean isPublic) implements Resource {

    public Image {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(architecture, "architecture is null");
        requireNonNull(rootDeviceName, "rootDeviceName is null");
        requireNonNull(virtualizationType, "virtualizationType is null");
        requireNonNull(creationDate, "creationDate is null");
    }
}
