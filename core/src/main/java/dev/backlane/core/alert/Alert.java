package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert as it stands: its name and severity, the SLI it reads, its labels (alertname, severity, indicator and the
 * subject's: endpoint, region, service...) and annotations (summary, description), its state, since when its
 * condition has held ({@code activeAt}), when it fired and when it resolved.
 */
public record Alert(String alert, AlertSeverity severity, AlertIndicator indicator, Map<String, String> labels, Map<String, String> annotations,
        AlertState state, Instant activeAt, Optional<Instant> firedAt, Optional<Instant> resolvedAt) {
    public Alert {
        requireNonNull(alert, "alert is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(indicator, "indicator is null");
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        requireNonNull(state, "state is null");
        requireNonNull(activeAt, "activeAt is null");
        requireNonNull(firedAt, "firedAt is null");
        requireNonNull(resolvedAt, "resolvedAt is null");
    }

    /** The time of its current state: when it became pending, fired or resolved. */
    public Instant since() {
        return switch (state) {
            case PENDING -> activeAt;
            case FIRING -> firedAt.orElse(activeAt);
            case RESOLVED -> resolvedAt.orElse(activeAt);
        };
    }
}
