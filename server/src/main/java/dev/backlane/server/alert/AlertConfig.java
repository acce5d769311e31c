package dev.backlane.server.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.alert.AlertSettings;
import dev.backlane.core.sli.SloTargets;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How a server's SLOs are judged and its alerts raised: the SLO targets and alerting settings (the shipped ones, or
 * those of {@code --slo-file}, plus {@code --alert-webhook}s), and the time scale ({@code --alert-time-scale}): the
 * alerting windows, {@code for} durations, evaluation interval and the SLI book's minute divided by it, so that tests
 * see an hour's burn in 30 seconds. 1 outside tests.
 */
public record AlertConfig(SloTargets slos, AlertSettings settings, long timeScale) {
    /** The largest scale: a minute of 1 ms. */
    public static final long MAX_TIME_SCALE = 60_000;

    public AlertConfig {
        requireNonNull(slos, "slos is null");
        requireNonNull(settings, "settings is null");
        if (timeScale < 1 || timeScale > MAX_TIME_SCALE || MAX_TIME_SCALE % timeScale != 0) {
            throw new IllegalArgumentException("--alert-time-scale must divide a minute into whole milliseconds (1 to 60000, a divisor of 60000), not "
                    + timeScale);
        }
    }

    public static AlertConfig standard() {
        return new AlertConfig(SloTargets.standard(), AlertSettings.standard(), 1);
    }

    /** The shipped SLOs and alerting settings with those of an SLO file's document ({@code alerts} for the latter); IllegalArgumentException names a bad field. */
    public static AlertConfig fromSloFile(JsonNode document) {
        AlertSettings settings = AlertSettings.standard();
        if (document != null && document.has(SloTargets.ALERTS)) {
            settings = settings.overriddenBy(document.get(SloTargets.ALERTS));
        }
        return new AlertConfig(SloTargets.standard().overriddenBy(document), settings, 1);
    }

    public AlertConfig withWebhooks(List<URI> webhooks) {
        return new AlertConfig(slos, settings.withWebhooks(webhooks), timeScale);
    }

    public AlertConfig withTimeScale(long scale) {
        return new AlertConfig(slos, settings, scale);
    }

    /** The SLI book's finest slot: a minute on the scaled clock. */
    public Duration sliSlot() {
        return Duration.ofMinutes(1).dividedBy(timeScale);
    }

    /** How often the rules are evaluated, on the scaled clock. */
    public Duration evaluationInterval() {
        Duration scaled = settings.evaluationInterval().dividedBy(timeScale);
        return scaled.isZero() ? Duration.ofMillis(1) : scaled;
    }
}
