package dev.backlane.server.sli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.sli.Indicator;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SliReport;
import dev.backlane.core.sli.SliWindow;
import dev.backlane.core.sli.SloTargets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SLIs as {@code /_backlane/sli} answers them. The question, every field optional: {@code {"window": "5m"|"1h"|"6h"|"1d"|"30d"
 * (default 1h), "endpoint": "vpce-...", "kind": "all|endpoint|service|zone|workload|vpc|sink", "slos": {overrides}}}. The
 * answer: {@code {"window", "at", "reports": [{"kind", "id", "indicators": [{"id", "name", "value", "unit", "objective", "met",
 * "basis", "numerator", "denominator" (ratios only)}], "statuses": {"200": n}}], "evictedKeys"}}.
 */
public final class SliJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SliJson() {}

    public static ObjectNode answer(SliBook book, JsonNode question, Instant now, SloTargets defaults, Function<SliKey, SliReport.EndpointFacts> facts,
            List<String> knownEndpoints) {
        SliWindow window = SliWindow.parse(text(question, "window").orElse("1h"));
        SloTargets slo = question.hasNonNull("slos") ? defaults.overriddenBy(question.get("slos")) : defaults;
        Optional<String> endpoint = text(question, "endpoint");
        Optional<SliKey.Kind> kind = text(question, "kind").map(SliJson::kind);
        List<SliReport> reports = new ArrayList<>();
        if (endpoint.isPresent()) {
            if (!endpoint.get().startsWith("vpce-")) {
                throw new IllegalArgumentException("endpoint must be a VPC endpoint ID (vpce-...), not " + endpoint.get());
            }
            SliKey key = SliKey.endpoint(endpoint.get());
            if (!knownEndpoints.contains(endpoint.get()) && !book.keys().contains(key)) {
                throw new IllegalArgumentException("The vpcEndpoint ID '" + endpoint.get() + "' does not exist");
            }
            reports.add(book.reportOrEmpty(key, window, now, slo, facts));
        } else {
            List<SliKey> keys = new ArrayList<>(book.keys());
            knownEndpoints.stream().map(SliKey::endpoint).filter(key -> !keys.contains(key)).forEach(keys::add);
            keys.sort(null);
            for (SliKey key : keys) {
                if (kind.isEmpty() || kind.get() == key.kind()) {
                    reports.add(book.reportOrEmpty(key, window, now, slo, facts));
                }
            }
        }
        ObjectNode root = JSON.createObjectNode().put("window", window.label()).put("at", now.toString());
        ArrayNode items = root.putArray("reports");
        for (SliReport report : reports) {
            ObjectNode item = items.addObject().put("kind", report.key().kind().label()).put("id", report.key().id());
            ArrayNode indicators = item.putArray("indicators");
            for (Indicator indicator : report.indicators()) {
                ObjectNode one = indicators.addObject().put("id", indicator.id()).put("name", indicator.name());
                if (indicator.value().isPresent()) {
                    one.put("value", indicator.value().getAsDouble());
                } else {
                    one.putNull("value");
                }
                one.put("unit", indicator.unit());
                indicator.objective().ifPresentOrElse(objective -> one.put("objective", objective), () -> one.putNull("objective"));
                indicator.met().ifPresentOrElse(met -> one.put("met", met), () -> one.putNull("met"));
                one.put("basis", indicator.basis());
                indicator.numerator().ifPresent(count -> one.put("numerator", count));
                indicator.denominator().ifPresent(count -> one.put("denominator", count));
            }
            ObjectNode statuses = item.putObject("statuses");
            report.statuses().forEach((status, count) -> statuses.put(Integer.toString(status), count));
        }
        root.put("evictedKeys", book.evicted());
        return root;
    }

    private static Optional<String> text(JsonNode question, String field) {
        JsonNode value = question.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static SliKey.Kind kind(String label) {
        for (SliKey.Kind kind : SliKey.Kind.values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be one of all, endpoint, service, zone, workload, vpc, sink, not " + label);
    }
}
