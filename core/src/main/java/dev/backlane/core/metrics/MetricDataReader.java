package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers GetMetricData from a {@link MetricStore}: each metric-stat query's statistic per period, newest first
 * unless {@code TimestampAscending}, at most {@code MaxDatapoints} (default 100,800) in one answer, the rest in the
 * pages that follow ({@code NextToken}). Math expressions and Metrics Insights queries are not evaluated: a query
 * with an {@code Expression} is refused as {@code Unsupported}.
 */
public final class MetricDataReader {
    static final int MAX_QUERIES = 500;
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
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

    public Page read(Scope scope, List<MetricDataQuery> queries, Instant start, Instant end, boolean ascending, Optional<Integer> maxDatapoints,
            Optional<String> nextToken, Instant now) {
        check(queries);
        MetricRequests.checkTimeRange(start, end);
        int budget = maxDatapoints.orElse(DEFAULT_MAX_DATAPOINTS);
        if (budget <= 0) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %d for parameter MaxDatapoints is invalid.", budget);
        }
        long skip = nextToken.map(token -> OffsetToken.decode("gmd", token, ErrorCode.INVALID_NEXT_TOKEN)).orElse(0L);
        List<MetricDataResult> results = new ArrayList<>();
        long position = 0;
        boolean more = false;
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            if (!query.returnData()) {
                continue;
            }
            MetricDataQuery.MetricStat stat = query.metricStat().orElseThrow();
            Statistic statistic = MetricRequests.stat(stat.stat(), "MetricDataQueries.member." + (i + 1) + ".MetricStat.Stat");
            List<Datapoint> datapoints = new ArrayList<>(store.datapoints(scope, stat.metric(), start, end, stat.period(), stat.unit(), now));
            if (!ascending) {
                java.util.Collections.reverse(datapoints);
            }
            List<Instant> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            boolean partial = false;
            for (Datapoint datapoint : datapoints) {
                Optional<Double> value = datapoint.samples().value(statistic);
                if (value.isEmpty()) {
                    continue;
                }
                if (position++ < skip) {
                    continue;
                }
                if (budget == 0) {
                    partial = true;
                    more = true;
                    break;
                }
                timestamps.add(datapoint.timestamp());
                values.add(value.get());
                budget--;
            }
            results.add(new MetricDataResult(query.id(), query.label().orElse(stat.metric().metricName()), timestamps, values,
                    partial ? MetricDataResult.Status.PARTIAL_DATA : MetricDataResult.Status.COMPLETE));
        }
        long served = skip + results.stream().mapToLong(result -> result.values().size()).sum();
        return new Page(results, more ? Optional.of(OffsetToken.encode("gmd", served)) : Optional.empty());
    }

    private static void check(List<MetricDataQuery> queries) {
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
            if (query.expression().isPresent()) {
                throw AwsException.of(ErrorCode.UNSUPPORTED, "%s.Expression: Backlane does not evaluate metric math or Metrics Insights "
                        + "expressions; query the metrics with MetricStat.", path);
            }
            MetricDataQuery.MetricStat stat = query.metricStat().get();
            MetricRequests.checkPeriod(stat.period(), path + ".MetricStat.Period");
            MetricRequests.checkDimensions(stat.metric().dimensions(), path + ".MetricStat.Metric.Dimensions");
            MetricRequests.stat(stat.stat(), path + ".MetricStat.Stat");
        }
        if (queries.stream().noneMatch(MetricDataQuery::returnData)) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Invalid metrics list: At least one metric query must have ReturnData set to true.");
        }
    }
}
