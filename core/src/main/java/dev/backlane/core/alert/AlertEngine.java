package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SloTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Evaluates the alerting rules over the SLIs of each subject (endpoint) and keeps each alert's state: pending while its
 * condition has held for less than the rule's {@code for}, firing after, resolved once it has not held for the rule's
 * {@code keepFiringFor}. Rules raising the same alert at the same severity make one alert per subject (dedupe by
 * endpoint ID); an evaluation returns one notification per group (severity, region, service) in which an alert fired
 * or resolved. A pending alert whose condition stops holding goes away unnoticed, as in Prometheus: that is the
 * flapping suppressed. Pure: the caller gives the time; windows and durations are divided by {@code timeScale}, which is
 * 1 except in tests on a short clock. Thread-safe.
 */
public final class AlertEngine {
    /** Resolved alerts kept for {@link #recentlyResolved()}. */
    static final int RESOLVED_KEPT = 100;

    private final List<AlertRule> rules;
    private final List<AlertRule> scaled;
    private final long timeScale;
    private final Map<RuleOnSubject, Instant> holdingSince = new HashMap<>();
    private final Map<AlertKey, Tracked> tracked = new TreeMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();

    public AlertEngine(List<AlertRule> rules, long timeScale) {
        if (timeScale < 1) {
            throw new IllegalArgumentException("the time scale must be at least 1, not " + timeScale);
        }
        this.rules = List.copyOf(rules);
        this.timeScale = timeScale;
        this.scaled = this.rules.stream().map(rule -> rule.scaled(timeScale)).toList();
    }

    /** The rules as configured (unscaled). */
    public List<AlertRule> rules() {
        return rules;
    }

    public long timeScale() {
        return timeScale;
    }

    /** Reads every rule for every subject at {@code now}, moves the alerts on, and returns what the groups that changed must be told. */
    public synchronized List<AlertNotification> evaluate(Instant now, SliBook book, SloTargets slo, Collection<AlertSubject> subjects) {
        requireNonNull(now, "now is null");
        Map<AlertKey, Holding> holding = new LinkedHashMap<>();
        Map<SliKey, AlertSubject> bySubject = new HashMap<>();
        WindowCounts counts = new WindowCounts(book, now);
        for (AlertSubject subject : subjects) {
            bySubject.put(subject.key(), subject);
            for (int i = 0; i < scaled.size(); i++) {
                AlertRule rule = scaled.get(i);
                RuleOnSubject one = new RuleOnSubject(i, subject.key());
                AlertCondition.Reading reading = rule.condition().read(rule.indicator(), counts, subject.key(), slo, timeScale);
                if (!reading.holds()) {
                    holdingSince.remove(one);
                    continue;
                }
                Instant since = holdingSince.computeIfAbsent(one, ignored -> now);
                Holding held = holding.computeIfAbsent(new AlertKey(rule.alert(), rule.severity(), subject.key()), key -> new Holding(rule, subject));
                held.add(rule, since, !since.plus(rule.forDuration()).isAfter(now), reading.description());
            }
        }
        // Rules whose subject is gone (an endpoint deleted) no longer hold.
        holdingSince.keySet().removeIf(one -> !bySubject.containsKey(one.subject()));
        List<Alert> fired = new ArrayList<>();
        List<Alert> ended = new ArrayList<>();
        for (Map.Entry<AlertKey, Holding> entry : holding.entrySet()) {
            Holding held = entry.getValue();
            Tracked alert = tracked.computeIfAbsent(entry.getKey(), key -> new Tracked(held.rule, held.subject, held.since));
            alert.subject = held.subject;
            alert.description = String.join("; ", held.descriptions);
            alert.lastHeld = now;
            alert.keepFiringFor = held.keepFiringFor;
            if (alert.firedAt == null && held.ready) {
                alert.firedAt = now;
                fired.add(alert.snapshot(AlertState.FIRING, Optional.empty()));
            }
        }
        for (var iterator = tracked.entrySet().iterator(); iterator.hasNext();) {
            Map.Entry<AlertKey, Tracked> entry = iterator.next();
            Tracked alert = entry.getValue();
            if (holding.containsKey(entry.getKey())) {
                continue;
            }
            if (alert.firedAt == null) {
                iterator.remove();
            } else if (!alert.lastHeld.plus(alert.keepFiringFor).isAfter(now)) {
                iterator.remove();
                Alert done = alert.snapshot(AlertState.RESOLVED, Optional.of(now));
                ended.add(done);
                resolved.addFirst(done);
                if (resolved.size() > RESOLVED_KEPT) {
                    resolved.removeLast();
                }
            }
        }
        return notifications(fired, ended);
    }

