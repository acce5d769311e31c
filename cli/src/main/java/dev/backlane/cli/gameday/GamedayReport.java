package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a game day from its record: the signals over each reading's interval (a ratio's numerator and denominator
 * taken apart between two readings), the phases (baseline before the first incident, fault until the last ends,
 * recovery after), each hypothesis held or broken, each incident's time to detect (the first interval after it began
 * in which a signal that met its objective in the baseline no longer did: the signal that moved first detected it)
 * and whether traffic recovered once it ended (every interval from some point on meets the objective again), and each
 * SLI's impact on its SLO budget. The answer is the report's JSON, which the table and the HTML page are drawn from.
 */
final class GamedayReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MONTH = Duration.ofDays(30);
    /** How far below a baseline that already misses its objective a signal must fall to count as moved (5 points). */
    private static final double NOISE = 0.05;

    /**
     * One interval between two readings: each signal's {numerator, denominator} (a ratio) or {value} (latency); the
     * client's calls are those that began in it, and {@code clientEnded} counts those that ended in it (when their
     * client found out), which is what detection watches.
     */
    record Interval(double start, double end, Map<Signal, double[]> counts, List<Double> latencies, double[] clientEnded) {
        Optional<Double> value(Signal signal) {
            double[] count = counts.get(signal);
            if (count == null || count[1] <= 0) {
                return Optional.empty();
            }
            return Optional.of(signal.ratio() ? count[0] / count[1] : count[0]);
        }

        /** The value as it could be seen at the interval's end: the client's success over the calls that ended in it. */
        Optional<Double> seen(Signal signal) {
            if (signal != Signal.CLIENT_SUCCESS) {
                return value(signal);
            }
            return clientEnded[1] > 0 ? Optional.of(clientEnded[0] / clientEnded[1]) : Optional.empty();
        }
    }

    private GamedayReport() {}

    static ObjectNode of(GamedayRun.Record record) {
        Instant origin = record.trafficStart();
        List<Interval> intervals = intervals(record, origin);
        double end = seconds(origin, record.trafficEnd());
        double faultStart = record.incidents().stream().mapToDouble(incident -> seconds(origin, incident.start())).min().orElse(end);
        double faultEnd = record.incidents().stream().mapToDouble(incident -> seconds(origin, incident.end().orElse(record.trafficEnd()))).max()
                .orElse(end);
        double[][] phases = {{0, faultStart}, {faultStart, faultEnd}, {faultEnd, end}, {0, end}};
        Map<Signal, Objective> objectives = objectives(record.objectives());

        ObjectNode report = JSON.createObjectNode().put("scenario", record.scenario().name()).put("description", record.scenario().description())
                .put("startedAt", origin.toString()).put("endedAt", record.trafficEnd().toString()).put("timeScale", record.timeScale());
        ObjectNode phaseNode = report.putObject("phases");
        for (Scenario.Phase phase : List.of(Scenario.Phase.BASELINE, Scenario.Phase.FAULT, Scenario.Phase.RECOVERY)) {
            phaseNode.putObject(phase.label()).put("start", round(phases[phase.ordinal()][0])).put("end", round(phases[phase.ordinal()][1]));
        }

        boolean allHeld = true;
        ArrayNode hypotheses = report.putArray("hypotheses");
        for (Scenario.Hypothesis hypothesis : record.scenario().hypotheses()) {
            Optional<Double> value = over(intervals, hypothesis.signal(), phases[hypothesis.during().ordinal()]);
            ObjectNode item = hypotheses.addObject().put("expect", hypothesis.expect()).put("during", hypothesis.during().label());
            if (value.isEmpty()) {
                item.putNull("value").put("status", "unmeasured");
                allHeld = false;
                continue;
            }
            double shown = hypothesis.signal().ratio() ? value.get() * 100 : value.get();
            boolean held = hypothesis.atLeast() ? shown >= hypothesis.threshold() : shown <= hypothesis.threshold();
            item.put("value", round(shown)).put("status", held ? "held" : "broken");
            allHeld &= held;
        }
        report.put("result", allHeld ? "held" : "broken");

        ArrayNode incidents = report.putArray("incidents");
        List<Incident> ordered = record.incidents();
        for (int index = 0; index < ordered.size(); index++) {
            Incident incident = ordered.get(index);
            double start = seconds(origin, incident.start());
            double stop = seconds(origin, incident.end().orElse(record.trafficEnd()));
            double next = index + 1 < ordered.size() ? seconds(origin, ordered.get(index + 1).start()) : end;
            incidents.add(incident(incident, start, stop, Math.max(next, stop), intervals, phases[0], objectives));
        }

        ArrayNode slis = report.putArray("slis");
        for (Signal signal : Signal.values()) {
            if (intervals.stream().noneMatch(interval -> interval.value(signal).isPresent())) {
                continue;
            }
            ObjectNode item = slis.addObject().put("signal", signal.label()).put("name", signal.description());
            Objective objective = objectives.get(signal);
            item.put("objective", objective == null ? null : objective.text());
            for (Scenario.Phase phase : List.of(Scenario.Phase.BASELINE, Scenario.Phase.FAULT, Scenario.Phase.RECOVERY)) {
                Optional<Double> value = over(intervals, signal, phases[phase.ordinal()]);
                item.put(phase.label(), value.map(v -> round(signal.ratio() ? v * 100 : v)).orElse(null));
            }
            item.put("unit", signal.ratio() ? "percent" : "milliseconds");
            if (objective != null && signal.ratio()) {
                budget(item, intervals, signal, objective, phases);
            }
        }
        ArrayNode timeline = report.putArray("timeline");
        for (Interval interval : intervals) {
            ObjectNode point = timeline.addObject().put("start", round(interval.start())).put("end", round(interval.end()));
            for (Signal signal : Signal.values()) {
                interval.value(signal).ifPresent(value -> point.put(signal.label(), round(signal.ratio() ? value * 100 : value)));
            }
        }
        ClientCounters.Reading last = record.samples().get(record.samples().size() - 1).client();
        report.putObject("traffic").put("calls", last.calls()).put("succeeded", last.succeeded()).put("attempts", last.attempts())
                .put("throttled", last.throttled()).put("unanswered", last.unanswered());
        ArrayNode left = report.putArray("leftBehind");
        record.leftBehind().forEach(left::add);
        return report;
    }

    /** An objective as the server states it: {@code >= 0.999}. */
    record Objective(String text, boolean atLeast, double target) {
        boolean met(double value) {
            return meets(value, target);
        }

        boolean meets(double value, double bar) {
            return atLeast ? value >= bar : value <= bar;
        }

        double allowedBad() {
            return atLeast ? 1 - target : target;
        }
    }

    private static Map<Signal, Objective> objectives(Map<Signal, String> stated) {
        Map<Signal, Objective> objectives = new EnumMap<>(Signal.class);
        stated.forEach((signal, text) -> {
            String[] parts = text.trim().split("\\s+");
            if (parts.length == 2 && (parts[0].equals(">=") || parts[0].equals("<="))) {
                try {
                    objectives.put(signal, new Objective(text, parts[0].equals(">="), Double.parseDouble(parts[1])));
                } catch (NumberFormatException notANumber) {
                    // An objective that is no plain number (M4's is relative to a baseline) is not judged here.
                }
            }
        });
        // The client's success is held to the same objective as the gateway's (M3).
        Optional.ofNullable(objectives.get(Signal.M3)).ifPresent(objective -> objectives.put(Signal.CLIENT_SUCCESS, objective));
        return objectives;
    }

    private static ObjectNode incident(Incident incident, double start, double stop, double until, List<Interval> intervals, double[] baseline,
            Map<Signal, Objective> objectives) {
        ObjectNode item = JSON.createObjectNode().put("name", incident.name()).put("what", incident.what()).put("start", round(start))
                .put("end", round(stop));
        ArrayNode moved = item.putArray("signals");
        String first = null;
        double firstAfter = Double.MAX_VALUE;
        for (Signal signal : Signal.values()) {
            Objective objective = objectives.get(signal);
            if (objective == null || !signal.ratio()) {
                continue;
            }
            double bar = detectionBar(objective, over(intervals, signal, baseline));
            for (Interval interval : intervals) {
                if (interval.end() <= start || interval.start() >= until) {
                    continue;
                }
                Optional<Double> value = interval.seen(signal);
                if (value.isPresent() && !objective.meets(value.get(), bar)) {
                    double after = Math.max(0, interval.end() - start);
                    moved.addObject().put("signal", signal.label()).put("movedAfterSeconds", round(after))
                            .put("value", round(value.get() * 100));
                    if (after < firstAfter) {
                        firstAfter = after;
                        first = signal.label();
                    }
                    break;
                }
            }
        }
        item.put("detectedBy", first);
        item.put("timeToDetectSeconds", first == null ? null : round(firstAfter));
        // Recovered: from some interval after the end on, the rest together is back at the objective, or at the baseline
        // where the baseline itself fell short of it (the client's view, else M3).
        Signal watched = intervals.stream().anyMatch(interval -> interval.value(Signal.CLIENT_SUCCESS).isPresent()) ? Signal.CLIENT_SUCCESS : Signal.M3;
        Objective objective = objectives.get(watched);
        List<Interval> after = new ArrayList<>();
        for (Interval interval : intervals) {
            if (interval.start() >= stop - 1e-9 && interval.end() <= until + 1e-9 && interval.value(watched).isPresent()) {
                after.add(interval);
            }
        }
        Double recoveredAt = null;
        if (objective != null) {
            Optional<Double> before = over(intervals, watched, baseline);
            double bar = before.map(value -> objective.atLeast() ? Math.min(objective.target(), value) : Math.max(objective.target(), value))
                    .orElse(objective.target());
            double[] rest = new double[2];
            for (int index = after.size() - 1; index >= 0; index--) {
                double[] count = after.get(index).counts().get(watched);
                rest[0] += count[0];
                rest[1] += count[1];
                if (objective.meets(rest[0] / rest[1], bar)) {
                    recoveredAt = after.get(index).start();
                }
            }
        }
        if (objective == null || after.isEmpty()) {
            item.putNull("recovered").put("recoveredBy", watched.label());
        } else {
            item.put("recovered", recoveredAt != null).put("recoveredBy", watched.label());
        }
        item.put("timeToRecoverSeconds", recoveredAt == null ? null : round(Math.max(0, recoveredAt - stop)));
        return item;
    }

    /**
     * What a signal must fall past to have moved: its objective, or, where the baseline already fell short of it (a busy
     * machine, a slow client), the baseline less {@link #NOISE} (more, for a signal that should stay low).
     */
    private static double detectionBar(Objective objective, Optional<Double> baseline) {
        if (baseline.isEmpty() || objective.met(baseline.get())) {
            return objective.target();
        }
        return objective.atLeast() ? baseline.get() - NOISE : baseline.get() + NOISE;
    }

    /** The bad events, the burn rate while the faults acted, and how much of a 30-day budget at the baseline's rate they spent. */
    private static void budget(ObjectNode item, List<Interval> intervals, Signal signal, Objective objective, double[][] phases) {
        double[] whole = sum(intervals, signal, phases[Scenario.Phase.ALL.ordinal()]);
        double[] fault = sum(intervals, signal, phases[Scenario.Phase.FAULT.ordinal()]);
        double[] baseline = sum(intervals, signal, phases[Scenario.Phase.BASELINE.ordinal()]);
        double bad = objective.atLeast() ? whole[1] - whole[0] : whole[0];
        item.put("events", (long) whole[1]).put("badEvents", (long) bad);
        double allowed = objective.allowedBad();
        if (allowed <= 0) {
            return;
        }
        if (fault[1] > 0) {
            double faultBad = objective.atLeast() ? fault[1] - fault[0] : fault[0];
            item.put("burnRate", round(faultBad / fault[1] / allowed));
        }
        double baselineSeconds = phases[Scenario.Phase.BASELINE.ordinal()][1] - phases[Scenario.Phase.BASELINE.ordinal()][0];
        if (baseline[1] > 0 && baselineSeconds > 0) {
            double monthEvents = baseline[1] / baselineSeconds * MONTH.toSeconds();
            item.put("monthlyBudgetSpentPercent", round(bad / (allowed * monthEvents) * 100));
        }
    }

    private static Optional<Double> over(List<Interval> intervals, Signal signal, double[] phase) {
        if (signal == Signal.CLIENT_LATENCY_P95) {
            List<Double> latencies = new ArrayList<>();
            intervals.stream().filter(interval -> inside(interval, phase)).forEach(interval -> latencies.addAll(interval.latencies()));
            return percentile(latencies, 0.95);
        }
        double[] sum = sum(intervals, signal, phase);
        return sum[1] > 0 ? Optional.of(sum[0] / sum[1]) : Optional.empty();
    }

    private static double[] sum(List<Interval> intervals, Signal signal, double[] phase) {
        double[] sum = new double[2];
        for (Interval interval : intervals) {
            double[] count = interval.counts().get(signal);
            if (count != null && inside(interval, phase)) {
                sum[0] += count[0];
                sum[1] += count[1];
            }
        }
        return sum;
    }

    /**
     * An interval counts in a phase when it lies wholly inside it: one that straddles a fault's start or end holds calls of
     * both sides, and counts only for the whole game day.
     */
    private static boolean inside(Interval interval, double[] phase) {
        double slack = 1e-6;
        return interval.start() >= phase[0] - slack && interval.end() <= phase[1] + slack;
    }

    /**
     * The intervals between consecutive readings from the traffic's start to its end: the server's counts are those that
     * arrived between the readings; the client's calls are those that began between them, whenever they ended.
     */
    private static List<Interval> intervals(GamedayRun.Record record, Instant origin) {
        List<ClientCounters.Call> calls = new ArrayList<>();
        record.samples().forEach(sample -> calls.addAll(sample.client().ended()));
        calls.sort(java.util.Comparator.comparing(ClientCounters.Call::start));
        int next = 0;
        while (next < calls.size() && calls.get(next).start().isBefore(record.samples().get(0).at())) {
            next++;
        }
        List<Interval> intervals = new ArrayList<>();
        List<Sample> samples = record.samples();
        for (int index = 1; index < samples.size(); index++) {
            Sample before = samples.get(index - 1);
            Sample after = samples.get(index);
            Map<Signal, double[]> counts = new EnumMap<>(Signal.class);
            after.server().forEach((signal, count) -> {
                long[] previous = before.server().get(signal);
                counts.put(signal, new double[] {Math.max(0, count[0] - previous[0]), Math.max(0, count[1] - previous[1])});
            });
            double[] success = new double[2];
            List<Double> latencies = new ArrayList<>();
            boolean last = index == samples.size() - 1;
            for (; next < calls.size() && (last || calls.get(next).start().isBefore(after.at())); next++) {
                ClientCounters.Call call = calls.get(next);
                success[0] += call.success() ? 1 : 0;
                success[1]++;
                latencies.add(call.millis());
            }
            counts.put(Signal.CLIENT_SUCCESS, success);
            double[] ended = new double[2];
            for (ClientCounters.Call call : after.client().ended()) {
                ended[0] += call.success() ? 1 : 0;
                ended[1]++;
            }
            percentile(latencies, 0.95).ifPresent(p95 -> counts.put(Signal.CLIENT_LATENCY_P95, new double[] {p95, 1}));
            intervals.add(new Interval(seconds(origin, before.at()), seconds(origin, after.at()), counts, latencies, ended));
        }
        return intervals;
    }

    private static Optional<Double> percentile(List<Double> values, double rank) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return Optional.of(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(rank * sorted.size()) - 1)));
    }

    private static double seconds(Instant origin, Instant at) {
        return Duration.between(origin, at).toNanos() / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
