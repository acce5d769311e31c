package dev.backlane.core.alarm;

import dev.backlane.core.metrics.Dimension;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** An alarm as its configuration history entries show it ({@code createdAlarm}, {@code updatedAlarm}, {@code deletedAlarm}). */
final class AlarmJson {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AlarmJson() {}

    static Map<String, Object> of(MetricAlarm alarm) {
        AlarmDefinition definition = alarm.definition();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alarmName", alarm.name());
        out.put("alarmArn", alarm.arn());
        definition.description().ifPresent(description -> out.put("alarmDescription", description));
        out.put("alarmConfigurationUpdatedTimestamp", TIME.format(alarm.configurationUpdatedAt()));
        out.put("actionsEnabled", definition.actionsEnabled());
        out.put("okActions", definition.okActions());
        out.put("alarmActions", definition.alarmActions());
        out.put("insufficientDataActions", definition.insufficientDataActions());
        out.put("stateValue", alarm.status().value().name());
        definition.metric().ifPresent(metric -> {
            out.put("metricName", metric.metricName());
            out.put("namespace", metric.namespace());
            out.put("dimensions", metric.dimensions().stream().map(AlarmJson::dimension).toList());
        });
        definition.statistic().ifPresent(statistic -> out.put("statistic", statistic));
        definition.extendedStatistic().ifPresent(statistic -> out.put("extendedStatistic", statistic));
        definition.period().ifPresent(period -> out.put("period", period));
        definition.unit().ifPresent(unit -> out.put("unit", unit));
        out.put("evaluationPeriods", definition.evaluationPeriods());
        definition.datapointsToAlarm().ifPresent(datapoints -> out.put("datapointsToAlarm", datapoints));
        definition.threshold().ifPresent(threshold -> out.put("threshold", threshold));
        out.put("comparisonOperator", definition.comparisonOperator().wireName());
        definition.treatMissingData().ifPresent(treatment -> out.put("treatMissingData", treatment));
        return out;
    }

    private static Map<String, Object> dimension(Dimension dimension) {
        return Map.of("name", dimension.name(), "value", dimension.value());
    }
}
