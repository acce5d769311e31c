package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one group of alerts (one severity, one region, one service) tells its receivers when something in it fired or
 * resolved: every alert of the group still firing, and those that just resolved, as Alertmanager sends a group.
 */
public record AlertNotification(AlertSeverity severity, Map<String, String> groupLabels, List<Alert> alerts) {
    public AlertNotification {
        requireNonNull(severity, "severity is null");
        groupLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(groupLabels));
        alerts = List.copyOf(alerts);
    }

    /** Firing while any of its alerts fires; resolved when all have. */
    public AlertState status() {
        return alerts.stream().anyMatch(alert -> alert.state() == AlertState.FIRING) ? AlertState.FIRING : AlertState.RESOLVED;
    }
}
