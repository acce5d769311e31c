package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/**
 * A kind of resource: the record that holds it, the prefix of its IDs, the name its tags report
 * ({@code vpc}, {@code security-group}, ...) and the errors AWS gives for an ID of this kind that does
 * not exist or is malformed. The instances are listed in {@link ResourceTypes}.
 */
public final class ResourceType<T extends Resource> {
    private final String name;
    private final String idPrefix;
    private final Class<T> recordClass;
    private final ErrorCode notFound;
    private final String notFoundFormat;
    private final ErrorCode malformed;

    ResourceType(String name, String idPrefix, Class<T> recordClass, ErrorCode notFound, String notFoundFormat, ErrorCode malformed) {
        this.name = requireNonNull(name, "name is null");
        this.idPrefix = requireNonNull(idPrefix, "idPrefix is null");
        this.recordClass = requireNonNull(recordClass, "recordClass is null");
        this.notFound = requireNonNull(notFound, "notFound is null");
        this.notFoundFormat = requireNonNull(notFoundFormat, "notFoundFormat is null");
        this.malformed = requireNonNull(malformed, "malformed is null");
    }

    /** The name AWS uses for this kind in tags and TagSpecifications, e.g. {@code route-table}. */
    public String name() {
        return name;
    }

    /** The prefix of this kind's IDs, without the dash, e.g. {@code rtb}; empty for kinds without AWS IDs. */
    public String idPrefix() {
        return idPrefix;
    }

    public Class<T> recordClass() {
        return recordClass;
    }

    public T cast(Resource resource) {
        return recordClass.cast(resource);
    }

    public AwsException notFound(String id) {
        return AwsException.of(notFound, notFoundFormat, id);
    }

    public ErrorCode notFoundCode() {
        return notFound;
    }

    /** Whether {@code id} has this kind's form: the prefix, a dash, then 8 or 17 lower-case hex digits. */
    public boolean isWellFormed(String id) {
        return ResourceIds.isWellFormed(idPrefix, id);
    }

    /** Throws AWS's malformed-ID error unless {@code id} has this kind's form. */
    public String requireWellFormed(String id) {
        if (!isWellFormed(id)) {
            throw malformed(id);
        }
        return id;
    }

    /** AWS's error for an ID that does not have this kind's form. */
    public AwsException malformed(String id) {
        return AwsException.of(malformed, "Invalid id: \"%s\" (expecting \"%s-...\")", id, idPrefix);
    }

    @Override
    public String toString() {
        return name;
    }
}
