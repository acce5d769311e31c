package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The alerting part of an SLO file (its {@code "alerts"} member): the rules (by default the SRE workbook's burn rates
 * and the guide's baseline rule, {@code data/alert-rules.json}), how often they are evaluated, and the webhooks that
 * get Alertmanager's notifications. A bad definition is an IllegalArgumentException naming its field
 * ({@code alerts.rules[2].shortWindow ...}), so nothing of a bad file is used.
 */
public record AlertSettings(List<AlertRule> rules, Duration evaluationInterval, List<URI> webhooks) {
    private static final String RESOURCE = "/dev/backlane/core/data/alert-rules.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("rules", "evaluationInterval", "webhooks");
    private static final Set<String> RULE_FIELDS = Set.of("alert", "indicator", "severity", "burnRate", "longWindow", "shortWindow", "overBaseline",
            "window", "baseline", "for", "keepFiringFor");

    public AlertSettings {
        rules = List.copyOf(rules);
        requireNonNull(evaluationInterval, "evaluationInterval is null");
        webhooks = List.copyOf(webhooks);
    }

    /** The shipped rules, evaluated every 30 seconds, with no webhook. */
    public static AlertSettings standard() {
        return Standard.SETTINGS;
    }

    private static final class Standard {
        static final AlertSettings SETTINGS = load();

        private static AlertSettings load() {
            try (InputStream in = AlertSettings.class.getResourceAsStream(RESOURCE)) {
                JsonNode document = JSON.readTree(Objects.requireNonNull(in, RESOURCE + " is missing"));
                return parse(document, new AlertSettings(List.of(), Duration.ofSeconds(30), List.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** These settings with what an SLO file's {@code "alerts"} member gives replaced (its rules replace all of these rules). */
    public AlertSettings overriddenBy(JsonNode alerts) {
        return parse(alerts, this);
    }

    /** The same settings with more webhooks ({@code --alert-webhook}). */
    public AlertSettings withWebhooks(List<URI> more) {
        List<URI> all = new ArrayList<>(webhooks);
        more.stream().filter(uri -> !all.contains(uri)).forEach(all::add);
        return new AlertSettings(rules, evaluationInterval, all);
    }

    private static AlertSettings parse(JsonNode alerts, AlertSettings base) {
        if (alerts == null || !alerts.isObject()) {
            throw new IllegalArgumentException("alerts must be an object of " + String.join(", ", sorted(FIELDS)));
        }
        unknownFields(alerts, FIELDS, "alerts");
        List<AlertRule> rules = base.rules;
        if (alerts.has("rules")) {
            JsonNode list = alerts.get("rules");
            if (!list.isArray()) {
                throw new IllegalArgumentException("alerts.rules must be an array of rules");
            }
            rules = new ArrayList<>();
            Map<String, AlertIndicator> indicators = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String field = "alerts.rules[" + i + "]";
                AlertRule rule = rule(list.get(i), field);
                AlertIndicator earlier = indicators.putIfAbsent(rule.alert(), rule.indicator());
                if (earlier != null && earlier != rule.indicator()) {
                    throw new IllegalArgumentException(field + ".indicator must be " + earlier + " as in the other rules of the alert " + rule.alert()
                            + ": one alert reads one SLI");
                }
                rules.add(rule);
            }
        }
        Duration interval = alerts.has("evaluationInterval") ? positive(alerts.get("evaluationInterval"), "alerts.evaluationInterval")
                : base.evaluationInterval;
        List<URI> webhooks = base.webhooks;
        if (alerts.has("webhooks")) {
            JsonNode list = alerts.get("webhooks");
            if (!list.isArray()) {
                throw new IllegalArgumentException("alerts.webhooks must be an array of http or https URLs");
            }
            webhooks = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                webhooks.add(webhook(text(list.get(i), "alerts.webhooks[" + i + "]"), "alerts.webhooks[" + i + "]"));
            }
        }
        return new AlertSettings(rules, interval, webhooks);
    }

    /** A webhook's URL: absolute, http or https, with a host; an IllegalArgumentException naming {@code field} otherwise. */
    public static URI webhook(String text, String field) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(field + " must be an http or https URL with a host, not " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a URL: " + e.getMessage(), e);
        }
    }

    private static AlertRule rule(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object of " + String.join(", ", sorted(RULE_FIELDS)));
        }
        unknownFields(node, RULE_FIELDS, field);
        String alert = text(node.get("alert"), field + ".alert");
        if (!alert.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException(field + ".alert must be a Prometheus alert name (letters, digits and _, not first a digit), not " + alert);
        }
        AlertIndicator indicator = AlertIndicator.parse(text(node.get("indicator"), field + ".indicator"), field + ".indicator");
        AlertSeverity severity = AlertSeverity.parse(text(node.get("severity"), field + ".severity"), field + ".severity");
        boolean burn = node.has("burnRate");
        if (burn == node.has("overBaseline")) {
            throw new IllegalArgumentException(field + " must have either burnRate (with longWindow and shortWindow) or overBaseline (with window), "
                    + "not " + (burn ? "both" : "neither"));
        }
        AlertCondition condition;
        if (burn) {
            if (!indicator.hasErrorBudget()) {
                throw new IllegalArgumentException(field + ".burnRate: " + indicator + " has no error budget; use overBaseline");
            }
            absent(node, field, "window", "baseline");
            double factor = factor(node.get("burnRate"), field + ".burnRate");
            Duration longWindow = positive(node.get("longWindow"), field + ".longWindow");
            Duration shortWindow = positive(node.get("shortWindow"), field + ".shortWindow");
            if (shortWindow.compareTo(longWindow) >= 0) {
                throw new IllegalArgumentException(field + ".shortWindow must be shorter than longWindow (" + AlertDurations.format(longWindow) + ")");
            }
            condition = new BurnRateCondition(factor, longWindow, shortWindow);
        } else {
            if (indicator.hasErrorBudget()) {
                throw new IllegalArgumentException(field + ".overBaseline: " + indicator + " has an error budget; use burnRate");
            }
            absent(node, field, "longWindow", "shortWindow");
            double factor = factor(node.get("overBaseline"), field + ".overBaseline");
            Duration window = positive(node.get("window"), field + ".window");
            Duration baseline = node.has("baseline") ? positive(node.get("baseline"), field + ".baseline") : Duration.ofDays(1);
            if (baseline.compareTo(window) <= 0) {
                throw new IllegalArgumentException(field + ".baseline must be longer than window (" + AlertDurations.format(window) + ")");
            }
            condition = new BaselineCondition(factor, window, baseline);
        }
        Duration forDuration = node.has("for") ? duration(node.get("for"), field + ".for") : Duration.ZERO;
        Duration keepFiringFor = node.has("keepFiringFor") ? duration(node.get("keepFiringFor"), field + ".keepFiringFor") : Duration.ZERO;
        return new AlertRule(alert, indicator, severity, condition, forDuration, keepFiringFor);
    }

    private static void absent(JsonNode node, String field, String... names) {
        for (String name : names) {
            if (node.has(name)) {
                throw new IllegalArgumentException(field + "." + name + " belongs to the other kind of rule");
            }
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String field) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field " + field + "." + name + "; the fields are " + String.join(", ", sorted(known)));
            }
        }
    }

    private static String text(JsonNode value, String field) {
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static double factor(JsonNode value, String field) {
        if (value == null || !value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
            throw new IllegalArgumentException(field + " must be a number above 0");
        }
        return value.asDouble();
    }

    private static Duration duration(JsonNode value, String field) {
        return AlertDurations.parse(text(value, field), field);
    }

    private static Duration positive(JsonNode value, String field) {
        Duration duration = duration(value, field);
        if (duration.isZero()) {
            throw new IllegalArgumentException(field + " must be longer than 0");
        }
        return duration;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
