package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

/** A name/value pair that is part of a metric's identity ({@code VPC Endpoint Id = vpce-0a1b...}). */
public record Dimension(String name, String value) implements Comparable<Dimension> {
    public Dimension {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }

    @Override
    public int compareTo(Dimension other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : value.compareTo(other.value);
    }
}