    /** One notification per group with a change: the group's firing alerts and those just resolved. */
    private List<AlertNotification> notifications(List<Alert> fired, List<Alert> ended) {
        Map<GroupKey, List<Alert>> changed = new TreeMap<>();
        for (Alert alert : fired) {
            changed.computeIfAbsent(GroupKey.of(alert), key -> new ArrayList<>());
        }
        for (Alert alert : ended) {
            changed.computeIfAbsent(GroupKey.of(alert), key -> new ArrayList<>()).add(alert);
        }
        List<AlertNotification> notifications = new ArrayList<>();
        for (Map.Entry<GroupKey, List<Alert>> group : changed.entrySet()) {
            List<Alert> alerts = new ArrayList<>();
            for (Tracked alert : tracked.values()) {
                if (alert.firedAt != null && GroupKey.of(alert.rule.severity(), alert.subject.labels()).equals(group.getKey())) {
                    alerts.add(alert.snapshot(AlertState.FIRING, Optional.empty()));
                }
            }
            alerts.addAll(group.getValue());
            alerts.sort(Comparator.comparing((Alert alert) -> alert.labels().toString()));
            GroupKey key = group.getKey();
            notifications.add(new AlertNotification(key.severity(), Map.of(AlertSubject.REGION, key.region(), AlertSubject.SERVICE, key.service()),
                    alerts));
        }
        return notifications;
    }

    /** The alerts pending or firing, by name and subject. */
    public synchronized List<Alert> active() {
        List<Alert> alerts = new ArrayList<>();
        for (Tracked alert : tracked.values()) {
            alerts.add(alert.snapshot(alert.firedAt == null ? AlertState.PENDING : AlertState.FIRING, Optional.empty()));
        }
        return alerts;
    }

    /** The last alerts that resolved, newest first (at most a hundred). */
    public synchronized List<Alert> recentlyResolved() {
        return List.copyOf(resolved);
    }

    private record RuleOnSubject(int rule, SliKey subject) {}

    /** One alert of one subject: what dedupes the rules raising it. */
    private record AlertKey(String alert, AlertSeverity severity, SliKey subject) implements Comparable<AlertKey> {
        @Override
        public int compareTo(AlertKey other) {
            int bySubject = subject.compareTo(other.subject);
            if (bySubject != 0) {
                return bySubject;
            }
            int byName = alert.compareTo(other.alert);
            return byName != 0 ? byName : severity.compareTo(other.severity);
        }
    }

    /** What alerts are grouped by: Alertmanager's route per severity, grouped by region and service. */
    private record GroupKey(AlertSeverity severity, String region, String service) implements Comparable<GroupKey> {
        static GroupKey of(Alert alert) {
            return of(alert.severity(), alert.labels());
        }

        static GroupKey of(AlertSeverity severity, Map<String, String> labels) {
            return new GroupKey(severity, labels.getOrDefault(AlertSubject.REGION, ""), labels.getOrDefault(AlertSubject.SERVICE, ""));
        }

        @Override
        public int compareTo(GroupKey other) {
            return Comparator.comparing(GroupKey::severity).thenComparing(GroupKey::region).thenComparing(GroupKey::service).compare(this, other);
        }
    }

    /** The rules of one alert that hold at one evaluation: since when the earliest has, whether one has held for its {@code for}. */
    private static final class Holding {
        final AlertRule rule;
        final AlertSubject subject;
        final List<String> descriptions = new ArrayList<>();
        Instant since;
        boolean ready;
        Duration keepFiringFor = Duration.ZERO;

        Holding(AlertRule rule, AlertSubject subject) {
            this.rule = rule;
            this.subject = subject;
        }

        void add(AlertRule holdingRule, Instant heldSince, boolean heldLongEnough, String description) {
            since = since == null || heldSince.isBefore(since) ? heldSince : since;
            ready |= heldLongEnough;
            descriptions.add(description);
            // The longest keepFiringFor of the rules that hold: each of them wants the alert kept that long.
            keepFiringFor = holdingRule.keepFiringFor().compareTo(keepFiringFor) > 0 ? holdingRule.keepFiringFor() : keepFiringFor;
        }
    }

    /** A pending or firing alert. */
    private static final class Tracked {
        final AlertRule rule;
        final Instant activeAt;
        AlertSubject subject;
        String description = "";
        Instant lastHeld;
        Instant firedAt;
        Duration keepFiringFor = Duration.ZERO;

        Tracked(AlertRule rule, AlertSubject subject, Instant activeAt) {
            this.rule = rule;
            this.subject = subject;
            this.activeAt = activeAt;
        }

        Alert snapshot(AlertState state, Optional<Instant> resolvedAt) {
            Map<String, String> labels = new TreeMap<>(subject.labels());
            labels.put("alertname", rule.alert());
            labels.put("severity", rule.severity().label());
            labels.put("indicator", rule.indicator().name());
            String who = subject.key().kind().label() + " " + subject.key().id();
            Map<String, String> annotations = Map.of(
                    "summary", rule.indicator() + " " + rule.indicator().title() + " of " + who + (rule.indicator().hasErrorBudget()
                            ? " is burning its error budget" : " is over its baseline"),
                    "description", description);
            return new Alert(rule.alert(), rule.severity(), rule.indicator(), labels, annotations, state, activeAt, Optional.ofNullable(firedAt),
                    resolvedAt);
        }
    }
}
