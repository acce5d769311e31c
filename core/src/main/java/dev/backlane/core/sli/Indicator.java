package dev.backlane.core.sli;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One SLI's reading: its ID (M1..M10) and name, the value (empty when nothing was measured in the window), its unit,
 * the SLO ({@code objective} says how it compares, e.g. {@code >= 0.999}; empty when there is none), whether the value
 * meets it (empty without a value or an SLO), and what the value was computed from.
 */
public record Indicator(String id, String name, OptionalDouble value, String unit, Optional<String> objective, Optional<Boolean> met, String basis) {
    public Indicator {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(objective, "objective is null");
        requireNonNull(met, "met is null");
        requireNonNull(basis, "basis is null");
    }

    /** A ratio that should be at least {@code target}. */
    static Indicator atLeast(String id, String name, long good, long total, OptionalDouble target, String what) {
        OptionalDouble value = total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) good / total);
        return compared(id, name, value, "ratio", target, true, good + " of " + total + " " + what);
    }

    /** A ratio that should be at most {@code target}. */
    static Indicator atMost(String id, String name, long bad, long total, OptionalDouble target, String what) {
        OptionalDouble value = total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad / total);
        return compared(id, name, value, "ratio", target, false, bad + " of " + total + " " + what);
    }

    static Indicator compared(String id, String name, OptionalDouble value, String unit, OptionalDouble target, boolean atLeast, String basis) {
        Optional<String> objective = target.isPresent() ? Optional.of((atLeast ? ">= " : "<= ") + format(target.getAsDouble())) : Optional.empty();
        Optional<Boolean> met = value.isPresent() && target.isPresent()
                ? Optional.of(atLeast ? value.getAsDouble() >= target.getAsDouble() : value.getAsDouble() <= target.getAsDouble()) : Optional.empty();
        return new Indicator(id, name, value, unit, objective, met, basis);
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
