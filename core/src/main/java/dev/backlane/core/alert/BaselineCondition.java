package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SloTargets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The guide's default ticket rule, "2x baseline for 1 hour": the level of an SLI without an error budget (latency p95,
 * bytes per second and so their cost) over {@code window} is more than {@code factor} times its level over
 * {@code baseline} (the last day), which includes the window as M4's baseline does. A key seen for less than the
 * baseline has none yet.
 */
public record BaselineCondition(double factor, Duration window, Duration baseline) implements AlertCondition {
    public BaselineCondition {
        requireNonNull(window, "window is null");
        requireNonNull(baseline, "baseline is null");
    }

    @Override
    public Reading read(AlertIndicator indicator, WindowCounts counts, SliKey key, SloTargets slo, long timeScale) {
        // A key seen for less than the baseline has none yet: a day's average over an hour's traffic would be diluted.
        if (!counts.seenFor(key, baseline)) {
            return Reading.not("no baseline for " + indicator.name() + " yet: seen for less than " + BurnRateCondition.label(baseline, timeScale));
        }
        OptionalDouble level = counts.over(key, window).map(sum -> indicator.level(sum, window)).orElse(OptionalDouble.empty());
        OptionalDouble base = counts.over(key, baseline).map(sum -> indicator.level(sum, baseline)).orElse(OptionalDouble.empty());
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
