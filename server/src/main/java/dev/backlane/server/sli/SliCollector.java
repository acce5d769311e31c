package dev.backlane.server.sli;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.sli.Indicator;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SliReport;
import dev.backlane.core.sli.SliWindow;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The SLIs M1–M10 as Prometheus series, read from the {@link Slis} at each scrape over the alerting windows (5m and
 * 1h): {@code backlane_sli} (the value, in its {@code unit}) and {@code backlane_sli_objective_met} (1 or 0, where the
 * indicator has a value and an SLO), labelled with the {@code indicator}, the {@code window} and the key the SLI is
 * for — one of {@code endpoint}, {@code service}, {@code zone}, {@code workload}, {@code vpc}, {@code sink} (none for
 * the whole). An indicator without a value in the window (nothing measured) has no series, as Prometheus expects of
 * an absent measurement. The keys are those the SLI book keeps (at most 20,000), so the series are bounded too.
 */
public final class SliCollector implements MultiCollector {
    static final List<SliWindow> WINDOWS = List.of(SliWindow.FIVE_MINUTES, SliWindow.ONE_HOUR);
    private static final String[] KEY_LABELS = {"endpoint", "service", "zone", "workload", "vpc", "sink"};

    private final Function<SliWindow, List<SliReport>> reports;

    public SliCollector(Function<SliWindow, List<SliReport>> reports) {
        this.reports = requireNonNull(reports, "reports is null");
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder values = GaugeSnapshot.builder().name("backlane_sli")
                .help("The SLIs M1-M10 over the window, per endpoint, service, zone, workload, VPC and telemetry sink (unit in the unit label)");
        GaugeSnapshot.Builder met = GaugeSnapshot.builder().name("backlane_sli_objective_met")
                .help("1 where the SLI meets its SLO over the window, 0 where it breaches it");
        for (SliWindow window : WINDOWS) {
            for (SliReport report : reports.apply(window)) {
                for (Indicator indicator : report.indicators()) {
                    if (indicator.value().isEmpty()) {
                        continue;
                    }
                    Labels labels = labels(report.key(), indicator, window);
                    values.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(indicator.value().getAsDouble())
                            .labels(labels.add("unit", unit(indicator.unit()))).build());
                    indicator.met().ifPresent(isMet -> met.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(isMet ? 1 : 0)
                            .labels(labels).build()));
                }
            }
        }
        return MetricSnapshots.of(values.build(), met.build());
    }

    private static Labels labels(SliKey key, Indicator indicator, SliWindow window) {
        Labels labels = Labels.of("indicator", indicator.id(), "window", window.label());
        String keyLabel = switch (key.kind()) {
            case ALL -> null;
            case ENDPOINT -> KEY_LABELS[0];
            case SERVICE -> KEY_LABELS[1];
            case ZONE -> KEY_LABELS[2];
            case WORKLOAD -> KEY_LABELS[3];
            case VPC -> KEY_LABELS[4];
            case SINK -> KEY_LABELS[5];
        };
        return keyLabel == null ? labels : labels.add(keyLabel, key.id());
    }

    /** The unit as a label value: {@code USD per GB} becomes {@code usd_per_gb}. */
    static String unit(String unit) {
        return unit.toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
