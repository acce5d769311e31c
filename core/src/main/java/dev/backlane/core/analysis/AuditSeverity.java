package dev.backlane.core.analysis;

import java.util.Locale;

/**
 * How much an audit finding matters to a platform team, most serious first: an {@code ERROR} breaks or
 * denies traffic that should flow, a {@code WARNING} risks an outage or crosses zones, {@code INFO} is
 * cost advice. {@code backlane audit --fail-on} fails a pipeline at a chosen level.
 */
public enum AuditSeverity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name used in JSON, text output and {@code --fail-on}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is at least as serious as {@code threshold}. */
    public boolean atLeast(AuditSeverity threshold) {
        return compareTo(threshold) <= 0;
    }
}
