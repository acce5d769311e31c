package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import dev.backlane.core.metrics.math.ExpressionEvaluator;
import dev.backlane.core.metrics.math.ExpressionException;
import dev.backlane.core.metrics.math.ExpressionParser;
import dev.backlane.core.metrics.math.MathExpression;
import dev.backlane.core.metrics.math.MathValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers GetMetricData from a {@link MetricStore}: each metric-stat query's statistic per period, and each math
 * expression evaluated over them ({@link ExpressionEvaluator}); the series of the queries with {@code ReturnData},
 * newest first unless {@code TimestampAscending}, at most {@code MaxDatapoints} (default 100,800) in one answer, the
 * rest in the pages that follow ({@code NextToken}). Metrics Insights queries ({@code SELECT ...}) and the functions
 * that search or call out (SEARCH, INSIGHT_RULE_METRIC, SERVICE_QUOTA, ANOMALY_DETECTION_BAND, LAMBDA) are refused as
 * {@code Unsupported}.
 */
public final class MetricDataReader {
    static final int MAX_QUERIES = 500;
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    static final int MAX_EXPRESSION_LENGTH = 2_048;
    static final String ARITHMETIC_ERROR = "One or more data-points have been dropped due to non-numeric values (NaN, -Infinite, +Infinite)";
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    private final MetricStore store;

    public MetricDataReader(MetricStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** The results and the token of the next page, if any. */
    public record Page(List<MetricDataResult> results, Optional<String> nextToken) {
        public Page {
            results = List.copyOf(results);
            requireNonNull(nextToken, "nextToken is null");
        }
    }

    /** One series to answer with, ascending, before ordering and paging. */
    private record Answer(String id, MathValue.Series series, List<MetricDataResult.Message> messages) {
    }

    public Page read(Scope scope, List<MetricDataQuery> queries, Instant start, Instant end, boolean ascending, Optional<Integer> maxDatapoints,
            Optional<String> nextToken, Instant now) {
        Map<String, MathExpression> expressions = check(queries);
        MetricRequests.checkTimeRange(start, end);
        int budget = maxDatapoints.orElse(DEFAULT_MAX_DATAPOINTS);
        if (budget <= 0) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %d for parameter MaxDatapoints is invalid.", budget);
        }
        long skip = nextToken.map(token -> OffsetToken.decode("gmd", token, ErrorCode.INVALID_NEXT_TOKEN)).orElse(0L);
        List<Answer> answers = answers(scope, queries, expressions, start, end, now);
        List<MetricDataResult> results = new ArrayList<>();
        long position = 0;
        boolean more = false;
        for (Answer answer : answers) {
            List<Map.Entry<Long, Double>> points = new ArrayList<>(answer.series().points().entrySet());
            if (!ascending) {
                Collections.reverse(points);
            }
            List<Instant> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            boolean partial = false;
            for (Map.Entry<Long, Double> point : points) {
                if (position++ < skip) {
                    continue;
                }
                if (budget == 0) {
                    partial = true;
                    more = true;
                    break;
                }
                timestamps.add(Instant.ofEpochSecond(point.getKey()));
                values.add(point.getValue());
                budget--;
            }
            results.add(new MetricDataResult(answer.id(), answer.series().label(), timestamps, values,
                    partial ? MetricDataResult.Status.PARTIAL_DATA : MetricDataResult.Status.COMPLETE, answer.messages()));
        }
        long served = skip + results.stream().mapToLong(result -> result.values().size()).sum();
        return new Page(results, more ? Optional.of(OffsetToken.encode("gmd", served)) : Optional.empty());
    }

