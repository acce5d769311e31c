package dev.backlane.server.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultCommand;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultRequest;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.fault.EvenShare;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.fault.CallErrorGate;
import dev.backlane.core.fault.TelemetryFate;
import dev.backlane.core.fault.TelemetryKind;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The faults of a running server: made through {@link FaultCommand}, listed, removed, and each in force only inside
 * its time box — which faults act is decided from the clock at every question, so a fault never outlives its end
 * even when the timer that announces it is late. A timer publishes {@link FaultStartedEvent} and
 * {@link FaultEndedEvent} and forgets ended faults. Each fault is also kept in a {@link FaultLedger} (the store) from
 * when it is made until it ends, and {@link #resume()} takes them up again after a restart: those that ended meanwhile
 * end, the others act until their original end.
 *
 * <p>The path engine and the DNS listeners see the active faults on the world index ({@link #overlay}); with no
 * fault that is the index itself, so faults cost nothing when none is made.
 */
public final class Faults implements AutoCloseable {
    private static final EvenShare NEVER = new EvenShare(0);
    /** The kinds the data plane acts on so far; the others are refused rather than accepted and ignored. */
    private static final Set<FaultKind> CARRIED_OUT = EnumSet.of(FaultKind.F1_PUBLIC_DNS, FaultKind.F2_SECURITY_GROUP_DROP,
            FaultKind.F3_ZONE_UNAVAILABLE, FaultKind.F4_POLICY_DENY, FaultKind.F5_COST_SPIKE, FaultKind.F6_ASYMMETRIC_ROUTING, FaultKind.F7_THROTTLING,
            FaultKind.F8_TELEMETRY_LOSS, FaultKind.API_INTERNAL_ERROR, FaultKind.API_UNAVAILABLE, FaultKind.TOXIC);
    private final FaultCommand command;
    private final InstantSource clock;
    private final IdSource ids;
    private final EventStream events;
    private final FaultLedger ledger;
    private final ScheduledExecutorService timer;
    private final Map<String, CallErrorGate> gates = new ConcurrentHashMap<>();
    /** Each F8 fault's share of the records it loses, so its percentage holds over all it covers. */
    private final Map<String, EvenShare> losses = new ConcurrentHashMap<>();
    /** Every fault not yet ended, in the order made; replaced whole on each change (copy on write). */
    private volatile List<Fault> faults = List.of();
    private volatile ActiveSet activeSet = new ActiveSet(List.of(), FaultSet.none());
    private volatile Overlay overlay;

    private record ActiveSet(List<Fault> active, FaultSet set) {
    }

    private record Overlay(WorldIndex base, FaultSet set, WorldIndex index) {
    }

    /** Faults kept in memory only. */
    public Faults(FaultCommand command, InstantSource clock, IdSource ids, EventStream events) {
        this(command, clock, ids, events, FaultLedger.none());
    }

    public Faults(FaultCommand command, InstantSource clock, IdSource ids, EventStream events, FaultLedger ledger) {
        this.command = requireNonNull(command, "command is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.events = requireNonNull(events, "events is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlane-faults");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Makes the fault the request asks for, checked against the world and the workloads ({@code workloadInterfaces}: a
     * workload's network interface); throws {@link dev.backlane.core.error.AwsException} and makes nothing when the
     * request is refused.
     */
    public Fault create(FaultRequest request, World world, Function<String, Optional<String>> workloadInterfaces) {
        Instant now = clock.instant();
        Fault fault = command.create(request, world, workloadInterfaces, now, ids);
        if (!CARRIED_OUT.contains(fault.kind()) || fault.parameters().toxic().isPresent() && !CARRIED_OUT.contains(FaultKind.TOXIC)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter kind is invalid. This Backlane does not inject %s yet.",
                    fault.kind().label(), fault.parameters().toxic().isPresent() ? "toxics or added latency" : fault.kind().label() + " faults");
        }
        ledger.record(fault);
        take(fault);
        return fault;
    }

    /**
     * Takes up the faults the ledger kept before a restart: one that ended meanwhile is forgotten (and, if it had
     * started, announced as ended at its end time), the others act again until their original end.
     */
    public void resume() {
        Instant now = clock.instant();
        for (Fault fault : ledger.recorded()) {
            if (fault.endedAt(now)) {
                ledger.forget(fault);
                events.publish(new FaultEndedEvent(fault, fault.endTime(), FaultEndedEvent.Reason.EXPIRED));
            } else if (faults.stream().noneMatch(known -> known.id().equals(fault.id()))) {
                take(fault);
            }
        }
    }

    private void take(Fault fault) {
        if (fault.answersCalls()) {
            gates.put(fault.id(), new CallErrorGate(fault));
        }
        if (fault.kind() == FaultKind.F8_TELEMETRY_LOSS && fault.parameters().percentage().isPresent()) {
            losses.put(fault.id(), new EvenShare(fault.parameters().percentage().get()));
        }
        synchronized (this) {
            List<Fault> more = new ArrayList<>(faults);
            more.add(fault);
            faults = List.copyOf(more);
        }
        schedule(fault.startTime(), () -> started(fault));
        schedule(fault.endTime(), () -> expired(fault));
    }

    /** The faults not yet ended (active, or waiting for their start), in the order made. */
    public List<Fault> list() {
        Instant now = clock.instant();
        return faults.stream().filter(fault -> !fault.endedAt(now)).toList();
    }

    public Optional<Fault> find(String id) {
        return list().stream().filter(fault -> fault.id().equals(id)).findFirst();
    }

    /** Removes the fault at once; empty when there is no such fault (or it has ended). */
    public Optional<Fault> remove(String id) {
        Optional<Fault> found = find(id);
        found.ifPresent(fault -> {
            ledger.forget(fault);
            ended(fault, FaultEndedEvent.Reason.REMOVED);
        });
        return found;
    }

    /** The faults active now. */
    public FaultSet active() {
        List<Fault> all = faults;
        if (all.isEmpty()) {
            return FaultSet.none();
        }
        Instant now = clock.instant();
        List<Fault> active = new ArrayList<>(all.size());
        for (Fault fault : all) {
            if (fault.activeAt(now)) {
                active.add(fault);
            }
        }
        ActiveSet cached = activeSet;
        if (cached.active().equals(active)) {
            return cached.set();
        }
        FaultSet set = FaultSet.of(active);
        activeSet = new ActiveSet(List.copyOf(active), set);
        return set;
    }

    /**
     * The index with the faults active now: the base itself when there are none, and the same overlay object while
     * neither the world nor the active faults change, so answers cached on it (the DNS listeners') stay valid.
     */
    public WorldIndex overlay(WorldIndex base) {
        FaultSet set = active();
        if (set.isEmpty()) {
            return base;
        }
        Overlay cached = overlay;
        if (cached != null && cached.base() == base && cached.set() == set) {
            return cached.index();
        }
        WorldIndex index = base.withFaults(set);
        overlay = new Overlay(base, set, index);
        return index;
    }

    /**
     * The first active fault covering the subject that answers this call with an error (F7 throttling, an internal or
     * unavailable error), in the order of {@link FaultKind#CALL_ERRORS}; each fault's gate counts the calls it covers.
     */
    public Optional<Fault> answering(FaultSubject subject, String operation) {
        FaultSet set = active();
        if (set.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (FaultKind kind : FaultKind.CALL_ERRORS) {
            if (!set.has(kind)) {
                continue;
            }
            for (Fault fault : set.all(kind, subject)) {
                List<String> operations = fault.parameters().operations();
                if (!operations.isEmpty() && !operations.contains(operation)) {
                    continue;
                }
                CallErrorGate gate = gates.get(fault.id());
                if (gate != null && gate.answers(now)) {
                    return Optional.of(fault);
                }
            }
        }
        return Optional.empty();
    }

    /** What the active F8 faults do to one telemetry record of the kind about the subject; delivered now when none covers it. */
    public TelemetryFate telemetry(TelemetryKind kind, FaultSubject subject) {
        FaultSet set = active();
        if (!set.has(FaultKind.F8_TELEMETRY_LOSS)) {
            return TelemetryFate.DELIVERED;
        }
        return TelemetryFate.of(kind, set.all(FaultKind.F8_TELEMETRY_LOSS, subject), fault -> losses.getOrDefault(fault.id(), NEVER));
    }

    private void schedule(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        if (delay == 0) {
            task.run();
        } else {
            timer.schedule(task, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** The timer's end of a fault: forgotten by the ledger too, which a store that is down leaves to the next start. */
    private void expired(Fault fault) {
        try {
            ledger.forget(fault);
        } catch (RuntimeException storeDown) {
            // The fault acts no more either way (activity is read from the clock); resume() forgets it on the next start.
        }
        ended(fault, FaultEndedEvent.Reason.EXPIRED);
    }

    private void started(Fault fault) {
        if (faults.contains(fault)) {
            events.publish(new FaultStartedEvent(fault, fault.startTime()));
        }
    }

    /** Forgets the fault and, if it had started, says it ended; a second end (removed, then expired) does nothing. */
    private void ended(Fault fault, FaultEndedEvent.Reason reason) {
        boolean removed;
        synchronized (this) {
            List<Fault> fewer = new ArrayList<>(faults);
            removed = fewer.remove(fault);
            faults = List.copyOf(fewer);
        }
        gates.remove(fault.id());
        losses.remove(fault.id());
        Instant now = clock.instant();
        if (removed && !now.isBefore(fault.startTime())) {
            events.publish(new FaultEndedEvent(fault, reason == FaultEndedEvent.Reason.EXPIRED ? fault.endTime() : now, reason));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
