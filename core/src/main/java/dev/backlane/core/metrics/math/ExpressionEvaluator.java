package dev.backlane.core.metrics.math;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.metrics.math.MathExpression.Operator;
import dev.backlane.core.metrics.math.MathValue.Scalar;
import dev.backlane.core.metrics.math.MathValue.Series;
import dev.backlane.core.metrics.math.MathValue.SeriesArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;

/**
 * Evaluates a parsed metric math expression over the values of the request's other queries, with the functions
 * CloudWatch documents for GetMetricData: arithmetic, comparison and logical operators between series and scalars
 * (series meet at the timestamps both have); ABS, CEIL, FLOOR, LOG, LOG10; AVG, SUM, MIN, MAX, STDDEV and
 * DATAPOINT_COUNT (of one series: a number; of an array: a series per timestamp); RATE, DIFF, DIFF_TIME,
 * RUNNING_SUM; FILL (a value, REPEAT or LINEAR); IF; METRICS(); PERIOD; TIME_SERIES; REMOVE_EMPTY; FIRST and LAST.
 * Data points that come out NaN or infinite are dropped and remembered ({@link #droppedNonNumeric}), as CloudWatch
 * reports them in the result's messages.
 */
public final class ExpressionEvaluator {
    private static final Set<String> UNSUPPORTED = Set.of("SEARCH", "INSIGHT_RULE_METRIC", "SERVICE_QUOTA", "ANOMALY_DETECTION_BAND", "LAMBDA",
            "SORT", "SLICE", "TOP", "BOTTOM", "CONCAT", "MINUTE", "HOUR", "DAY", "DATE", "MONTH", "YEAR", "EPOCH");

    private final Map<String, MathValue> values;
    private final Map<String, Series> metrics;
    private final IntFunction<long[]> grid;
    private final int period;
    private boolean droppedNonNumeric;

