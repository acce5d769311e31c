package dev.backlane.core.sli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The SLO of each SLI: the VPC endpoints guide's starting targets ({@code data/slos.json}) unless a file of the same
 * shape overrides some of them. A target left null has no SLO (M5's byte budget and M10's cost per GB by default).
 */
public record SloTargets(OptionalDouble availability, OptionalDouble privateResolveRate, OptionalDouble successRate,
        OptionalDouble latencyP95OverBaselineMillis, OptionalDouble bytesPerMonth, OptionalDouble clientErrorRate, OptionalDouble provisioningSeconds,
        OptionalDouble rejectRate, OptionalDouble telemetryIngestionRate, OptionalDouble costPerGb) {
    private static final String RESOURCE = "/dev/backlane/core/data/slos.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The member of an SLO file that holds its alerting settings. */
    public static final String ALERTS = "alerts";
    private static final java.util.List<String> FIELDS = java.util.List.of("availability", "privateResolveRate", "successRate",
            "latencyP95OverBaselineMillis", "bytesPerMonth", "clientErrorRate", "provisioningSeconds", "rejectRate", "telemetryIngestionRate",
            "costPerGb");

    /** The guide's starting targets, read once. */
    public static SloTargets standard() {
        return Standard.TARGETS;
    }

    private static final class Standard {
        static final SloTargets TARGETS = load();

        private static SloTargets load() {
            try (InputStream in = SloTargets.class.getResourceAsStream(RESOURCE)) {
                return of(JSON.readTree(Objects.requireNonNull(in, RESOURCE + " is missing")), Optional.empty());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** These targets with the fields a user's document gives replaced; an unknown field or a bad value is an IllegalArgumentException. */
    public SloTargets overriddenBy(JsonNode document) {
        return of(document, Optional.of(this));
    }

    private static SloTargets of(JsonNode document, Optional<SloTargets> base) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("an SLO file is a JSON object of " + String.join(", ", FIELDS));
        }
        for (Iterator<String> names = document.fieldNames(); names.hasNext();) {
            String name = names.next();
            // An SLO file's alerting rules and webhooks are read by AlertSettings.
            if (!FIELDS.contains(name) && !name.equals(ALERTS)) {
                throw new IllegalArgumentException("unknown SLO " + name + "; the SLOs are " + String.join(", ", FIELDS) + " (and " + ALERTS + ")");
            }
        }
        OptionalDouble[] values = new OptionalDouble[FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            String name = FIELDS.get(i);
            JsonNode value = document.get(name);
            if (value == null) {
                values[i] = base.map(targets -> targets.get(name)).orElse(OptionalDouble.empty());
            } else if (value.isNull()) {
                values[i] = OptionalDouble.empty();
            } else if (!value.isNumber() || value.asDouble() < 0 || (name.endsWith("Rate") || name.equals("availability")) && value.asDouble() > 1) {
                throw new IllegalArgumentException(name + " must be a number of at least 0" + (name.endsWith("Rate") || name.equals("availability")
                        ? " and at most 1" : "") + ", or null for no SLO");
            } else {
                values[i] = OptionalDouble.of(value.asDouble());
            }
        }
        return new SloTargets(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9]);
    }

    private OptionalDouble get(String name) {
        return switch (name) {
            case "availability" -> availability;
            case "privateResolveRate" -> privateResolveRate;
            case "successRate" -> successRate;
            case "latencyP95OverBaselineMillis" -> latencyP95OverBaselineMillis;
            case "bytesPerMonth" -> bytesPerMonth;
            case "clientErrorRate" -> clientErrorRate;
            case "provisioningSeconds" -> provisioningSeconds;
            case "rejectRate" -> rejectRate;
            case "telemetryIngestionRate" -> telemetryIngestionRate;
            default -> costPerGb;
        };
    }
}
