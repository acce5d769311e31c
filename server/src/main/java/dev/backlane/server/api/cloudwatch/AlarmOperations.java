package dev.backlane.server.api.cloudwatch;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.alarm.AlarmDefinition;
import dev.backlane.core.alarm.AlarmHistoryItem;
import dev.backlane.core.alarm.AlarmRequests;
import dev.backlane.core.alarm.AlarmState;
import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.alarm.MetricAlarm;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDataQuery;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.OffsetToken;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch's metric alarm calls — PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms,
 * SetAlarmState, DescribeAlarmHistory, Enable/DisableAlarmActions and the tagging calls for alarms — on the server's
 * {@link AlarmStore}, in whichever protocol the call came (Smithy RPC v2 CBOR, awsJson 1.0, Query). Composite alarms
 * are not made: asking for them finds none.
 */
public final class AlarmOperations implements OperationFamily {
    static final int DEFAULT_MAX_RECORDS = 50;
    private static final String METRIC_ALARM = "MetricAlarm";
    private static final String COMPOSITE_ALARM = "CompositeAlarm";

    private final AlarmStore alarms;
    private final InstantSource clock;

    public AlarmOperations(AlarmStore alarms, InstantSource clock) {
        this.alarms = requireNonNull(alarms, "alarms is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        String service = MetricOperations.SERVICE;
        registry.add(service, "PutMetricAlarm", this::putMetricAlarm);
        registry.add(service, "DescribeAlarms", this::describeAlarms);
        registry.add(service, "DescribeAlarmsForMetric", this::describeAlarmsForMetric);
        registry.add(service, "DeleteAlarms", call -> {
            alarms.delete(call.scope(), call.input().strings("AlarmNames"), clock.instant());
            return Output.empty();
        });
        registry.add(service, "SetAlarmState", this::setAlarmState);
        registry.add(service, "DescribeAlarmHistory", this::describeAlarmHistory);
        registry.add(service, "EnableAlarmActions", call -> {
            alarms.setActionsEnabled(call.scope(), call.input().strings("AlarmNames"), true, clock.instant());
            return Output.empty();
        });
        registry.add(service, "DisableAlarmActions", call -> {
            alarms.setActionsEnabled(call.scope(), call.input().strings("AlarmNames"), false, clock.instant());
            return Output.empty();
        });
        registry.add(service, "TagResource", this::tagResource);
        registry.add(service, "UntagResource", this::untagResource);
        registry.add(service, "ListTagsForResource", call -> Output.of("Tags", tagList(alarm(call, call.input().string("ResourceARN")).tags())));
    }

    private Map<String, Object> putMetricAlarm(Call call) {
        Input input = call.input();
        List<MetricDataQuery> metrics = MetricOperations.queries(input, "Metrics");
        AlarmDefinition definition = AlarmRequests.definition(new AlarmRequests.PutAlarmRequest(
                input.optionalString("AlarmDescription"),
                Optional.ofNullable(input.bool("ActionsEnabled")),
                input.strings("OKActions"),
                input.strings("AlarmActions"),
                input.strings("InsufficientDataActions"),
                input.optionalString("Namespace"),
                input.optionalString("MetricName"),
                MetricOperations.dimensions(input),
                input.optionalString("Statistic"),
                input.optionalString("ExtendedStatistic"),
                Optional.ofNullable(input.integer("Period")),
                input.optionalString("Unit"),
                Optional.ofNullable(input.integer("EvaluationPeriods")),
                Optional.ofNullable(input.integer("DatapointsToAlarm")),
                Optional.ofNullable((Number) input.values().get("Threshold")).map(Number::doubleValue),
                input.optionalString("ComparisonOperator"),
                input.optionalString("TreatMissingData"),
                input.optionalString("EvaluateLowSampleCountPercentile"),
                metrics,
                input.optionalString("ThresholdMetricId"),
                tags(input.structures("Tags")),
                input.has("EvaluationCriteria") || input.has("EvaluationInterval")));
        alarms.put(call.scope(), input.string("AlarmName"), definition, tags(input.structures("Tags")), clock.instant());
        return Output.empty();
    }

    private Map<String, Object> describeAlarms(Call call) {
        Input input = call.input();
        List<String> names = input.strings("AlarmNames");
        if (!names.isEmpty() && input.has("AlarmNamePrefix")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameters AlarmNames and AlarmNamePrefix are mutually exclusive and you have specified both.");
        }
        boolean composite = input.has("ChildrenOfAlarmName") || input.has("ParentsOfAlarmName");
        List<String> types = input.strings("AlarmTypes");
        List<MetricAlarm> found = List.of();
        // Children and parents are relations of composite alarms, which Backlane does not make: there are none.
        if (!composite && (types.isEmpty() || types.contains(METRIC_ALARM))) {
            found = alarms.describe(call.scope(), new AlarmStore.Filter(names, input.optionalString("AlarmNamePrefix"),
                    input.optionalString("StateValue").map(AlarmState::valueOf), input.optionalString("ActionPrefix")));
        }
        Output output = Output.create();
        List<Map<String, Object>> page = page(input, "da", found.stream().map(AlarmOperations::alarmShape).toList(), output);
        output.put("MetricAlarms", page);
        if (types.contains(COMPOSITE_ALARM)) {
            output.put("CompositeAlarms", List.of());
        }
        return output.build();
    }

    private Map<String, Object> describeAlarmsForMetric(Call call) {
        Input input = call.input();
        MetricKey metric = new MetricKey(input.string("Namespace"), input.string("MetricName"), MetricOperations.dimensions(input));
        Optional<String> statistic = input.optionalString("Statistic");
        Optional<String> extended = input.optionalString("ExtendedStatistic");
        Optional<Integer> period = Optional.ofNullable(input.integer("Period"));
        Optional<String> unit = input.optionalString("Unit");
        List<MetricAlarm> found = alarms.describe(call.scope(), alarm -> {
            AlarmDefinition definition = alarm.definition();
            return definition.metric().filter(metric::equals).isPresent()
                    && statistic.map(wanted -> definition.statistic().filter(wanted::equals).isPresent()).orElse(true)
                    && extended.map(wanted -> definition.extendedStatistic().filter(wanted::equals).isPresent()).orElse(true)
                    && period.map(wanted -> definition.period().filter(wanted::equals).isPresent()).orElse(true)
                    && unit.map(wanted -> definition.unit().filter(wanted::equals).isPresent()).orElse(true);
        });
        return Output.of("MetricAlarms", found.stream().map(AlarmOperations::alarmShape).toList());
    }

    private Map<String, Object> setAlarmState(Call call) {
        Input input = call.input();
        alarms.setState(call.scope(), input.string("AlarmName"), AlarmState.valueOf(input.string("StateValue")), input.string("StateReason"),
                input.optionalString("StateReasonData"), clock.instant());
        return Output.empty();
    }

    private Map<String, Object> describeAlarmHistory(Call call) {
        Input input = call.input();
        List<String> types = input.strings("AlarmTypes");
        Optional<AlarmHistoryItem.Type> type = input.optionalString("HistoryItemType").map(name -> Arrays.stream(AlarmHistoryItem.Type.values())
                .filter(value -> value.wireName().equals(name)).findFirst().orElse(null));
        List<AlarmHistoryItem> items = List.of();
        // Only metric alarms have history here; the contributor types belong to Contributor Insights alarms, which Backlane does not make.
        boolean unknownType = input.has("HistoryItemType") && type.isEmpty();
        if ((types.isEmpty() || types.contains(METRIC_ALARM)) && !unknownType) {
            items = new ArrayList<>(alarms.history(call.scope(), input.optionalString("AlarmName"), type,
                    Optional.ofNullable((Instant) input.values().get("StartDate")), Optional.ofNullable((Instant) input.values().get("EndDate")),
                    clock.instant()));
            if (!"TimestampAscending".equals(input.string("ScanBy"))) {
                java.util.Collections.reverse(items);
            }
        }
        Output output = Output.create();
        output.put("AlarmHistoryItems", page(input, "dah", items.stream().map(AlarmOperations::historyShape).toList(), output));
        return output.build();
    }

    private Map<String, Object> tagResource(Call call) {
        MetricAlarm alarm = alarm(call, call.input().string("ResourceARN"));
        Map<String, String> tags = new LinkedHashMap<>(alarm.tags());
        tags.putAll(tags(call.input().structures("Tags")));
        AlarmRequests.checkTags(tags.size());
        alarms.retag(alarm, tags);
        return Output.empty();
    }

    private Map<String, Object> untagResource(Call call) {
        MetricAlarm alarm = alarm(call, call.input().string("ResourceARN"));
        Map<String, String> tags = new LinkedHashMap<>(alarm.tags());
        call.input().strings("TagKeys").forEach(tags::remove);
        alarms.retag(alarm, tags);
        return Output.empty();
    }

    /** The caller's alarm the ARN names; ResourceNotFoundException for any other ARN. */
    private MetricAlarm alarm(Call call, String arn) {
        return alarms.findByArn(arn).filter(alarm -> alarm.scope().equals(call.scope())).orElseThrow(() -> AwsException.of(
                ErrorCode.TAGGED_RESOURCE_NOT_FOUND, "The specified resource does not exist: %s", arn));
    }

    /** One page of {@code all} after the offset {@code NextToken} names, at most {@code MaxRecords} (50 unless given); the next token set on output. */
    private static <T> List<T> page(Input input, String call, List<T> all, Output output) {
        int max = input.integer("MaxRecords") == null ? DEFAULT_MAX_RECORDS : input.integer("MaxRecords");
        long from = input.optionalString("NextToken").map(token -> OffsetToken.decode(call, token, ErrorCode.INVALID_NEXT_TOKEN)).orElse(0L);
        int start = (int) Math.min(from, all.size());
        int end = Math.min(all.size(), start + max);
        if (end < all.size()) {
            output.put("NextToken", OffsetToken.encode(call, end));
        }
        return all.subList(start, end);
    }

    static Map<String, Object> alarmShape(MetricAlarm alarm) {
        AlarmDefinition definition = alarm.definition();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("AlarmName", alarm.name());
        out.put("AlarmArn", alarm.arn());
        definition.description().ifPresent(description -> out.put("AlarmDescription", description));
        out.put("AlarmConfigurationUpdatedTimestamp", alarm.configurationUpdatedAt());
        out.put("ActionsEnabled", definition.actionsEnabled());
        out.put("OKActions", definition.okActions());
        out.put("AlarmActions", definition.alarmActions());
        out.put("InsufficientDataActions", definition.insufficientDataActions());
        out.put("StateValue", alarm.status().value().name());
        out.put("StateReason", alarm.status().reason());
        alarm.status().reasonData().ifPresent(data -> out.put("StateReasonData", data));
        out.put("StateUpdatedTimestamp", alarm.status().updatedAt());
        definition.metric().ifPresent(metric -> {
            out.put("MetricName", metric.metricName());
            out.put("Namespace", metric.namespace());
            out.put("Dimensions", dimensionShapes(metric.dimensions()));
        });
        if (definition.metric().isEmpty()) {
            out.put("Dimensions", List.of());
        }
        definition.statistic().ifPresent(statistic -> out.put("Statistic", statistic));
        definition.extendedStatistic().ifPresent(statistic -> out.put("ExtendedStatistic", statistic));
        definition.period().ifPresent(period -> out.put("Period", period));
        definition.unit().ifPresent(unit -> out.put("Unit", unit));
        out.put("EvaluationPeriods", definition.evaluationPeriods());
        definition.datapointsToAlarm().ifPresent(datapoints -> out.put("DatapointsToAlarm", datapoints));
        definition.threshold().ifPresent(threshold -> out.put("Threshold", threshold));
        out.put("ComparisonOperator", definition.comparisonOperator().wireName());
        definition.treatMissingData().ifPresent(treatment -> out.put("TreatMissingData", treatment));
        definition.evaluateLowSampleCountPercentile().ifPresent(value -> out.put("EvaluateLowSampleCountPercentile", value));
        if (!definition.metrics().isEmpty()) {
            out.put("Metrics", definition.metrics().stream().map(AlarmOperations::queryShape).toList());
        }
        definition.thresholdMetricId().ifPresent(id -> out.put("ThresholdMetricId", id));
        out.put("StateTransitionedTimestamp", alarm.status().transitionedAt());
        return out;
    }

    private static Map<String, Object> queryShape(MetricDataQuery query) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", query.id());
        query.metricStat().ifPresent(stat -> {
            Map<String, Object> metricStat = new LinkedHashMap<>();
            metricStat.put("Metric", MetricOperations.metricShape(stat.metric()));
            metricStat.put("Period", stat.period());
            metricStat.put("Stat", stat.stat());
            stat.unit().ifPresent(unit -> metricStat.put("Unit", unit));
            out.put("MetricStat", metricStat);
        });
        query.expression().ifPresent(expression -> out.put("Expression", expression));
        query.period().ifPresent(period -> out.put("Period", period));
        query.label().ifPresent(label -> out.put("Label", label));
        out.put("ReturnData", query.returnData());
        return out;
    }

    private static Map<String, Object> historyShape(AlarmHistoryItem item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("AlarmName", item.alarmName());
        out.put("AlarmType", METRIC_ALARM);
        out.put("Timestamp", item.timestamp());
        out.put("HistoryItemType", item.type().wireName());
        out.put("HistorySummary", item.summary());
        out.put("HistoryData", item.data());
        return out;
    }

    private static List<Map<String, Object>> dimensionShapes(List<Dimension> dimensions) {
        return dimensions.stream().map(d -> Map.<String, Object>of("Name", d.name(), "Value", d.value())).toList();
    }

    private static Map<String, String> tags(List<Input> given) {
        Map<String, String> tags = new LinkedHashMap<>();
        given.forEach(tag -> tags.put(tag.string("Key"), tag.string("Value")));
        return tags;
    }

    private static List<Map<String, Object>> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(tag -> Map.<String, Object>of("Key", tag.getKey(), "Value", tag.getValue())).toList();
    }
}
