package dev.backlane.server.api.cloudwatch;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.metrics.Datapoint;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDataQuery;
import dev.backlane.core.metrics.MetricDataReader;
import dev.backlane.core.metrics.MetricDataResult;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.MetricRequests;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.OffsetToken;
import dev.backlane.core.metrics.Statistic;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch's metric calls — PutMetricData, GetMetricStatistics, GetMetricData (metric statistics and metric math) and
 * ListMetrics — on the server's {@link MetricStore}, which Backlane's own PrivateLink metrics are published to as
 * well. The same handlers answer whichever protocol the call came in (Smithy RPC v2 CBOR, awsJson 1.0, Query).
 */
public final class MetricOperations implements OperationFamily {
    /** CloudWatch's signing name, which requests name in their credential scope. */
    public static final String SERVICE = "monitoring";
    static final int LIST_PAGE = 500;
    /** PutMetricData's request is limited to 1 MB (AWS's PutMetricData API reference). */
    static final int MAX_PUT_BYTES = 1024 * 1024;

    private final MetricStore store;
    private final MetricDataReader reader;
    private final InstantSource clock;

    public MetricOperations(MetricStore store, InstantSource clock) {
        this.store = requireNonNull(store, "store is null");
        this.reader = new MetricDataReader(store);
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "PutMetricData", this::putMetricData);
        registry.limitRequest(SERVICE, "PutMetricData", MAX_PUT_BYTES);
        registry.add(SERVICE, "GetMetricStatistics", this::getMetricStatistics);
        registry.add(SERVICE, "GetMetricData", this::getMetricData);
        registry.add(SERVICE, "ListMetrics", this::listMetrics);
    }

    private Map<String, Object> putMetricData(Call call) {
        Input input = call.input();
        List<MetricRequests.PutEntry> entries = new ArrayList<>();
        for (Input datum : input.structures("MetricData")) {
            Input statistics = datum.structure("StatisticValues");
            entries.add(new MetricRequests.PutEntry(
                    datum.string("MetricName"),
                    dimensions(datum),
                    Optional.ofNullable((Instant) datum.values().get("Timestamp")),
                    Optional.ofNullable(number(datum, "Value")),
                    Optional.ofNullable(statistics).map(set -> new MetricRequests.StatisticSet(number(set, "SampleCount"), number(set, "Sum"),
                            number(set, "Minimum"), number(set, "Maximum"))),
                    numbers(datum, "Values"),
                    numbers(datum, "Counts"),
                    datum.optionalString("Unit"),
                    Optional.ofNullable(datum.integer("StorageResolution"))));
        }
        Instant now = clock.instant();
        store.put(call.scope(), MetricRequests.putMetricData(input.string("Namespace"), entries, now), now);
        return Map.of();
    }

    private Map<String, Object> getMetricStatistics(Call call) {
        Input input = call.input();
        Instant start = (Instant) input.values().get("StartTime");
        Instant end = (Instant) input.values().get("EndTime");
        int period = MetricRequests.checkPeriod(input.integer("Period"), "Period");
        MetricRequests.checkTimeRange(start, end);
        List<Dimension> dimensions = dimensions(input);
        MetricRequests.checkDimensions(dimensions, "Dimensions");
        List<Statistic> statistics = MetricRequests.statistics(input.strings("Statistics"), input.strings("ExtendedStatistics"), start, end, period);
        MetricKey key = new MetricKey(input.string("Namespace"), input.string("MetricName"), dimensions);
        List<Map<String, Object>> datapoints = new ArrayList<>();
        for (Datapoint datapoint : store.datapoints(call.scope(), key, start, end, period, input.optionalString("Unit"), clock.instant())) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Timestamp", datapoint.timestamp());
            Map<String, Object> extended = new LinkedHashMap<>();
            for (Statistic statistic : statistics) {
                datapoint.samples().value(statistic).ifPresent(value -> {
                    switch (statistic.kind()) {
                        case SAMPLE_COUNT -> out.put("SampleCount", value);
                        case AVERAGE -> out.put("Average", value);
                        case SUM -> out.put("Sum", value);
                        case MINIMUM -> out.put("Minimum", value);
                        case MAXIMUM -> out.put("Maximum", value);
                        case PERCENTILE -> extended.put(statistic.name(), value);
                    }
                });
            }
            out.put("Unit", datapoint.unit());
            if (!extended.isEmpty()) {
                out.put("ExtendedStatistics", extended);
            }
            datapoints.add(out);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("Label", key.metricName());
        output.put("Datapoints", datapoints);
        return output;
    }

    /** The {@code MetricDataQuery} list member as given (GetMetricData's {@code MetricDataQueries}, PutMetricAlarm's {@code Metrics}). */
    static List<MetricDataQuery> queries(Input input, String member) {
        List<MetricDataQuery> queries = new ArrayList<>();
        List<Input> given = input.structures(member);
        for (int i = 0; i < given.size(); i++) {
            Input query = given.get(i);
            Input stat = query.structure("MetricStat");
            String path = member + ".member." + (i + 1) + ".MetricStat";
            queries.add(new MetricDataQuery(
                    query.string("Id"),
                    Optional.ofNullable(stat).map(s -> new MetricDataQuery.MetricStat(metric(s.structure("Metric"), path + ".Metric"),
                            s.integer("Period"), s.string("Stat"), s.optionalString("Unit"))),
                    query.optionalString("Expression"),
                    Optional.ofNullable(query.integer("Period")),
                    query.optionalString("Label"),
                    query.bool("ReturnData", true)));
        }
        return queries;
    }

    private Map<String, Object> getMetricData(Call call) {
        Input input = call.input();
        List<MetricDataQuery> queries = queries(input, "MetricDataQueries");
        MetricDataReader.Page page = reader.read(call.scope(), queries, (Instant) input.values().get("StartTime"),
                (Instant) input.values().get("EndTime"), "TimestampAscending".equals(input.string("ScanBy")),
                Optional.ofNullable(input.integer("MaxDatapoints")), input.optionalString("NextToken"), clock.instant());
        List<Map<String, Object>> results = new ArrayList<>();
        for (MetricDataResult result : page.results()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Id", result.id());
            out.put("Label", result.label());
            out.put("Timestamps", result.timestamps());
            out.put("Values", result.values());
            out.put("StatusCode", result.status().wireName());
            out.put("Messages", result.messages().stream().map(message -> Map.<String, Object>of("Code", message.code(), "Value", message.value()))
                    .toList());
            results.add(out);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("MetricDataResults", results);
        page.nextToken().ifPresent(token -> output.put("NextToken", token));
        output.put("Messages", List.of());
        return output;
    }

    private Map<String, Object> listMetrics(Call call) {
        Input input = call.input();
        List<MetricKey.DimensionFilter> filters = new ArrayList<>();
        for (Input filter : input.structures("Dimensions")) {
            filters.add(new MetricKey.DimensionFilter(filter.string("Name"), filter.optionalString("Value")));
        }
        List<MetricKey> metrics = store.list(call.scope(), input.optionalString("Namespace"), input.optionalString("MetricName"), filters,
                input.has("RecentlyActive"), clock.instant());
        int from = input.optionalString("NextToken")
                .map(token -> (int) Math.min(Integer.MAX_VALUE, OffsetToken.decode("lm", token, ErrorCode.INVALID_PARAMETER_VALUE))).orElse(0);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (MetricKey metric : metrics.subList(Math.min(from, metrics.size()), Math.min(from + LIST_PAGE, metrics.size()))) {
            listed.add(metricShape(metric));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("Metrics", listed);
        if (from + LIST_PAGE < metrics.size()) {
            output.put("NextToken", OffsetToken.encode("lm", from + LIST_PAGE));
        }
        return output;
    }

    static Map<String, Object> metricShape(MetricKey metric) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Namespace", metric.namespace());
        out.put("MetricName", metric.metricName());
        out.put("Dimensions", metric.dimensions().stream().map(d -> Map.<String, Object>of("Name", d.name(), "Value", d.value())).toList());
        return out;
    }

    /** A {@code Metric} structure as given; MissingParameter naming {@code path} for what it lacks. */
    static MetricKey metric(Input metric, String path) {
        if (metric == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The parameter %s is required.", path);
        }
        String namespace = metric.string("Namespace");
        if (namespace == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The parameter %s.Namespace is required.", path);
        }
        String name = metric.string("MetricName");
        if (name == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The parameter %s.MetricName is required.", path);
        }
        return new MetricKey(namespace, name, dimensions(metric));
    }

    static List<Dimension> dimensions(Input input) {
        return input.structures("Dimensions").stream().map(d -> new Dimension(d.string("Name"), d.string("Value"))).toList();
    }

    private static Double number(Input input, String member) {
        Object value = input.values().get(member);
        return value == null ? null : ((Number) value).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Double> numbers(Input input, String member) {
        Object value = input.values().get(member);
        return value == null ? List.of() : ((List<Number>) value).stream().map(Number::doubleValue).toList();
    }
}
