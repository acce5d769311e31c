package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.metrics.Datapoint;
import dev.backlane.core.metrics.MetricDataQuery;
import dev.backlane.core.metrics.MetricDataReader;
import dev.backlane.core.metrics.MetricDataResult;
import dev.backlane.core.metrics.MetricRequests;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.Statistic;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a metric alarm over the {@link MetricStore} as CloudWatch documents it ("Evaluating an alarm",
 * "Configuring how CloudWatch alarms treat missing data"). The periods end at the evaluation time rounded down to
 * the minute (to the period for high-resolution alarms of 10, 20 or 30 seconds), and the evaluation range reaches
 * {@link #EXTRA_PERIODS} periods further back than the alarm's N evaluation periods:
 * <ul>
 *   <li>with at least N periods of real data in the range, the N most recent are evaluated and missing data does not
 *   matter; ALARM when at least M (DatapointsToAlarm) of them breach, else OK;</li>
 *   <li>with none, the treatment of missing data decides: ALARM (breaching), OK (notBreaching), the state kept
 *   (ignore), INSUFFICIENT_DATA (missing);</li>
 *   <li>with fewer than N, the missing ones are filled as breaching or not (breaching, notBreaching), or left out
 *   (missing, ignore), where the alarm also goes to ALARM when its oldest breaching data point of the last N periods is
 *   at least M periods old and every later one breaches or is missing (AWS's "premature transition" rule).</li>
 * </ul>
 * The state reason and its JSON data ({@code StateReasonData}) are worded as AWS words them. Pure: the time is given.
 */
public final class AlarmEvaluator {
    /** How many periods beyond N the evaluation range holds: AWS's documented example reads 5 for N = 3. */
    static final int EXTRA_PERIODS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);

    /** The state an evaluation arrives at, with AWS's reason and reason data. */
    public record Outcome(AlarmState state, String reason, String reasonData) {
        public Outcome {
            requireNonNull(state, "state is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(reasonData, "reasonData is null");
        }
    }

    private record Point(Instant timestamp, double value, double sampleCount) {}

    /** How often the alarm is evaluated: every minute, every 10 seconds for a high-resolution alarm. */
    public static long cadenceSeconds(AlarmDefinition definition) {
        return definition.evaluatedPeriod() < 60 ? 10 : 60;
    }

    /** The alarm's state from the data at {@code now}; empty when it keeps its state (missing data treated as ignore). */
    public Optional<Outcome> evaluate(MetricAlarm alarm, MetricStore store, Instant now) {
        AlarmDefinition definition = alarm.definition();
        int period = definition.evaluatedPeriod();
        int evaluationPeriods = definition.evaluationPeriods();
        int needed = definition.datapointsNeeded();
        double threshold = definition.threshold().orElseThrow();
        ComparisonOperator operator = definition.comparisonOperator();
        long step = Math.min(period, 60);
        long end = Math.floorDiv(now.getEpochSecond(), step) * step;
        int range = evaluationPeriods + EXTRA_PERIODS;
        long start = end - (long) range * period;
        Point[] slots = definition.metric().isPresent() ? statistics(alarm, store, start, end, range, now) : math(alarm, store, start, end, range, now);
        List<Point> real = new ArrayList<>();
        for (int i = range - 1; i >= 0; i--) {
            if (slots[i] != null) {
                real.add(slots[i]);
            }
        }
        Map<String, Object> data = reasonData(definition, period, now, end - (long) evaluationPeriods * period, slots, evaluationPeriods, threshold);
        AlarmState from = alarm.status().value();
        if (real.isEmpty()) {
            return noData(definition.missingData(), evaluationPeriods, data);
        }
        List<Point> evaluated = real.subList(0, Math.min(evaluationPeriods, real.size()));
        long breaching = evaluated.stream().filter(point -> operator.breaches(point.value(), threshold)).count();
        int filled = evaluationPeriods - evaluated.size();
        MissingData missing = definition.missingData();
        if (filled > 0 && missing == MissingData.BREACHING) {
            breaching += filled;
        }
        boolean alarmed = breaching >= needed
                || (filled > 0 && (missing == MissingData.MISSING || missing == MissingData.IGNORE) && premature(slots, evaluationPeriods, needed,
                        operator, threshold));
        data.put("evaluatedDatapoints", evaluated.stream().map(point -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("timestamp", DATA_TIME.format(point.timestamp()));
            if (!Double.isNaN(point.sampleCount())) {
                out.put("sampleCount", point.sampleCount());
            }
            out.put("value", point.value());
            return out;
        }).toList());
        List<Point> listed = evaluated.stream().filter(point -> operator.breaches(point.value(), threshold) == alarmed).toList();
        // Filled periods count toward the number but have no value to list.
        long counted = alarmed ? breaching : evaluationPeriods - breaching;
        String reason = thresholdCrossed(listed, (int) counted, evaluationPeriods, alarmed, operator, threshold,
                alarmed ? needed : evaluationPeriods - needed + 1, from);
        return Optional.of(new Outcome(alarmed ? AlarmState.ALARM : AlarmState.OK, reason, json(data)));
    }

    /** The statistic of a single-metric alarm in each period of the range; index 0 is the oldest. */
    private static Point[] statistics(MetricAlarm alarm, MetricStore store, long start, long end, int range, Instant now) {
        MetricDataQuery.MetricStat watched = alarm.definition().watched();
        Statistic statistic = MetricRequests.stat(watched.stat(), "Statistic");
        Point[] slots = new Point[range];
        for (Datapoint datapoint : store.datapoints(alarm.scope(), watched.metric(), Instant.ofEpochSecond(start), Instant.ofEpochSecond(end),
                watched.period(), watched.unit(), now)) {
            int index = (int) ((datapoint.timestamp().getEpochSecond() - start) / watched.period());
            Optional<Double> value = datapoint.samples().value(statistic);
            if (index >= 0 && index < range && value.isPresent()) {
                slots[index] = new Point(datapoint.timestamp(), value.get(), datapoint.samples().sampleCount());
            }
        }
        return slots;
    }

    /** The returned query of a metric-math alarm in each period of the range, as GetMetricData computes it; no sample counts. */
    private static Point[] math(MetricAlarm alarm, MetricStore store, long start, long end, int range, Instant now) {
        AlarmDefinition definition = alarm.definition();
        int period = definition.evaluatedPeriod();
        String id = definition.returned().id();
        Point[] slots = new Point[range];
        MetricDataReader.Page page = new MetricDataReader(store).read(alarm.scope(), definition.metrics(), Instant.ofEpochSecond(start),
                Instant.ofEpochSecond(end), true, Optional.empty(), Optional.empty(), now);
        for (MetricDataResult result : page.results()) {
            if (result.id().equals(id)) {
                for (int i = 0; i < result.timestamps().size(); i++) {
                    Instant timestamp = result.timestamps().get(i);
                    int index = (int) ((timestamp.getEpochSecond() - start) / period);
                    if (index >= 0 && index < range) {
                        slots[index] = new Point(timestamp, result.values().get(i), Double.NaN);
                    }
                }
            }
        }
        return slots;
    }

    private static Optional<Outcome> noData(MissingData missing, int periods, Map<String, Object> data) {
        String received = "no datapoints were received for " + periods + (periods == 1 ? " period" : " periods") + " and " + periods + " missing "
                + (periods == 1 ? "datapoint was" : "datapoints were") + " treated as ";
        return switch (missing) {
            case BREACHING -> Optional.of(new Outcome(AlarmState.ALARM, "Threshold Crossed: " + received + "[Breaching].", json(data)));
            case NOT_BREACHING -> Optional.of(new Outcome(AlarmState.OK, "Threshold Crossed: " + received + "[NonBreaching].", json(data)));
            case IGNORE -> Optional.empty();
            case MISSING -> Optional.of(new Outcome(AlarmState.INSUFFICIENT_DATA,
                    "Insufficient Data: " + periods + (periods == 1 ? " datapoint was" : " datapoints were") + " unknown.", json(data)));
        };
    }

    /**
     * AWS's rule against waiting for data that may never come: the oldest breaching data point of the last N periods is
     * at least M periods old and every later period breaches or has no data.
     */
    private static boolean premature(Point[] slots, int evaluationPeriods, int needed, ComparisonOperator operator, double threshold) {
        int oldestBreaching = -1;
        for (int age = 1; age <= evaluationPeriods; age++) {
            Point point = slots[slots.length - age];
            if (point != null) {
                if (!operator.breaches(point.value(), threshold)) {
                    return false;
                }
                oldestBreaching = age;
            }
        }
        return oldestBreaching >= needed;
    }

    /** "Threshold Crossed: 2 out of the last 3 datapoints [5.0 (07/12/26 18:20:00), ...] were greater than the threshold (1.0) (...)." */
    private static String thresholdCrossed(List<Point> listed, int count, int evaluationPeriods, boolean alarmed, ComparisonOperator operator,
            double threshold, int minimum, AlarmState from) {
        StringBuilder reason = new StringBuilder("Threshold Crossed: ");
        if (evaluationPeriods == 1) {
            reason.append(count).append(count == 1 ? " datapoint " : " datapoints ");
        } else {
            reason.append(count).append(" out of the last ").append(evaluationPeriods).append(" datapoints ");
        }
        reason.append('[');
        for (int i = 0; i < listed.size(); i++) {
            reason.append(i == 0 ? "" : ", ").append(listed.get(i).value()).append(" (").append(REASON_TIME.format(listed.get(i).timestamp())).append(')');
        }
        reason.append("] ").append(count == 1 ? "was " : "were ").append(alarmed ? "" : "not ").append(operator.words())
                .append(" the threshold (").append(threshold).append(')');
        if (evaluationPeriods > 1) {
            AlarmState to = alarmed ? AlarmState.ALARM : AlarmState.OK;
            reason.append(" (minimum ").append(minimum).append(minimum == 1 ? " datapoint for " : " datapoints for ").append(from).append(" -> ")
                    .append(to).append(" transition)");
        }
        return reason.append('.').toString();
    }

    private static Map<String, Object> reasonData(AlarmDefinition definition, int period, Instant now, long startSecond,
            Point[] slots, int evaluationPeriods, double threshold) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", "1.0");
        data.put("queryDate", DATA_TIME.format(now));
        data.put("startDate", DATA_TIME.format(Instant.ofEpochSecond(startSecond)));
        definition.unit().ifPresent(unit -> data.put("unit", unit));
        definition.statistic().or(definition::extendedStatistic).ifPresent(statistic -> data.put("statistic", statistic));
        data.put("period", period);
        List<Double> recent = new ArrayList<>();
        for (int i = slots.length - evaluationPeriods; i < slots.length; i++) {
            if (slots[i] != null) {
                recent.add(slots[i].value());
            }
        }
        data.put("recentDatapoints", recent);
        data.put("threshold", threshold);
        return data;
    }

    private static String json(Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
