package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SloTargets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The SRE workbook's multiwindow, multi-burn-rate condition: the error budget burns at least {@code factor} times
 * the rate that would spend it exactly over the SLO's period, over the long window (the alert is significant) and over
 * the short one (it is still happening, so it resets soon after the failure ends). A burn rate is the error ratio over
 * the budget: 14.4 over an hour spends 2% of a 30-day budget.
 */
public record BurnRateCondition(double factor, Duration longWindow, Duration shortWindow) implements AlertCondition {
    public BurnRateCondition {
        requireNonNull(longWindow, "longWindow is null");
        requireNonNull(shortWindow, "shortWindow is null");
    }

    /** The burn rate of an error ratio against a budget: infinite when the budget is 0 and anything failed. */
    public static double burnRate(double errorRatio, double budget) {
        if (budget <= 0) {
            return errorRatio > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return errorRatio / budget;
    }

    @Override
    public Reading read(AlertIndicator indicator, WindowCounts counts, SliKey key, SloTargets slo, long timeScale) {
        OptionalDouble budget = indicator.errorBudget(slo);
        if (budget.isEmpty()) {
            return Reading.not(indicator.name() + " has no SLO");
        }
        OptionalDouble longRatio = counts.over(key, longWindow).map(indicator::errorRatio).orElse(OptionalDouble.empty());
        OptionalDouble shortRatio = counts.over(key, shortWindow).map(indicator::errorRatio).orElse(OptionalDouble.empty());
        if (longRatio.isEmpty() || shortRatio.isEmpty()) {
            return Reading.not("no events in the " + (longRatio.isEmpty() ? label(longWindow, timeScale) : label(shortWindow, timeScale)) + " window");
        }
        double longBurn = burnRate(longRatio.getAsDouble(), budget.getAsDouble());
        double shortBurn = burnRate(shortRatio.getAsDouble(), budget.getAsDouble());
        String description = String.format(Locale.ROOT, "%s error budget (%s) burning %.1fx over %s and %.1fx over %s (threshold %sx)",
                indicator.name(), number(budget.getAsDouble()), longBurn, label(longWindow, timeScale), shortBurn, label(shortWindow, timeScale),
                number(factor));
        // Strictly over, as the Prometheus rules that mirror these write it (rate > factor * budget).
        return new Reading(longBurn > factor && shortBurn > factor, description);
    }

    @Override
    public BurnRateCondition scaled(long timeScale) {
        return new BurnRateCondition(factor, longWindow.dividedBy(timeScale), shortWindow.dividedBy(timeScale));
    }

    /** A scaled window under the name of the window it stands for ("1h", not "30s"). */
    static String label(Duration window, long timeScale) {
        return AlertDurations.format(window.multipliedBy(timeScale));
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(Math.round(value * 1e6) / 1e6);
    }
}
