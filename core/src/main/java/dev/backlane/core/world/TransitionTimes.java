package dev.backlane.core.world;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each {@link Transition} takes in one Backlane: the one place that holds these durations.
 * Commands read it from their {@link Transaction} and fix, when a change begins, the instant it ends;
 * states then follow from the injected clock alone, never from a timer.
 */
public final class TransitionTimes {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private final Map<Transition, Duration> durations;

    private TransitionTimes(Map<Transition, Duration> durations) {
        this.durations = Collections.unmodifiableMap(new EnumMap<>(durations));
    }

    /** Backlane's defaults: {@link Transition#standard()} for each. */
    public static TransitionTimes standard() {
        Map<Transition, Duration> durations = new EnumMap<>(Transition.class);
        for (Transition transition : Transition.values()) {
            durations.put(transition, transition.standard());
        }
        return new TransitionTimes(durations);
    }

    /**
     * Every pending and deleting state over at once, for tests that want no waiting; deleted resources
     * are still described for their retention, as on AWS.
     */
    public static TransitionTimes instant() {
        TransitionTimes times = standard();
        for (Transition transition : Transition.values()) {
            if (!transition.isRetention()) {
                times = times.with(transition, Duration.ZERO);
            }
        }
        return times;
    }

    public TransitionTimes with(Transition transition, Duration duration) {
        requireNonNull(transition, "transition is null");
        requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the duration of " + transition.configName() + " is negative: " + duration);
        }
        Map<Transition, Duration> changed = new EnumMap<>(durations);
        changed.put(transition, duration);
        return new TransitionTimes(changed);
    }

    /**
     * The same times with one changed by its command-line name and a duration such as {@code 90s},
     * {@code 500ms}, {@code 2m}, {@code 1h} or {@code 0}.
     */
    public TransitionTimes with(String name, String duration) {
        Transition transition = Transition.byConfigName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown transition '" + name + "'; known: " + String.join(", ",
                        Arrays.stream(Transition.values()).map(Transition::configName).toList())));
        return with(transition, parseDuration(name, duration));
    }

    private static Duration parseDuration(String name, String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches() || (matcher.group(2) == null && !matcher.group(1).equals("0"))) {
            throw new IllegalArgumentException("the duration of " + name + " is not a number with a unit (ms, s, m, h): '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    public Duration of(Transition transition) {
        return durations.get(requireNonNull(transition, "transition is null"));
    }

    /** The instant a transition that begins at {@code start} ends. */
    public Instant end(Transition transition, Instant start) {
        return start.plus(of(transition));
    }

    public Map<Transition, Duration> asMap() {
        return durations;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransitionTimes times && times.durations.equals(durations);
    }

    @Override
    public int hashCode() {
        return durations.hashCode();
    }

    @Override
    public String toString() {
        return durations.toString();
    }
}
