package dev.backlane.server.api.fis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.alarm.AlarmState;
import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.model.Scope;
import dev.backlane.core.event.AlarmStateChangedEvent;
import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.fault.Faults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * FIS stop conditions on CloudWatch alarms: when an alarm goes to ALARM, every running experiment of its account and
 * region with a stop condition {@code aws:cloudwatch:alarm} on it is stopped, as FIS does — its faults end and it
 * reads as {@code stopped}, with the reason saying the stop condition stopped it. Subscribed to the event stream's
 * {@link AlarmStateChangedEvent}s; runs on the alarms' evaluation thread (or that of the SetAlarmState call).
 */
public final class FisStopConditions implements Consumer<AlarmStateChangedEvent> {
    static final String ALARM_SOURCE = "aws:cloudwatch:alarm";
    /** Where a stopped experiment keeps why, among its members (not written on the wire: the model has no such member). */
    static final String STOP_REASON = "backlane:stopReason";
    static final String STOPPED_BY_CONDITION = "Experiment stopped by stop condition.";
    static final String FAILED_IN_ALARM = "Experiment failed to start: stop condition %s is in ALARM state.";

    /** Which of a template's stop conditions names an alarm of the scope that is in ALARM now. */
    @FunctionalInterface
    interface InAlarm {
        Optional<String> first(Scope scope, Object stopConditions);

        /** Reads the alarms' states from the store. */
        static InAlarm of(AlarmStore alarms) {
            requireNonNull(alarms, "alarms is null");
            return (scope, stopConditions) -> alarmArns(stopConditions).stream()
                    .filter(arn -> alarms.findByArn(arn).filter(alarm -> alarm.scope().equals(scope))
                            .filter(alarm -> alarm.status().value() == AlarmState.ALARM).isPresent())
                    .findFirst();
        }
    }

    private final Cloud cloud;
    private final Faults faults;
    private final FisActionEnds endings;
    private final BiConsumer<Scope, String> stopped;

    /**
     * {@code endings} does what a stopped experiment's actions owe at their end; {@code stopped} hears of each experiment
     * stopped, after its faults have ended (to write its log's end). {@link FisOperations#stopConditions()} gives them.
     */
    FisStopConditions(Cloud cloud, Faults faults, FisActionEnds endings, BiConsumer<Scope, String> stopped) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.endings = requireNonNull(endings, "endings is null");
        this.stopped = requireNonNull(stopped, "stopped is null");
    }

    @Override
    public void accept(AlarmStateChangedEvent event) {
        if (event.current() != AlarmState.ALARM) {
            return;
        }
        String arn = event.alarm().arn();
        Instant at = event.at();
        List<FisExperiment> stopped = cloud.write(event.alarm().scope(), transaction -> {
            List<FisExperiment> running = new ArrayList<>();
            for (FisExperiment experiment : transaction.all(ResourceTypes.FIS_EXPERIMENT)) {
                if (experiment.stoppedAt() == null && at.isBefore(experiment.endTime()) && watches(experiment, arn)) {
                    // What the actions owe at their end (instances started again, subnets' own ACLs) is done at once, as on StopExperiment.
                    transaction.put(ResourceTypes.FIS_EXPERIMENT, endings.undoEnded(transaction, stoppedByCondition(experiment, at), at));
                    running.add(experiment);
                }
            }
            return running;
        });
        stopped.forEach(experiment -> experiment.faultIds().forEach(faults::remove));
        stopped.forEach(experiment -> this.stopped.accept(event.alarm().scope(), experiment.id()));
    }

    /** Whether one of the experiment's stop conditions is the alarm. */
    static boolean watches(FisExperiment experiment, String alarmArn) {
        return alarmArns(experiment.members().get("stopConditions")).contains(alarmArn);
    }

    /** The ARNs of the alarms among stop conditions. */
    static List<String> alarmArns(Object conditions) {
        if (!(conditions instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(FisAnswers::castMap).filter(condition -> ALARM_SOURCE.equals(condition.get("source")))
                .map(condition -> String.valueOf(condition.get("value"))).toList();
    }

    private static FisExperiment stoppedByCondition(FisExperiment experiment, Instant at) {
        Map<String, Object> members = new LinkedHashMap<>(experiment.members());
        members.put(STOP_REASON, STOPPED_BY_CONDITION);
        return experiment.withMembers(members).stopped(at);
    }
}