    /**
     * @param values the value of each query ID already known (metrics and evaluated expressions)
     * @param metrics the metric-stat queries' series by ID, in request order, for METRICS()
     * @param grid the start of each period in the request's time range, for a period in seconds
     * @param period the expression's period: its own {@code Period}, else the longest of the request's metrics
     */
    public ExpressionEvaluator(Map<String, MathValue> values, Map<String, Series> metrics, IntFunction<long[]> grid, int period) {
        this.values = requireNonNull(values, "values is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.grid = requireNonNull(grid, "grid is null");
        this.period = period;
    }

    /** Whether a data point was dropped for being NaN or infinite (a division by zero, say). */
    public boolean droppedNonNumeric() {
        return droppedNonNumeric;
    }

    public MathValue evaluate(MathExpression expression) {
        if (expression instanceof MathExpression.Number number) {
            return new Scalar(number.value());
        }
        if (expression instanceof MathExpression.Text text) {
            throw ExpressionException.of("The string \"%s\" can only be an argument of METRICS.", text.value());
        }
        if (expression instanceof MathExpression.Reference reference) {
            return reference(reference.id());
        }
        if (expression instanceof MathExpression.Unary unary) {
            return map(evaluate(unary.operand()), value -> unary.operator().apply(0, value));
        }
        if (expression instanceof MathExpression.Binary binary) {
            return binary(binary.operator(), evaluate(binary.left()), evaluate(binary.right()));
        }
        if (expression instanceof MathExpression.Call call) {
            return call(call);
        }
        List<Series> elements = new ArrayList<>();
        for (MathExpression element : ((MathExpression.ArrayOf) expression).elements()) {
            MathValue value = evaluate(element);
            if (value instanceof Scalar scalar) {
                throw ExpressionException.of("An array can only hold time series, not the number %s.", scalar.value());
            }
            elements.addAll(seriesOf(value));
        }
        return new SeriesArray(elements);
    }

    /** A series alone, or an array's series. */
    private static List<Series> seriesOf(MathValue value) {
        return value instanceof SeriesArray array ? array.series() : List.of((Series) value);
    }

    private MathValue reference(String id) {
        MathValue value = values.get(id);
        if (value == null) {
            throw ExpressionException.of("Unrecognized identifier %s: it is not the Id of a query in this request.", id);
        }
        return value;
    }

    private MathValue binary(Operator operator, MathValue left, MathValue right) {
        if (left instanceof Scalar a && right instanceof Scalar b) {
            return new Scalar(operator.apply(a.value(), b.value()));
        }
        if (left instanceof SeriesArray a && right instanceof SeriesArray b) {
            if (a.series().size() != b.series().size()) {
                throw ExpressionException.of("The operator %s needs arrays of the same size, not %d and %d time series.", operator.symbol(),
                        a.series().size(), b.series().size());
            }
            List<Series> out = new ArrayList<>();
            for (int i = 0; i < a.series().size(); i++) {
                out.add(pair(operator, a.series().get(i), b.series().get(i)));
            }
            return new SeriesArray(out);
        }
        if (left instanceof SeriesArray a) {
            return new SeriesArray(a.series().stream().map(series -> (Series) binary(operator, series, right)).toList());
        }
        if (right instanceof SeriesArray b) {
            return new SeriesArray(b.series().stream().map(series -> (Series) binary(operator, left, series)).toList());
        }
        if (left instanceof Series a && right instanceof Scalar b) {
            return map(a, value -> operator.apply(value, b.value()));
        }
        if (left instanceof Scalar a && right instanceof Series b) {
            return map(b, value -> operator.apply(a.value(), value));
        }
        return pair(operator, (Series) left, (Series) right);
    }

    /** Two series meet at the timestamps both have values for. */
    private Series pair(Operator operator, Series left, Series right) {
        NavigableMap<Long, Double> out = new TreeMap<>();
        left.points().forEach((timestamp, value) -> {
            Double other = right.points().get(timestamp);
            if (other != null) {
                put(out, timestamp, operator.apply(value, other));
            }
        });
        return new Series(left.label(), Math.max(left.period(), right.period()), out);
    }

    private MathValue map(MathValue value, DoubleUnaryOperator function) {
        if (value instanceof Scalar scalar) {
            return new Scalar(function.applyAsDouble(scalar.value()));
        }
        return perSeries(value, series -> {
            NavigableMap<Long, Double> out = new TreeMap<>();
            series.points().forEach((timestamp, point) -> put(out, timestamp, function.applyAsDouble(point)));
            return series.withPoints(out);
        });
    }

    private void put(NavigableMap<Long, Double> points, long timestamp, double value) {
        if (Double.isFinite(value)) {
            points.put(timestamp, value);
        } else {
            droppedNonNumeric = true;
        }
    }

    private MathValue call(MathExpression.Call call) {
        String name = call.function();
        List<MathExpression> arguments = call.arguments();
        if (UNSUPPORTED.contains(name)) {
            throw new ExpressionException.Unsupported(name);
        }
        return switch (name) {
            case "ABS" -> map(one(call), Math::abs);
            case "CEIL" -> map(one(call), Math::ceil);
            case "FLOOR" -> map(one(call), Math::floor);
            case "LOG" -> map(one(call), Math::log);
            case "LOG10" -> map(one(call), Math::log10);
            case "AVG", "SUM", "MIN", "MAX", "STDDEV", "DATAPOINT_COUNT" -> aggregate(name, one(call));
            case "RATE", "DIFF", "DIFF_TIME" -> perSeries(one(call), series -> change(name, series));
            case "RUNNING_SUM" -> perSeries(one(call), this::runningSum);
            case "FILL" -> fill(call);
            case "IF" -> conditional(call);
            case "METRICS" -> metrics(call);
            case "PERIOD" -> {
                MathValue value = one(call);
                if (value instanceof Scalar || seriesOf(value).isEmpty()) {
                    throw ExpressionException.of("PERIOD takes a time series.");
                }
                yield new Scalar(seriesOf(value).get(0).period());
            }
            case "TIME_SERIES" -> {
                if (!(one(call) instanceof Scalar scalar)) {
                    throw ExpressionException.of("TIME_SERIES takes a number.");
                }
                yield constant(scalar.value(), "TIME_SERIES", period);
            }
            case "REMOVE_EMPTY" -> {
                MathValue value = one(call);
                yield value instanceof SeriesArray array
                        ? new SeriesArray(array.series().stream().filter(series -> !series.points().isEmpty()).toList()) : value;
            }
            case "FIRST", "LAST" -> {
                if (!(one(call) instanceof SeriesArray array) || array.series().isEmpty()) {
                    throw ExpressionException.of("%s takes an array of time series that is not empty.", name);
                }
                yield array.series().get(name.equals("FIRST") ? 0 : array.series().size() - 1);
            }
            default -> throw ExpressionException.of("Unrecognized function %s with %d arguments.", name, arguments.size());
        };
    }

    private MathValue one(MathExpression.Call call) {
        if (call.arguments().size() != 1) {
            throw ExpressionException.of("%s takes 1 argument, not %d.", call.function(), call.arguments().size());
        }
        return evaluate(call.arguments().get(0));
    }

    private MathValue aggregate(String name, MathValue value) {
        if (value instanceof Scalar scalar) {
            if (name.equals("DATAPOINT_COUNT")) {
                throw ExpressionException.of("DATAPOINT_COUNT takes a time series or an array of them.");
            }
            return name.equals("STDDEV") ? new Scalar(0) : scalar;
        }
        if (value instanceof Series series) {
            // Of no data points there is no average, minimum or maximum: NaN, which later drops as non-numeric.
            return series.points().isEmpty() && !name.equals("SUM") && !name.equals("DATAPOINT_COUNT")
                    ? new Scalar(Double.NaN) : new Scalar(reduce(name, series.points().values()));
        }
        List<Series> array = ((SeriesArray) value).series();
        TreeMap<Long, List<Double>> byTimestamp = new TreeMap<>();
        int longest = array.isEmpty() ? period : 0;
        for (Series series : array) {
            series.points().forEach((timestamp, point) -> byTimestamp.computeIfAbsent(timestamp, ignored -> new ArrayList<>()).add(point));
            longest = Math.max(longest, series.period());
        }
        NavigableMap<Long, Double> out = new TreeMap<>();
        byTimestamp.forEach((timestamp, points) -> put(out, timestamp, reduce(name, points)));
        return new Series(name, longest, out);
    }

    private static double reduce(String name, java.util.Collection<Double> points) {
        var statistics = points.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return switch (name) {
            case "AVG" -> statistics.getAverage();
            case "SUM" -> statistics.getSum();
            case "MIN" -> statistics.getMin();
            case "MAX" -> statistics.getMax();
            case "DATAPOINT_COUNT" -> statistics.getCount();
            case "STDDEV" -> {
                double mean = statistics.getAverage();
                // The population standard deviation: the spread of the points given, not an estimate from a sample.
                yield Math.sqrt(points.stream().mapToDouble(point -> (point - mean) * (point - mean)).sum() / statistics.getCount());
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private MathValue perSeries(MathValue value, java.util.function.UnaryOperator<Series> function) {
        if (value instanceof Scalar scalar) {
            throw ExpressionException.of("The function takes a time series or an array of them, not the number %s.", scalar.value());
        }
        return value instanceof Series series ? function.apply(series) : new SeriesArray(seriesOf(value).stream().map(function).toList());
    }

    /** RATE: the change per second from the previous data point; DIFF: the change; DIFF_TIME: the seconds between them. */
    private Series change(String name, Series series) {
        NavigableMap<Long, Double> out = new TreeMap<>();
        Map.Entry<Long, Double> previous = null;
        for (Map.Entry<Long, Double> point : series.points().entrySet()) {
            if (previous != null) {
                double seconds = point.getKey() - previous.getKey();
                double difference = point.getValue() - previous.getValue();
                put(out, point.getKey(), switch (name) {
                    case "RATE" -> difference / seconds;
                    case "DIFF" -> difference;
                    default -> seconds;
                });
            }
            previous = point;
        }
        return series.withPoints(out);
    }

    private Series runningSum(Series series) {
        NavigableMap<Long, Double> out = new TreeMap<>();
        double sum = 0;
        for (Map.Entry<Long, Double> point : series.points().entrySet()) {
            sum += point.getValue();
            put(out, point.getKey(), sum);
        }
        return series.withPoints(out);
    }

    private MathValue fill(MathExpression.Call call) {
        if (call.arguments().size() != 2) {
            throw ExpressionException.of("FILL takes 2 arguments, not %d.", call.arguments().size());
        }
        MathValue target = evaluate(call.arguments().get(0));
        MathExpression how = call.arguments().get(1);
        if (isFillKeyword(how)) {
            boolean linear = ((MathExpression.Reference) how).id().equals("LINEAR");
            return perSeries(target, series -> linear ? linear(series) : repeat(series));
        }
        MathValue filler = evaluate(how);
        if (filler instanceof SeriesArray) {
            throw ExpressionException.of("FILL's second argument is a number, a time series, REPEAT or LINEAR, not an array.");
        }
        return perSeries(target, series -> {
            NavigableMap<Long, Double> out = new TreeMap<>(series.points());
            for (long timestamp : grid.apply(series.period())) {
                if (!out.containsKey(timestamp)) {
                    Double value = filler instanceof Scalar scalar ? Double.valueOf(scalar.value()) : ((Series) filler).points().get(timestamp);
                    if (value != null) {
                        put(out, timestamp, value);
                    }
                }
            }
            return series.withPoints(out);
        });
    }

    /** Each missing period takes the last value before it; periods before the first value stay empty. */
    private Series repeat(Series series) {
        NavigableMap<Long, Double> out = new TreeMap<>(series.points());
        for (long timestamp : grid.apply(series.period())) {
            Map.Entry<Long, Double> before = series.points().floorEntry(timestamp);
            if (before != null) {
                out.putIfAbsent(timestamp, before.getValue());
            }
        }
        return series.withPoints(out);
    }

    /** Each missing period between two values lies on the line between them. */
    private Series linear(Series series) {
        NavigableMap<Long, Double> out = new TreeMap<>(series.points());
        for (long timestamp : grid.apply(series.period())) {
            Map.Entry<Long, Double> before = series.points().floorEntry(timestamp);
            Map.Entry<Long, Double> after = series.points().ceilingEntry(timestamp);
            if (before != null && after != null && !out.containsKey(timestamp)) {
                double fraction = (double) (timestamp - before.getKey()) / (after.getKey() - before.getKey());
                put(out, timestamp, before.getValue() + fraction * (after.getValue() - before.getValue()));
            }
        }
        return series.withPoints(out);
    }

    /** IF(condition, whenTrue[, whenFalse]): where the condition is not 0, whenTrue; else whenFalse, or no data point. */
    private MathValue conditional(MathExpression.Call call) {
        if (call.arguments().size() != 2 && call.arguments().size() != 3) {
            throw ExpressionException.of("IF takes 2 or 3 arguments, not %d.", call.arguments().size());
        }
        MathValue condition = evaluate(call.arguments().get(0));
        MathValue whenTrue = evaluate(call.arguments().get(1));
        MathValue whenFalse = call.arguments().size() == 3 ? evaluate(call.arguments().get(2)) : null;
        if (whenTrue instanceof SeriesArray || whenFalse instanceof SeriesArray) {
            throw ExpressionException.of("IF's values are numbers or time series, not arrays.");
        }
        if (condition instanceof Scalar scalar) {
            MathValue chosen = scalar.value() != 0 ? whenTrue : whenFalse;
            if (chosen == null) {
                return new Series("IF", period, new TreeMap<>());
            }
            return chosen;
        }
        return perSeries(condition, series -> {
            NavigableMap<Long, Double> out = new TreeMap<>();
            series.points().forEach((timestamp, value) -> {
                MathValue chosen = value != 0 ? whenTrue : whenFalse;
                Double picked = chosen instanceof Scalar scalar ? Double.valueOf(scalar.value())
                        : chosen instanceof Series source ? source.points().get(timestamp) : null;
                if (picked != null) {
                    put(out, timestamp, picked);
                }
            });
            return series.withPoints(out);
        });
    }

    /** METRICS(): every metric-stat query's series; METRICS("text"): those whose Id contains the text. */
    private MathValue metrics(MathExpression.Call call) {
        String filter = "";
        if (call.arguments().size() == 1 && call.arguments().get(0) instanceof MathExpression.Text text) {
            filter = text.value();
        } else if (!call.arguments().isEmpty()) {
            throw ExpressionException.of("METRICS takes no argument or one string.");
        }
        List<Series> chosen = new ArrayList<>();
        for (Map.Entry<String, Series> metric : metrics.entrySet()) {
            if (metric.getKey().contains(filter)) {
                chosen.add(metric.getValue());
            }
        }
        return new SeriesArray(chosen);
    }

    /** A number as a series over the request's periods. */
    public Series constant(double value, String label, int seconds) {
        NavigableMap<Long, Double> out = new TreeMap<>();
        for (long timestamp : grid.apply(seconds)) {
            put(out, timestamp, value);
        }
        return new Series(label, seconds, out);
    }

    /** The IDs an expression refers to (other than FILL's keywords), in order, to evaluate those first. */
    public static Set<String> references(MathExpression expression) {
        Set<String> ids = new TreeSet<>();
        collect(expression, ids);
        return ids;
    }

    private static void collect(MathExpression expression, Set<String> ids) {
        if (expression instanceof MathExpression.Reference reference) {
            ids.add(reference.id());
        } else if (expression instanceof MathExpression.Unary unary) {
            collect(unary.operand(), ids);
        } else if (expression instanceof MathExpression.Binary binary) {
            collect(binary.left(), ids);
            collect(binary.right(), ids);
        } else if (expression instanceof MathExpression.Call call) {
            for (int i = 0; i < call.arguments().size(); i++) {
                if (!(call.function().equals("FILL") && i == 1 && isFillKeyword(call.arguments().get(i)))) {
                    collect(call.arguments().get(i), ids);
                }
            }
        } else if (expression instanceof MathExpression.ArrayOf array) {
            array.elements().forEach(element -> collect(element, ids));
        }
    }

    private static boolean isFillKeyword(MathExpression argument) {
        return argument instanceof MathExpression.Reference reference && (reference.id().equals("REPEAT") || reference.id().equals("LINEAR"));
    }
}
