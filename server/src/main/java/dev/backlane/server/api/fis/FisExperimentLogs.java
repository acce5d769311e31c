package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.logs.LogDelivery;
import dev.backlane.core.logs.LogEventCommands;
import dev.backlane.core.logs.LogNames;
import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;

/**
 * Writes experiment logs to CloudWatch Logs, as FIS does for a template whose {@code logConfiguration} names a
 * {@code cloudWatchLogsConfiguration.logGroupArn}: each record of {@link FisExperimentLog} once it has happened, to the
 * stream named for the experiment's ID in that group, at its own time. The log group must exist: an experiment whose
 * group does not is failed as it initiates ({@link #missingGroup}); a group deleted while it runs loses the records
 * meant for it. Which records are written is kept among the experiment's members, so a record is written once, also
 * across a restart ({@link #resume()}). A start writes the first records at once, a timer the others at the times its
 * actions start and end, and a stop (by StopExperiment or a stop condition) those it made at once.
 */
final class FisExperimentLogs implements AutoCloseable {
    static final String NO_LOG_GROUP = "Unable to deliver experiment logs: the log group %s does not exist.";
    /** Among an experiment's members, the keys of the records written ({@link FisExperimentLog.Entry#key()}). */
    static final String LOGGED = "backlane:logged";
    private static final Logger LOG = Logger.getLogger(FisExperimentLogs.class.getName());

    private final Cloud cloud;
    private final LogDelivery delivery = new LogDelivery(LogEventCommands.standard());
    private final ScheduledExecutorService timer;

    /** The log group a destination names: its scope and name. */
    private record Group(Scope scope, String name) {}

    FisExperimentLogs(Cloud cloud) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlane-fis-logs");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The ARN of the CloudWatch Logs group a log configuration names when that group does not exist; empty otherwise. */
    Optional<String> missingGroup(Object logConfiguration) {
        Optional<String> arn = groupArn(logConfiguration);
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        Group group = group(arn.get());
        World world = cloud.snapshot();
        boolean exists = world.hasScope(group.scope()) && world.find(group.scope(), ResourceTypes.LOG_GROUP, group.name()).isPresent();
        return exists ? Optional.empty() : arn;
    }

    /** Writes what a just-started experiment has logged, and the rest of its log as its actions start and end. */
    void started(Scope scope, String experimentId) {
        deliver(scope, experimentId);
        cloud.snapshot(scope).find(scope, ResourceTypes.FIS_EXPERIMENT, experimentId).ifPresent(experiment -> schedule(scope, experiment));
    }

    /** Takes up, after a restart, the logs of experiments not yet written to their end. */
    void resume() {
        World world = cloud.snapshot();
        for (Scope scope : world.scopes()) {
            for (FisExperiment experiment : world.scope(scope).all(ResourceTypes.FIS_EXPERIMENT)) {
                if (groupArn(experiment.members().get("logConfiguration")).isPresent() && !logged(experiment).contains("experiment-end")) {
                    deliver(scope, experiment.id());
                    schedule(scope, experiment);
                }
            }
        }
    }

    /** A delivery at each time the experiment's log grows: its actions' starts and ends (its own end is the last of these). */
    private void schedule(Scope scope, FisExperiment experiment) {
        if (groupArn(experiment.members().get("logConfiguration")).isEmpty()) {
            return;
        }
        Set<Instant> times = new TreeSet<>(experiment.actionStarts().values());
        times.addAll(experiment.actionEnds().values());
        Instant now = cloud.now();
        for (Instant at : times) {
            long delay = Duration.between(now, at).toMillis();
            if (delay > 0) {
                timer.schedule(() -> deliverSafely(scope, experiment.id()), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Writes the experiment's records due by now that are not yet written. */
    synchronized void deliver(Scope scope, String experimentId) {
        World world = cloud.snapshot();
        Optional<FisExperiment> found = world.hasScope(scope) ? world.find(scope, ResourceTypes.FIS_EXPERIMENT, experimentId) : Optional.empty();
        Optional<String> arn = found.flatMap(experiment -> groupArn(experiment.members().get("logConfiguration")));
        if (found.isEmpty() || arn.isEmpty()) {
            return;
        }
        Set<String> logged = logged(found.get());
        List<FisExperimentLog.Entry> due = FisExperimentLog.madeBy(scope, found.get(), cloud.now()).stream()
                .filter(entry -> !logged.contains(entry.key())).toList();
        if (due.isEmpty()) {
            return;
        }
        Group group = group(arn.get());
        try {
            if (world.hasScope(group.scope()) && world.find(group.scope(), ResourceTypes.LOG_GROUP, group.name()).isPresent()) {
                List<LogEvent> events = due.stream().map(entry -> new LogEvent(entry.at().toEpochMilli(), entry.json())).toList();
                cloud.write(group.scope(), transaction -> transaction.find(ResourceTypes.LOG_GROUP, group.name())
                        .map(exists -> delivery.deliver(transaction, group.name(), experimentId, events)));
            }
        } catch (RuntimeException undeliverable) {
            // As AWS's delivery does, records that cannot be written are lost; the experiment goes on.
            LOG.log(Level.WARNING, experimentId + ": cannot write experiment log records to " + arn.get(), undeliverable);
        }
        cloud.write(scope, transaction -> transaction.find(ResourceTypes.FIS_EXPERIMENT, experimentId).map(current -> {
            Set<String> written = logged(current);
            due.forEach(entry -> written.add(entry.key()));
            Map<String, Object> members = new LinkedHashMap<>(current.members());
            members.put(LOGGED, List.copyOf(written));
            return transaction.put(ResourceTypes.FIS_EXPERIMENT, current.withMembers(members));
        }));
    }

    private static Set<String> logged(FisExperiment experiment) {
        Set<String> logged = new LinkedHashSet<>();
        if (experiment.members().get(LOGGED) instanceof List<?> keys) {
            keys.forEach(key -> logged.add(String.valueOf(key)));
        }
        return logged;
    }

    /** The log group ARN of a log configuration's CloudWatch Logs destination, if it has one. */
    static Optional<String> groupArn(Object logConfiguration) {
        Object arn = castMap(castMap(logConfiguration).get("cloudWatchLogsConfiguration")).get("logGroupArn");
        return arn == null ? Optional.empty() : Optional.of(String.valueOf(arn));
    }

    private static Group group(String arn) {
        Matcher matcher = LogNames.GROUP_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a log group ARN, which the template check refuses: " + arn);
        }
        return new Group(new Scope(matcher.group(2), matcher.group(1)), matcher.group(3));
    }

    private void deliverSafely(Scope scope, String experimentId) {
        try {
            deliver(scope, experimentId);
        } catch (RuntimeException e) {
            // A store that is down loses this run; the next time the log grows, or a restart, writes what it missed.
            LOG.log(Level.WARNING, experimentId + ": FIS experiment log delivery failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
