package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SloTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The guide's default ticket rule, "2x baseline for 1 hour": the level of an SLI without an error budget (latency p95,
 * bytes per second and so their cost) over {@code window} is more than {@code factor} times its level over
 * {@code baseline} (the last day), which includes the window as M4's baseline does.
 */
public record BaselineCondition(double factor, Duration window, Duration baseline) implements AlertCondition {
    public BaselineCondition {
        requireNonNull(window, "window is null");
        requireNonNull(baseline, "baseline is null");
    }

    @Override
    public Reading read(AlertIndicator indicator, SliBook book, SliKey key, Instant now, SloTargets slo, long timeScale) {
        OptionalDouble level = book.counters(key, window, now).map(counts -> indicator.level(counts, window)).orElse(OptionalDouble.empty());
        OptionalDouble base = book.counters(key, baseline, now).map(counts -> indicator.level(counts, baseline)).orElse(OptionalDouble.empty());
        if (level.isEmpty() || base.isEmpty() || base.getAsDouble() <= 0) {
            return Reading.not("no baseline for " + indicator.name());
        }
        String unit = indicator == AlertIndicator.M4 ? " ms" : " bytes/s";
        String description = String.format(Locale.ROOT, "%s at %.3f%s over %s, %.2fx its %.3f%s over %s (threshold %sx)", indicator.name(),
                level.getAsDouble(), unit, BurnRateCondition.label(window, timeScale), level.getAsDouble() / base.getAsDouble(), base.getAsDouble(), unit,
                BurnRateCondition.label(baseline, timeScale), BurnRateCondition.number(factor));
        return new Reading(level.getAsDouble() > factor * base.getAsDouble(), description);
    }

    @Override
    public BaselineCondition scaled(long timeScale) {
        return new BaselineCondition(factor, window.dividedBy(timeScale), baseline.dividedBy(timeScale));
    }
}
