package dev.backlane.server.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.alert.Alert;
import dev.backlane.core.alert.AlertDurations;
import dev.backlane.core.alert.AlertRule;
import dev.backlane.core.alert.AlertState;
import dev.backlane.core.alert.BaselineCondition;
import dev.backlane.core.alert.BurnRateCondition;
import java.time.Instant;
import java.util.List;

/**
 * {@code /_backlane/alerts} as JSON: the rules (in the SLO file's shape), the alerts pending or firing with their state,
 * since when, labels and annotations, the last resolved ones, and what the webhooks did with the notifications.
 */
final class AlertsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertsJson() {}

    static ObjectNode answer(Alerts alerts, Instant now) {
        ObjectNode root = JSON.createObjectNode().put("at", now.toString());
        root.put("evaluationInterval", AlertDurations.format(alerts.config().settings().evaluationInterval()));
        root.put("timeScale", alerts.config().timeScale());
        Instant last = alerts.lastEvaluation();
        if (last == null) {
            root.putNull("lastEvaluation");
        } else {
            root.put("lastEvaluation", last.toString());
        }
        root.put("evaluations", alerts.evaluations());
        ArrayNode rules = root.putArray("rules");
        alerts.engine().rules().forEach(rule -> rules.add(rule(rule)));
        List<Alert> active = alerts.engine().active();
        root.put("firing", active.stream().filter(alert -> alert.state() == AlertState.FIRING).count());
        root.put("pending", active.stream().filter(alert -> alert.state() == AlertState.PENDING).count());
        ArrayNode list = root.putArray("alerts");
        active.forEach(alert -> list.add(alert(alert)));
        ArrayNode resolved = root.putArray("resolved");
        alerts.engine().recentlyResolved().forEach(alert -> resolved.add(alert(alert)));
        ObjectNode delivery = root.putObject("delivery");
        delivery.put("notifications", alerts.notifications());
        if (alerts.externalUrl() == null) {
            delivery.putNull("externalURL");
        } else {
            delivery.put("externalURL", alerts.externalUrl().toString());
        }
        ArrayNode webhooks = delivery.putArray("webhooks");
        for (WebhookDelivery.Stats stats : alerts.deliveries()) {
            ObjectNode one = webhooks.addObject().put("url", stats.url().toString()).put("queued", stats.queued()).put("waiting", stats.waiting())
                    .put("delivered", stats.delivered()).put("failedAttempts", stats.failedAttempts()).put("dropped", stats.dropped())
                    .put("abandoned", stats.abandoned());
            if (stats.lastError() == null) {
                one.putNull("lastError");
            } else {
                one.put("lastError", stats.lastError());
            }
        }
        return root;
    }

    /** A rule as an SLO file writes it. */
    static ObjectNode rule(AlertRule rule) {
        ObjectNode node = JSON.createObjectNode().put("alert", rule.alert()).put("indicator", rule.indicator().name())
                .put("severity", rule.severity().label());
        if (rule.condition() instanceof BurnRateCondition burn) {
            node.put("burnRate", burn.factor()).put("longWindow", AlertDurations.format(burn.longWindow()))
                    .put("shortWindow", AlertDurations.format(burn.shortWindow()));
        } else if (rule.condition() instanceof BaselineCondition baseline) {
            node.put("overBaseline", baseline.factor()).put("window", AlertDurations.format(baseline.window()))
                    .put("baseline", AlertDurations.format(baseline.baseline()));
        }
        return node.put("for", AlertDurations.format(rule.forDuration())).put("keepFiringFor", AlertDurations.format(rule.keepFiringFor()));
    }

    static ObjectNode alert(Alert alert) {
        ObjectNode node = JSON.createObjectNode().put("alert", alert.alert()).put("state", alert.state().label())
                .put("severity", alert.severity().label()).put("indicator", alert.indicator().name()).put("since", alert.since().toString())
                .put("activeAt", alert.activeAt().toString());
        alert.firedAt().ifPresentOrElse(at -> node.put("firedAt", at.toString()), () -> node.putNull("firedAt"));
        alert.resolvedAt().ifPresentOrElse(at -> node.put("resolvedAt", at.toString()), () -> node.putNull("resolvedAt"));
        ObjectNode labels = node.putObject("labels");
        alert.labels().forEach(labels::put);
        ObjectNode annotations = node.putObject("annotations");
        alert.annotations().forEach(annotations::put);
        node.put("fingerprint", AlertmanagerPayload.fingerprint(alert.labels()));
        return node;
    }
}
