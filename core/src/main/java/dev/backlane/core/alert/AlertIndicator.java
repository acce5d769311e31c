package dev.backlane.core.alert;

import dev.backlane.core.sli.SliCounters;
import dev.backlane.core.sli.SloTargets;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The SLIs an endpoint's alerts read. M1, M3, M6 and M8 have an error budget (what the SLO leaves: 1 - 0.999 of
 * success, or the 0.01 of client errors allowed), which burn-rate rules watch; M4 (latency p95) and M5 (bytes, whose
 * price is the endpoint's data-processing cost) have a baseline instead, which the guide's "2x baseline" rule watches.
 */
public enum AlertIndicator {
    M1("endpoint availability"), M3("request success rate"), M4("latency p95"), M5("bytes (data-processing cost)"), M6("client error rate"),
    M8("flow-log reject rate");

    private final String title;

    AlertIndicator(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Whether the SLO leaves an error budget that burn-rate rules can watch (otherwise only a baseline rule can). */
    public boolean hasErrorBudget() {
        return switch (this) {
            case M1, M3, M6, M8 -> true;
            case M4, M5 -> false;
        };
    }

    /** The share of events the SLO allows to be bad; empty when the SLO is switched off (null) or the SLI has no budget. */
    public OptionalDouble errorBudget(SloTargets slo) {
        return switch (this) {
            case M1 -> complement(slo.availability());
            case M3 -> complement(slo.successRate());
            case M6 -> slo.clientErrorRate();
            case M8 -> slo.rejectRate();
            case M4, M5 -> OptionalDouble.empty();
        };
    }

    /** The bad events over all of them in these counts; empty when there were none. */
    public OptionalDouble errorRatio(SliCounters counts) {
        return switch (this) {
            case M1 -> ratio(counts.probeFailures(), counts.probes());
            case M3 -> ratio(counts.requests() - counts.successes(), counts.requests());
            case M6 -> ratio(counts.clientErrors(), counts.requests());
            case M8 -> ratio(counts.rejects(), counts.flows());
            case M4, M5 -> OptionalDouble.empty();
        };
    }

    /**
     * The level a baseline rule compares: M4's p95 in milliseconds, M5's bytes per second over {@code window} (so an
     * hour and a day compare); empty without requests.
     */
    public OptionalDouble level(SliCounters counts, Duration window) {
        return switch (this) {
            case M4 -> counts.latencies().count() == 0 ? OptionalDouble.empty() : OptionalDouble.of(counts.latencies().percentile(0.95) / 1e6);
            case M5 -> counts.requests() == 0 && counts.bytes() == 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(counts.bytes() / (window.toMillis() / 1000.0));
            case M1, M3, M6, M8 -> OptionalDouble.empty();
        };
    }

    static AlertIndicator parse(String text, String field) {
        for (AlertIndicator indicator : values()) {
            if (indicator.name().equals(text)) {
                return indicator;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + Arrays.stream(values()).map(AlertIndicator::name)
                .collect(Collectors.joining(", ")) + ", not " + text);
    }

    private static OptionalDouble complement(OptionalDouble target) {
        return target.isPresent() ? OptionalDouble.of(1 - target.getAsDouble()) : OptionalDouble.empty();
    }

    private static OptionalDouble ratio(long bad, long total) {
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad / total);
    }
}
