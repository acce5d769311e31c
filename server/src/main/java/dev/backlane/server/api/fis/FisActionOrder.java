package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;
import static dev.backlane.server.api.fis.FisAnswers.validation;

import dev.backlane.server.api.Input;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each of an experiment's actions starts: with the experiment, or, with {@code startAfter}, when the last of the
 * actions it names has ended (FIS runs actions in parallel unless ordered). An order with a cycle is refused.
 */
final class FisActionOrder {
    private FisActionOrder() {}

    /** Each action's start offset from the experiment's start; a ValidationException names a cycle. */
    static Map<String, Duration> starts(Map<String, Object> actions) {
        Map<String, Duration> starts = new LinkedHashMap<>();
        for (String name : actions.keySet()) {
            start(name, actions, starts, new HashSet<>());
        }
        return starts;
    }

    /** The actions' start times for an experiment starting at {@code experimentStart}. */
    static Map<String, Instant> startTimes(Map<String, Object> actions, Instant experimentStart) {
        Map<String, Instant> times = new LinkedHashMap<>();
        starts(actions).forEach((name, offset) -> times.put(name, experimentStart.plus(offset)));
        return times;
    }

    private static Duration start(String name, Map<String, Object> actions, Map<String, Duration> starts, Set<String> visiting) {
        Duration known = starts.get(name);
        if (known != null) {
            return known;
        }
        if (!visiting.add(name)) {
            throw validation("Action %s: its startAfter order makes a cycle", name);
        }
        Input action = new Input(castMap(actions.get(name)));
        Duration start = Duration.ZERO;
        for (String after : action.has("startAfter") ? action.strings("startAfter") : List.<String>of()) {
            if (!actions.containsKey(after)) {
                throw validation("Action %s: startAfter names %s, which is not an action of the template", name, after);
            }
            Duration end = start(after, actions, starts, visiting).plus(duration(after, actions));
            start = end.compareTo(start) > 0 ? end : start;
        }
        visiting.remove(name);
        starts.put(name, start);
        return start;
    }

    private static Duration duration(String name, Map<String, Object> actions) {
        Input action = new Input(castMap(actions.get(name)));
        return FisInstanceActions.duration(action.string("actionId"), action.has("parameters") ? action.map("parameters") : Map.of());
    }
}
