package dev.backlane.core.metrics.math;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** What a metric math expression evaluates to: a number, a time series, or an array of time series. */
public sealed interface MathValue {
    /** A single number, as {@code AVG(m1)} or {@code 100} give. */
    record Scalar(double value) implements MathValue {
    }

    /**
     * A time series: its label, the period of its data points in seconds, and its values by epoch second, ascending.
     * Only finite values are kept.
     */
    record Series(String label, int period, NavigableMap<Long, Double> points) implements MathValue {
        public Series {
            requireNonNull(label, "label is null");
            points = Collections.unmodifiableNavigableMap(new TreeMap<>(points));
        }

        Series withPoints(NavigableMap<Long, Double> replaced) {
            return new Series(label, period, replaced);
        }
    }

    /** An array of time series, as {@code METRICS()} or {@code [m1, m2]} give. */
    record SeriesArray(List<Series> series) implements MathValue {
        public SeriesArray {
            series = List.copyOf(series);
        }
    }
}
