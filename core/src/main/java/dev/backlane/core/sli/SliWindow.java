package dev.backlane.core.sli;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The windows SLIs are read over: the alerting windows of 5 minutes and 1 hour, and the SLO's 30 days. */
public enum SliWindow {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)), ONE_HOUR("1h", Duration.ofHours(1)), SIX_HOURS("6h", Duration.ofHours(6)),
    ONE_DAY("1d", Duration.ofDays(1)), THIRTY_DAYS("30d", Duration.ofDays(30));

    private final String label;
    private final Duration length;

    SliWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** The window named {@code 5m}, {@code 1h}, {@code 6h}, {@code 1d} or {@code 30d}; an IllegalArgumentException naming them otherwise. */
    public static SliWindow parse(String text) {
        for (SliWindow window : values()) {
            if (window.label.equals(text)) {
                return window;
            }
        }
        throw new IllegalArgumentException("window must be one of " + Arrays.stream(values()).map(SliWindow::label).collect(Collectors.joining(", "))
                + ", not " + text);
    }
}