    /** Every query's value, metrics first, then the expressions each after those it refers to; the returned ones' series. */
    private List<Answer> answers(Scope scope, List<MetricDataQuery> queries, Map<String, MathExpression> expressions, Instant start, Instant end,
            Instant now) {
        long startSecond = start.getEpochSecond();
        long endSecond = end.getEpochSecond();
        long nowSecond = now.getEpochSecond();
        Map<String, MathValue.Series> metrics = new LinkedHashMap<>();
        int longest = 0;
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            if (query.metricStat().isEmpty()) {
                continue;
            }
            MetricDataQuery.MetricStat stat = query.metricStat().get();
            Statistic statistic = MetricRequests.stat(stat.stat(), "MetricDataQueries.member." + (i + 1) + ".MetricStat.Stat");
            Map<Long, Double> points = new TreeMap<>();
            for (Datapoint datapoint : store.datapoints(scope, stat.metric(), start, end, stat.period(), stat.unit(), now)) {
                datapoint.samples().value(statistic).ifPresent(value -> points.put(datapoint.timestamp().getEpochSecond(), value));
            }
            metrics.put(query.id(), new MathValue.Series(query.label().orElse(stat.metric().metricName()), stat.period(), new TreeMap<>(points)));
            longest = Math.max(longest, stat.period());
        }
        int defaultPeriod = longest == 0 ? 60 : longest;
        java.util.function.IntFunction<long[]> grid = period -> {
            long from = Retention.alignedStart(startSecond, period, nowSecond);
            long count = Math.max(0, (endSecond - from + period - 1) / period);
            long[] timestamps = new long[(int) Math.min(count, DEFAULT_MAX_DATAPOINTS)];
            for (int k = 0; k < timestamps.length; k++) {
                timestamps[k] = from + (long) k * period;
            }
            return timestamps;
        };
        Map<String, MetricDataQuery> byId = new HashMap<>();
        queries.forEach(query -> byId.put(query.id(), query));
        Map<String, MathValue> values = new HashMap<>(metrics);
        Map<String, Boolean> dropped = new HashMap<>();
        for (String id : expressions.keySet()) {
            evaluate(id, byId, expressions, metrics, values, dropped, grid, defaultPeriod, new ArrayList<>());
        }
        List<Answer> answers = new ArrayList<>();
        for (MetricDataQuery query : queries) {
            if (!query.returnData()) {
                continue;
            }
            List<MetricDataResult.Message> messages = dropped.getOrDefault(query.id(), false)
                    ? List.of(new MetricDataResult.Message("ArithmeticError", ARITHMETIC_ERROR)) : List.of();
            MathValue value = values.get(query.id());
            String label = query.label().orElse(query.id());
            if (value instanceof MathValue.Scalar scalar) {
                // A number is drawn as a flat line over the time range, a data point every period.
                int period = query.period().orElse(defaultPeriod);
                MathValue.Series line = new ExpressionEvaluator(values, metrics, grid, period).constant(scalar.value(), label, period);
                boolean nonNumeric = !Double.isFinite(scalar.value());
                answers.add(new Answer(query.id(), line, nonNumeric ? List.of(new MetricDataResult.Message("ArithmeticError", ARITHMETIC_ERROR))
                        : messages));
            } else if (value instanceof MathValue.SeriesArray array) {
                for (MathValue.Series series : array.series()) {
                    // Each series of an array is labelled with the expression's label before its own, as the console's legend does.
                    String each = query.label().map(given -> given.isEmpty() ? series.label() : given + " " + series.label()).orElse(series.label());
                    answers.add(new Answer(query.id(), new MathValue.Series(each, series.period(), series.points()), messages));
                }
            } else {
                MathValue.Series series = (MathValue.Series) value;
                String named = query.metricStat().isPresent() ? series.label() : label;
                answers.add(new Answer(query.id(), new MathValue.Series(named, series.period(), series.points()), messages));
            }
        }
        return answers;
    }

    private static void evaluate(String id, Map<String, MetricDataQuery> byId, Map<String, MathExpression> expressions,
            Map<String, MathValue.Series> metrics, Map<String, MathValue> values, Map<String, Boolean> dropped,
            java.util.function.IntFunction<long[]> grid, int defaultPeriod, List<String> path) {
        if (values.containsKey(id)) {
            return;
        }
        MathExpression expression = expressions.get(id);
        path.add(id);
        for (String reference : ExpressionEvaluator.references(expression)) {
            if (path.contains(reference)) {
                throw invalidExpression(id, "Circular dependency: " + String.join(" -> ", path) + " -> " + reference + ".");
            }
            if (expressions.containsKey(reference)) {
                evaluate(reference, byId, expressions, metrics, values, dropped, grid, defaultPeriod, path);
            }
        }
        path.remove(path.size() - 1);
        ExpressionEvaluator evaluator = new ExpressionEvaluator(values, metrics, grid, byId.get(id).period().orElse(defaultPeriod));
        try {
            values.put(id, evaluator.evaluate(expression));
        } catch (ExpressionException invalid) {
            throw invalidExpression(id, invalid.getMessage());
        } catch (ExpressionException.Unsupported unsupported) {
            throw AwsException.of(ErrorCode.UNSUPPORTED, "Error in expression %s: %s", id, unsupported.getMessage());
        }
        dropped.put(id, evaluator.droppedNonNumeric());
    }

    private static AwsException invalidExpression(String id, String detail) {
        return AwsException.of(ErrorCode.VALIDATION_ERROR, "Error in expression %s: %s", id, detail);
    }

    /** Checks every query before any is read; the parsed expressions by ID, in request order. */
    private static Map<String, MathExpression> check(List<MetricDataQuery> queries) {
        if (queries.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The parameter MetricDataQueries is required.");
        }
        if (queries.size() > MAX_QUERIES) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The collection MetricDataQueries must not have a size greater than %d.",
                    MAX_QUERIES);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            String path = "MetricDataQueries.member." + (i + 1);
            if (!ID.matcher(query.id()).matches()) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Invalid metrics list: The value %s for field %s.Id is invalid: it must start "
                        + "with a lowercase letter and contain only letters, numbers and underscores.", query.id(), path);
            }
            if (!ids.add(query.id())) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "The values for parameter id in MetricDataQueries are not unique.");
            }
            if (query.metricStat().isPresent() == query.expression().isPresent()) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                        "Invalid metrics list: Exactly one of MetricStat and Expression must be given in %s.", path);
            }
        }
        Map<String, MathExpression> expressions = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            String path = "MetricDataQueries.member." + (i + 1);
            if (query.expression().isPresent()) {
                expressions.put(query.id(), parse(query, path, ids));
                continue;
            }
            MetricDataQuery.MetricStat stat = query.metricStat().get();
            MetricRequests.checkPeriod(stat.period(), path + ".MetricStat.Period");
            MetricRequests.checkDimensions(stat.metric().dimensions(), path + ".MetricStat.Metric.Dimensions");
            MetricRequests.stat(stat.stat(), path + ".MetricStat.Stat");
        }
        if (queries.stream().noneMatch(MetricDataQuery::returnData)) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Invalid metrics list: At least one metric query must have ReturnData set to true.");
        }
        return expressions;
    }

    private static MathExpression parse(MetricDataQuery query, String path, Set<String> ids) {
        String text = query.expression().get();
        if (text.isEmpty() || text.length() > MAX_EXPRESSION_LENGTH) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '%s' at '%s.Expression' failed to satisfy "
                    + "constraint: Member must have length between 1 and %d", text, path, MAX_EXPRESSION_LENGTH);
        }
        query.period().ifPresent(period -> MetricRequests.checkPeriod(period, path + ".Period"));
        if (text.strip().toUpperCase(Locale.ROOT).startsWith("SELECT ")) {
            throw AwsException.of(ErrorCode.UNSUPPORTED, "%s.Expression: Backlane does not evaluate Metrics Insights queries; use metric math "
                    + "over MetricStat queries.", path);
        }
        MathExpression expression;
        try {
            expression = ExpressionParser.parse(text);
        } catch (ExpressionException invalid) {
            throw invalidExpression(query.id(), invalid.getMessage());
        }
        for (String reference : ExpressionEvaluator.references(expression)) {
            if (!ids.contains(reference)) {
                throw invalidExpression(query.id(), "Unrecognized identifier " + reference + ": it is not the Id of a query in this request.");
            }
        }
        return expression;
    }
}
