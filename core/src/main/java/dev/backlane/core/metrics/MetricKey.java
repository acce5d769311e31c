package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What makes a metric one metric in CloudWatch: its namespace, name and exact set of dimensions. The
 * dimensions are kept sorted by name, so the same set given in another order is the same metric, as it is
 * on AWS.
 */
public record MetricKey(String namespace, String metricName, List<Dimension> dimensions) implements Comparable<MetricKey> {
    public MetricKey {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(metricName, "metricName is null");
        dimensions = requireNonNull(dimensions, "dimensions is null").stream().sorted().toList();
    }

    /** A dimension a ListMetrics filter asks for: the name, and the value unless any value will do. */
    public record DimensionFilter(String name, Optional<String> value) {
        public DimensionFilter {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    /** Whether the metric has every dimension of the filters (with its value, where one is given). */
    public boolean matches(List<DimensionFilter> filters) {
        for (DimensionFilter filter : filters) {
            boolean found = dimensions.stream()
                    .anyMatch(dimension -> dimension.name().equals(filter.name()) && filter.value().map(dimension.value()::equals).orElse(true));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(MetricKey other) {
        int result = namespace.compareTo(other.namespace);
        if (result == 0) {
            result = metricName.compareTo(other.metricName);
        }
        for (int i = 0; result == 0 && i < Math.min(dimensions.size(), other.dimensions.size()); i++) {
            result = dimensions.get(i).compareTo(other.dimensions.get(i));
        }
        return result != 0 ? result : Integer.compare(dimensions.size(), other.dimensions.size());
    }
}
