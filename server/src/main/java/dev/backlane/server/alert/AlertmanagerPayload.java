package dev.backlane.server.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.alert.Alert;
import dev.backlane.core.alert.AlertNotification;
import dev.backlane.core.alert.AlertState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A notification in Alertmanager's webhook format (version 4), so that receivers written for Alertmanager take
 * Backlane's as they are: {@code version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels,
 * commonAnnotations, externalURL, alerts[{status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint}]}.
 * The receiver is the route of the alert's severity ({@code page} or {@code ticket}), and the group key is the one
 * Alertmanager writes for such a route grouped by region and service.
 */
public final class AlertmanagerPayload {
    /** Alertmanager's "zero" time for an alert that has not ended. */
    static final String NOT_ENDED = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 255;

    private AlertmanagerPayload() {}

    public static ObjectNode of(AlertNotification notification, URI externalUrl) {
        String receiver = notification.severity().label();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "4");
        root.put("groupKey", groupKey(receiver, notification.groupLabels()));
        root.put("truncatedAlerts", 0);
        root.put("status", notification.status().label());
        root.put("receiver", receiver);
        labels(root.putObject("groupLabels"), notification.groupLabels());
        labels(root.putObject("commonLabels"), common(notification, true));
        labels(root.putObject("commonAnnotations"), common(notification, false));
        root.put("externalURL", externalUrl.toString());
        ArrayNode alerts = root.putArray("alerts");
        for (Alert alert : notification.alerts()) {
            ObjectNode one = alerts.addObject();
            one.put("status", alert.state() == AlertState.RESOLVED ? "resolved" : "firing");
            labels(one.putObject("labels"), alert.labels());
            labels(one.putObject("annotations"), alert.annotations());
            one.put("startsAt", alert.firedAt().orElse(alert.activeAt()).toString());
            one.put("endsAt", alert.resolvedAt().map(Object::toString).orElse(NOT_ENDED));
            one.put("generatorURL", generatorUrl(externalUrl, alert));
            one.put("fingerprint", fingerprint(alert.labels()));
        }
        return root;
    }

    /** Where the alert comes from: the SLIs of its endpoint over an hour. */
    static String generatorUrl(URI externalUrl, Alert alert) {
        String endpoint = alert.labels().get("endpoint");
        return externalUrl.resolve("/_backlane/sli").toString() + (endpoint == null ? "" : "?window=1h&endpoint=" + endpoint);
    }

    /** Alertmanager's group key for a route matching {@code severity} and grouped by the group labels: {@code {}/{severity="page"}:{region="...", service="..."}}. */
    static String groupKey(String severity, Map<String, String> groupLabels) {
        return "{}/{severity=\"" + severity + "\"}:{" + new TreeMap<>(groupLabels).entrySet().stream()
                .map(entry -> entry.getKey() + "=\"" + entry.getValue() + "\"").collect(Collectors.joining(", ")) + "}";
    }

    /**
     * Prometheus's label-set fingerprint (model.LabelSet.Fingerprint): FNV-1a 64 over the labels sorted by name, each
     * name and value followed by the byte 255, in 16 hex digits.
     */
    public static String fingerprint(Map<String, String> labels) {
        long hash = FNV_OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey());
            hash = add(hash, label.getValue());
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        hash ^= SEPARATOR;
        hash *= FNV_PRIME;
        return hash;
    }

    /** The labels (or annotations) every alert of the notification has with the same value. */
    private static Map<String, String> common(AlertNotification notification, boolean labels) {
        Map<String, String> common = null;
        for (Alert alert : notification.alerts()) {
            Map<String, String> these = labels ? alert.labels() : alert.annotations();
            if (common == null) {
                common = new HashMap<>(these);
            } else {
                common.entrySet().removeIf(entry -> !entry.getValue().equals(these.get(entry.getKey())));
            }
        }
        return common == null ? Map.of() : common;
    }

    private static void labels(ObjectNode into, Map<String, String> labels) {
        new TreeMap<>(labels).forEach(into::put);
    }
}
