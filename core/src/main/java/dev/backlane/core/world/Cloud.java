package dev.backlane.core.world;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state of one emulated cloud, changed only by commands. Commands run one at a time; their
 * changes go to the {@link ChangeSink} (the durable store) in batches, and a batch's new world is
 * published only after the batch is durable, so readers ({@link #snapshot()}, never waiting) see only
 * what can no longer be lost, and a command's answer is returned only once its changes are durable.
 *
 * <p>Group commit without a thread of its own: callers queue their commands; the first caller to find
 * no batch under way becomes the leader, takes every queued command, runs them in order against the
 * current world, commits their changes in one store transaction, publishes, and then hands the
 * leadership to the next waiting caller. If the store cannot commit, every command in the batch fails
 * with ServiceUnavailable and the world stays as it was.
 */
public final class Cloud {
    /** Enough to amortise a disk flush over many commands, small enough to keep one batch's latency bounded. */
    private static final int MAX_BATCH = 512;

    private final InstantSource clock;
    private final TransitionTimes transitions;
    private final IdSource ids;
    private final ScopeInitializer initializer;
    private final ChangeSink sink;
    /** The size of the last batch; written and read only by the batch leader of the moment. */
    private volatile int lastBatchSize;
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private boolean leaderActive;
    /** While a leader gathers: the queue length it waits for (guarded by {@code queue}); 0 otherwise. */
    private int gatherTarget;
    private volatile World world;

    /** A cloud whose transitions take Backlane's default times. */
    public Cloud(World initial, InstantSource clock, IdSource ids, ScopeInitializer initializer, ChangeSink sink) {
        this(initial, clock, TransitionTimes.standard(), ids, initializer, sink);
    }

    public Cloud(World initial, InstantSource clock, TransitionTimes transitions, IdSource ids, ScopeInitializer initializer, ChangeSink sink) {
        this.world = requireNonNull(initial, "initial is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.transitions = requireNonNull(transitions, "transitions is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.initializer = requireNonNull(initializer, "initializer is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /** The current durable state, for reading. Scopes not yet seen have no default resources: use {@link #snapshot(Scope)}. */
    public World snapshot() {
        return world;
    }

    /** The current state, with the scope's default resources (default VPC, ...) created on first sight. */
    public World snapshot(Scope scope) {
        World current = world;
        if (current.hasScope(scope)) {
            return current;
        }
        submit(new Pending<>(scope, transaction -> null, null));
        return world;
    }

    /** The cloud's current time, for what reads derive from time (a NAT gateway's state). */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** How long the asynchronous state changes of this cloud take. */
    public TransitionTimes transitions() {
        return transitions;
    }

    /** Runs a command; its changes are durable and visible when this returns, and none are if it throws. */
    public <R> R write(Scope scope, Function<Transaction, R> command) {
        return submit(new Pending<>(requireNonNull(scope, "scope is null"), requireNonNull(command, "command is null"), null));
    }

    /** Runs a command's validation and effects against a copy, then discards them: DryRun. */
    public void rehearse(Scope scope, Consumer<Transaction> command) {
        World current = snapshot(scope);
        command.accept(new Transaction(current, scope, clock.instant(), transitions, ids));
    }

    /** Replaces the whole state, durably: reset and import. */
    public void replace(World replacement) {
        submit(new Pending<>(null, null, requireNonNull(replacement, "replacement is null")));
    }

    /** Brings the world up to date with what other servers sharing the store have committed. */
    public void refresh() {
        submit(new Pending<>(null, null, null));
    }

    private <R> R submit(Pending<R> pending) {
        boolean lead;
        synchronized (queue) {
            queue.add(pending);
            lead = !leaderActive;
            leaderActive = true;
            if (gatherTarget > 0 && queue.size() >= gatherTarget) {
                queue.notifyAll();
            }
        }
        if (!lead) {
            pending.awaitTurn();
        }
        if (!pending.isDone()) {
            gather();
            List<Pending<?>> batch = new ArrayList<>();
            synchronized (queue) {
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            }
            lastBatchSize = batch.size();
            try {
                process(batch);
            } finally {
                synchronized (queue) {
                    Pending<?> next = queue.peek();
                    if (next == null) {
                        leaderActive = false;
                    } else {
                        next.promote();
                    }
                }
            }
        }
        return pending.outcome();
    }

    /**
     * Lets commands that are on their way join this batch, so one disk flush serves more of them — but
     * only when writers are concurrent (the last batch held more than one command), so a lone writer
     * never waits. The leader waits until as many commands are queued as the last batch held (the
     * writers answered by that batch are sending their next calls), or at most the sink's gather time:
     * batches stay full instead of a batch leaving behind the writers that arrive during its wait.
     */
    private void gather() {
        long nanos = sink.gatherNanos();
        int target = lastBatchSize;
        if (nanos <= 0 || target <= 1) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        synchronized (queue) {
            gatherTarget = target;
            try {
                long left;
                while (queue.size() < target && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        queue.wait(left / 1_000_000, (int) (left % 1_000_000));
                    } catch (InterruptedException e) {
                        // The batch must still run: its callers are waiting for their outcome.
                        interrupted = true;
                    }
                }
            } finally {
                gatherTarget = 0;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs one batch. Once the store has committed, the batch's outcomes are final: a failure after the
     * commit (ending the store's transaction, releasing its connection) cannot turn them into errors,
     * because a client told "failed" about a change that was kept would retry it and meet its own change
     * (InvalidPermission.Duplicate after a successful revoke, say).
     */
    private void process(List<Pending<?>> batch) {
        boolean committed = false;
        try (ChangeSink.Batch durable = sink.begin()) {
            World current = durable.catchUp(world);
            for (Pending<?> pending : batch) {
                current = pending.run(current, durable);
            }
            durable.commit();
            committed = true;
            world = current;
        } catch (RuntimeException | Error failure) {
            if (!committed) {
                AwsException unavailable = failure instanceof AwsException aws && aws.code() == ErrorCode.SERVICE_UNAVAILABLE
                        ? aws
                        : AwsException.of(ErrorCode.SERVICE_UNAVAILABLE, "The change could not be stored durably: %s", describe(failure));
                batch.forEach(pending -> pending.fail(unavailable));
                return;
            }
            // Ending a committed batch failed: its changes are durable and published, so every command
            // gets its own outcome; the store replaces a broken connection on its next use.
        }
        batch.forEach(Pending::finish);
    }

    private World initialize(World current, Scope scope, ChangeSink.Batch durable) {
        if (current.hasScope(scope)) {
            return current;
        }
        Transaction transaction = new Transaction(current, scope, clock.instant(), transitions, ids);
        initializer.initialize(transaction);
        World next = transaction.world();
        // A scope with no defaults must still count as seen.
        if (!next.hasScope(scope)) {
            next = next.withScope(scope, ScopeState.EMPTY);
        }
        durable.scopeCreated(scope);
        List<Change> changes = transaction.changes();
        if (!changes.isEmpty()) {
            durable.write(changes);
        }
        return next;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /**
     * A queued command (or replacement, or bare catch-up) and, once its batch is over, its outcome. The
     * outcome is staged while the batch runs and released by {@link #finish()} only after the commit.
     */
    private final class Pending<R> {
        private final Scope scope;
        private final Function<Transaction, R> command;
        private final World replacement;
        private R result;
        private Throwable failure;
        private boolean done;
        private boolean leading;

        Pending(Scope scope, Function<Transaction, R> command, World replacement) {
            this.scope = scope;
            this.command = command;
            this.replacement = replacement;
        }

        /** Runs against {@code current}, stages its changes in {@code durable}, and gives the world after it. */
        World run(World current, ChangeSink.Batch durable) {
            if (replacement != null) {
                durable.replaceAll(replacement);
                return replacement;
            }
            if (command == null) {
                return current;
            }
            World initialized = initialize(current, scope, durable);
            Transaction transaction = new Transaction(initialized, scope, clock.instant(), transitions, ids);
            try {
                result = command.apply(transaction);
            } catch (RuntimeException | StackOverflowError commandFailure) {
                // The command's own failure: its changes are dropped, the batch goes on.
                failure = commandFailure;
                return initialized;
            }
            List<Change> changes = transaction.changes();
            if (changes.isEmpty()) {
                return initialized;
            }
            durable.write(changes);
            return transaction.world();
        }

        synchronized void finish() {
            done = true;
            notifyAll();
        }

        /** Fails a command whose batch was not committed; an outcome already given out stands. */
        synchronized void fail(AwsException unavailable) {
            if (done) {
                return;
            }
            result = null;
            failure = unavailable;
            done = true;
            notifyAll();
        }

        synchronized void promote() {
            leading = true;
            notifyAll();
        }

        synchronized boolean isDone() {
            return done;
        }

        /** Waits until the batch holding this command is over, or until this caller is to lead the next one. */
        synchronized void awaitTurn() {
            boolean interrupted = false;
            while (!done && !leading) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // The command is queued and will run; its caller must learn the outcome.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized R outcome() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return result;
        }
    }
}
