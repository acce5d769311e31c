package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A member of a structure (or the element of a list, key or value of a map): its name in the model,
 * its shape and the names it goes by on the wire.
 */
public record Member(String name, String shapeName, String locationName, String queryName, boolean flattened, String location) {
    public Member {
        requireNonNull(name, "name is null");
        requireNonNull(shapeName, "shapeName is null");
    }

    public Member(String name, String shapeName, String locationName, String queryName, boolean flattened) {
        this(name, shapeName, locationName, queryName, flattened, null);
    }

    /** The member's REST binding: {@code uri}, {@code querystring}, {@code header}, ...; null for a body member. */
    @Override
    public String location() {
        return location;
    }
}
