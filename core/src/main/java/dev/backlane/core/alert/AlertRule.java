package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One alerting rule: the alert it raises ({@code alert}, Prometheus's alertname), the SLI it reads, how urgent it is,
 * its condition, and how long the condition must hold before the alert fires ({@code forDuration}, so a blip stays
 * pending) and keeps firing after it stops holding ({@code keepFiringFor}, so a flapping one does not resolve and
 * fire again). Rules that raise the same alert at the same severity make one alert per endpoint, not one each.
 */
public record AlertRule(String alert, AlertIndicator indicator, AlertSeverity severity, AlertCondition condition, Duration forDuration,
        Duration keepFiringFor) {
    public AlertRule {
        requireNonNull(alert, "alert is null");
        requireNonNull(indicator, "indicator is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(forDuration, "forDuration is null");
        requireNonNull(keepFiringFor, "keepFiringFor is null");
    }

    /** The same rule on a clock {@code timeScale} times faster: windows and durations divided by it. */
    public AlertRule scaled(long timeScale) {
        return new AlertRule(alert, indicator, severity, condition.scaled(timeScale), forDuration.dividedBy(timeScale), keepFiringFor.dividedBy(timeScale));
    }
}
