package dev.backlane.core.sli;

import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.Samples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLIs as CloudWatch metric data in Backlane's own namespace, {@code Backlane/SLI}: one datum per indicator with a
 * value, named for it ({@code M1} … {@code M10}), with one dimension naming the key ({@code Endpoint}, {@code Service},
 * {@code Zone}, {@code Workload}, {@code VPC} or {@code Sink}; none for the whole), in CloudWatch's unit for it.
 * At most {@code maxKeys} keys are published (the whole first, then in key order), so the SLIs cannot crowd users'
 * own metrics out of the account's bounded store.
 */
public final class SliMetricData {
    public static final String NAMESPACE = "Backlane/SLI";

    private SliMetricData() {}

    public static List<MetricDatum> of(List<SliReport> reports, Instant timestamp, int maxKeys) {
        List<SliReport> sorted = new ArrayList<>(reports);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        List<MetricDatum> data = new ArrayList<>();
        for (SliReport report : sorted.subList(0, Math.min(maxKeys, sorted.size()))) {
            List<Dimension> dimensions = report.key().kind() == SliKey.Kind.ALL ? List.of() : List.of(new Dimension(dimension(report.key().kind()),
                    report.key().id()));
            for (Indicator indicator : report.indicators()) {
                if (indicator.value().isPresent()) {
                    data.add(new MetricDatum(new MetricKey(NAMESPACE, indicator.id(), dimensions), timestamp, unit(indicator.unit()), 60,
                            Samples.of(indicator.value().getAsDouble(), 1)));
                }
            }
        }
        return data;
    }

    private static String dimension(SliKey.Kind kind) {
        return switch (kind) {
            case ALL -> throw new IllegalArgumentException("the whole has no dimension");
            case ENDPOINT -> "Endpoint";
            case SERVICE -> "Service";
            case ZONE -> "Zone";
            case WORKLOAD -> "Workload";
            case VPC -> "VPC";
            case SINK -> "Sink";
        };
    }

    /** CloudWatch's standard unit for the indicator's; ratios and USD per GB have none. */
    private static String unit(String unit) {
        return switch (unit) {
            case "bytes" -> "Bytes";
            case "milliseconds" -> "Milliseconds";
            case "seconds" -> "Seconds";
            default -> "None";
        };
    }
}
