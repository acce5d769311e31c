package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** An Availability Zone: its name ({@code us-east-1a}) and its zone ID ({@code use1-az6}). */
public record AvailabilityZone(String name, String id) {
    public AvailabilityZone {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
    }
}
