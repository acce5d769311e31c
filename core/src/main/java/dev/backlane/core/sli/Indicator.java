package dev.backlane.core.sli;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One SLI's reading: its ID (M1..M10) and name, the value (empty when nothing was measured in the window), its unit,
 * the SLO ({@code objective} says how it compares, e.g. {@code >= 0.999}; empty when there is none), whether the value
 * meets it (empty without a value or an SLO), and what the value was computed from. A ratio also gives its {@code numerator}
 * and {@code denominator} (empty for the others), so that a reader can take the difference of two readings: the ratio over
 * the time between them.
 */
public record Indicator(String id, String name, OptionalDouble value, String unit, Optional<String> objective, Optional<Boolean> met, String basis,
        OptionalLong numerator, OptionalLong denominator) {
    public Indicator {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(objective, "objective is null");
        requireNonNull(met, "met is null");
        requireNonNull(basis, "basis is null");
        requireNonNull(numerator, "numerator is null");
        requireNonNull(denominator, "denominator is null");
    }

    /** A ratio that should be at least {@code target}. */
    static Indicator atLeast(String id, String name, long good, long total, OptionalDouble target, String what) {
        OptionalDouble value = total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) good / total);
        return compared(id, name, value, "ratio", target, true, good + " of " + total + " " + what).counting(good, total);
    }

    /** A ratio that should be at most {@code target}. */
    static Indicator atMost(String id, String name, long bad, long total, OptionalDouble target, String what) {
        OptionalDouble value = total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad / total);
        return compared(id, name, value, "ratio", target, false, bad + " of " + total + " " + what).counting(bad, total);
    }

    static Indicator compared(String id, String name, OptionalDouble value, String unit, OptionalDouble target, boolean atLeast, String basis) {
        Optional<String> objective = target.isPresent() ? Optional.of((atLeast ? ">= " : "<= ") + format(target.getAsDouble())) : Optional.empty();
        Optional<Boolean> met = value.isPresent() && target.isPresent()
                ? Optional.of(atLeast ? value.getAsDouble() >= target.getAsDouble() : value.getAsDouble() <= target.getAsDouble()) : Optional.empty();
        return new Indicator(id, name, value, unit, objective, met, basis, OptionalLong.empty(), OptionalLong.empty());
    }

    private Indicator counting(long count, long total) {
        return new Indicator(id, name, value, unit, objective, met, basis, OptionalLong.of(count), OptionalLong.of(total));
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
