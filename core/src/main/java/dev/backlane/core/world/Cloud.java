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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state of one emulated cloud, changed only by commands. Commands run one at a time; their
 * changes go to the {@link ChangeSink} (the durable store) in batches, and a batch's new world is
 * published only after the batch is durable, so readers ({@link #snapshot()}, never waiting) see only
 * what can no longer be lost, and a command's answer is returned only once its changes are durable.
 *
 * <p>Group commit in two stages, without a thread of its own. Callers queue their commands. The first
 * caller to find nobody running takes the <em>run turn</em>: it runs queued commands in order against
 * the newest state (durable or not yet), recording their changes, passes the run turn to the next
 * queued caller and, if nobody holds it, takes the <em>commit turn</em>: it commits every command run so far in one store
 * transaction, publishes the world after them, answers their callers and passes the commit turn to a
 * caller whose command ran meanwhile. So the commands that arrive while a commit waits for the disk
 * are already run when it returns, and the next commit takes them all: the disk flush, not the
 * commands, sets the pace. If the store cannot commit, every command of the batch, and every command
 * run on top of it, fails with ServiceUnavailable and the world stays as it was.
 *
 * <p>Every time a caller parks and another wakes it costs a thread hand-over, which on a busy 2-core
 * machine is worth more than running a command. So while a commit is under way the runner runs what
 * queued behind it instead of waking one of its callers to run it, and the caller whose command fills
 * a gathering batch commits it itself instead of waking the one gathering.
 *
 * <p>A store that other servers write to too ({@link ChangeSink#isShared()}) can change under a
 * command run ahead, and a sink that keeps nothing has no flush to overlap: there one turn does both,
 * running the queued commands inside the batch that commits them (after catching up).
 */
public final class Cloud {
    /** Enough to amortise a disk flush over many commands, small enough to keep one batch's latency bounded. */
    private static final int MAX_BATCH = 512;

    private final InstantSource clock;
    private final TransitionTimes transitions;
    private final IdSource ids;
    private final ScopeInitializer initializer;
    private final ChangeSink sink;
    /**
     * Whether commands run ahead of the batch that commits them: only for a store that this process
     * alone writes to and whose commit costs a disk flush (it gathers). For one that keeps nothing there
     * is nothing to overlap, and running and committing in one turn saves a hand-over per batch.
     */
    private final boolean runsAhead;
    /** Commands submitted and not yet run (guarded by {@code queue}, as is every field up to {@code world}). */
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    /** Commands run (or, on a shared store, only taken in order) and not yet committed. */
    private final ArrayDeque<Pending<?>> ran = new ArrayDeque<>();
    private boolean running;
    private boolean committing;
    /** The world after every command in {@code ran}: what the next command runs against. */
    private World tip;
    /** Counts failed commits: commands that ran on top of a batch that was then lost fail too. */
    private long lostBatches;
    private AwsException lastLoss;
    /** While a batch gathers: the caller gathering, the commands it waits for, and where they go (queued or run). */
    private Pending<?> gatherer;
    private int gatherTarget;
    private ArrayDeque<Pending<?>> gathering;
    /** The size of the last committed batch, and the commands run or queued when it ended. */
    private int lastBatchSize;
    private int behindLastBatch;
    /** How long the last batch took to commit, in nanoseconds. */
    private long lastBatchNanos;
    private volatile World world;
    /** Told after each batch that changed the world is published. */
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    /** A cloud whose transitions take Backlane's default times. */
    public Cloud(World initial, InstantSource clock, IdSource ids, ScopeInitializer initializer, ChangeSink sink) {
        this(initial, clock, TransitionTimes.standard(), ids, initializer, sink);
    }

    public Cloud(World initial, InstantSource clock, TransitionTimes transitions, IdSource ids, ScopeInitializer initializer, ChangeSink sink) {
        this.world = requireNonNull(initial, "initial is null");
        this.tip = initial;
        this.clock = requireNonNull(clock, "clock is null");
        this.transitions = requireNonNull(transitions, "transitions is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.initializer = requireNonNull(initializer, "initializer is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.runsAhead = !sink.isShared() && sink.gatherNanos() > 0;
    }

    /**
     * Runs {@code listener} each time a batch that changed the world has been published, on the thread that committed
     * it: the data plane re-judges what is open on the new state. It must return quickly (hand the work to a thread of
     * its own), since the batch's callers wait for it.
     */
    public void whenChanged(Runnable listener) {
        changeListeners.add(requireNonNull(listener, "listener is null"));
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
        Turn turn;
        synchronized (queue) {
            queue.add(pending);
            turn = running ? Turn.NONE : Turn.RUN;
            running = true;
            if (gatherer != null && gathering == queue && queue.size() >= gatherTarget) {
                endGather().promote(Turn.COMMIT_NOW);
            }
        }
        while (true) {
            switch (turn == Turn.NONE ? pending.awaitTurn() : turn) {
                case RUN -> turn = runsAhead ? runQueued() : commitQueued(pending, true);
                case COMMIT -> turn = commitRan(pending, true);
                case COMMIT_NOW -> turn = runsAhead ? commitRan(pending, false) : commitQueued(pending, false);
                case NONE, DONE -> {
                    return pending.outcome();
                }
            }
        }
    }

    /**
     * Runs the queued commands inside the batch that commits them, then passes the run turn on;
     * {@code gatherFirst}: unless the batch has gathered already.
     */
    private Turn commitQueued(Pending<?> self, boolean gatherFirst) {
        if (gatherFirst && !gather(self, queue)) {
            return Turn.NONE;
        }
        List<Pending<?>> batch;
        synchronized (queue) {
            batch = take(queue, MAX_BATCH);
        }
        long started = System.nanoTime();
        boolean committed = commit(batch);
        synchronized (queue) {
            recordBatch(batch.size(), started);
            running = pass(queue, Turn.RUN);
        }
        if (committed) {
            batch.forEach(Pending::finish);
        }
        return Turn.NONE;
    }

    /**
     * Runs the queued commands against the newest state, recording their changes, and says whether this
     * caller is to commit them (and whatever else ran before it): when nobody holds the commit turn
     * ({@link Turn#COMMIT}), or when these commands fill the batch that holder gathers, which this
     * caller then commits at once ({@link Turn#COMMIT_NOW}) while the gatherer waits for its outcome
     * like the others. While the commit turn is held and commands are queued, it runs those too.
     */
    private Turn runQueued() {
        int runThisTurn = 0;
        while (true) {
            List<Pending<?>> batch;
            World current;
            long losses;
            synchronized (queue) {
                batch = take(queue, MAX_BATCH);
                current = tip;
                losses = lostBatches;
            }
            for (Pending<?> pending : batch) {
                current = pending.runAhead(current);
            }
            synchronized (queue) {
                if (lostBatches != losses) {
                    // A commit failed while these ran on top of its state.
                    AwsException loss = lastLoss;
                    batch.forEach(pending -> pending.fail(loss));
                } else {
                    ran.addAll(batch);
                    tip = current;
                }
                if (committing && gatherer != null && gathering == ran && ran.size() >= gatherTarget) {
                    endGather();
                    running = pass(queue, Turn.RUN);
                    return Turn.COMMIT_NOW;
                }
                if (!committing && !ran.isEmpty()) {
                    committing = true;
                    running = pass(queue, Turn.RUN);
                    return Turn.COMMIT;
                }
                runThisTurn += batch.size();
                if (!queue.isEmpty() && runThisTurn < MAX_BATCH) {
                    // A commit is under way and their callers wait for their outcome anyway: running them
                    // here spares waking one of them to do it.
                    continue;
                }
                running = pass(queue, Turn.RUN);
                return Turn.NONE;
            }
        }
    }

    /**
     * Commits every command run so far as one batch, then passes the commit turn on; {@code gatherFirst}:
     * unless the batch has gathered already. Always {@link Turn#NONE}: this caller's outcome is next.
     */
    private Turn commitRan(Pending<?> self, boolean gatherFirst) {
        if (gatherFirst && !gather(self, ran)) {
            return Turn.NONE;
        }
        List<Pending<?>> batch;
        synchronized (queue) {
            batch = take(ran, Integer.MAX_VALUE);
        }
        long started = System.nanoTime();
        boolean committed = commit(batch);
        synchronized (queue) {
            if (!committed) {
                // What ran on top of the lost batch ran against a state that will never be: it fails too.
                lostBatches++;
                ran.forEach(pending -> pending.fail(lastLoss));
                ran.clear();
                tip = world;
            }
            recordBatch(batch.size(), started);
            committing = pass(ran, Turn.COMMIT);
        }
        if (committed) {
            batch.forEach(Pending::finish);
        }
        return Turn.NONE;
    }

    /**
     * Lets commands that are on their way join this batch, so one disk flush serves more of them; says
     * whether {@code self} is to commit it now, or another caller took the batch over (see below). The
     * writers this batch can expect are those answered by the last batch (sending their next calls
     * now) and those that ran or queued while it committed; the batch waits until that many commands
     * are queued (or, run ahead, have run), so writers that took turns in two half-full batches come
     * together in one. It waits at most as long as the last batch took, because a batch of their own
     * would cost the latecomers about that much: a slow disk grows batches, a fast one keeps them
     * short, and a lone writer never waits (its target is itself). The sink's gather time bounds the
     * wait in any case.
     *
     * <p>The gatherer waits on its own command. Run ahead, the caller whose command fills the batch
     * commits it ({@link #runQueued}), and the gatherer, whose command is in that batch, wakes only to
     * its outcome; queued, the caller that fills it wakes the gatherer with {@link Turn#COMMIT_NOW}.
     */
    private boolean gather(Pending<?> self, ArrayDeque<Pending<?>> filling) {
        long deadline;
        synchronized (queue) {
            long nanos = Math.min(sink.gatherNanos(), lastBatchNanos);
            int target = Math.min(MAX_BATCH, lastBatchSize + behindLastBatch);
            if (nanos <= 0 || filling.size() >= target) {
                return true;
            }
            deadline = System.nanoTime() + nanos;
            gatherer = self;
            gatherTarget = target;
            gathering = filling;
        }
        if (self.awaitTurn(deadline) == Turn.COMMIT_NOW) {
            return true;
        }
        synchronized (queue) {
            if (gatherer != self) {
                // Taken over, or woken to commit just after the wait ended: the turn is waiting for it.
                return false;
            }
            endGather();
            return true;
        }
    }

    /** Ends the gather under way, giving its gatherer; holding {@code queue}. */
    private Pending<?> endGather() {
        Pending<?> waiting = gatherer;
        gatherer = null;
        gatherTarget = 0;
        gathering = null;
        return waiting;
    }

    /** Remembers what the next batch's gather goes by; called holding {@code queue}. */
    private void recordBatch(int size, long started) {
        lastBatchSize = size;
        behindLastBatch = ran.size() + queue.size();
        lastBatchNanos = System.nanoTime() - started;
    }

    /** Gives {@code turn} to the first caller waiting in {@code waiting}; says whether there was one. Holding {@code queue}. */
    private static boolean pass(ArrayDeque<Pending<?>> waiting, Turn turn) {
        Pending<?> next = waiting.peek();
        if (next != null) {
            next.promote(turn);
        }
        return next != null;
    }

    private static List<Pending<?>> take(ArrayDeque<Pending<?>> from, int most) {
        List<Pending<?>> taken = new ArrayList<>(Math.min(from.size(), most));
        while (!from.isEmpty() && taken.size() < most) {
            taken.add(from.poll());
        }
        return taken;
    }

    /**
     * Commits one batch and publishes the world after it; says whether it did. Once the store has
     * committed, the batch's outcomes are final: a failure after the commit (ending the store's
     * transaction, releasing its connection) cannot turn them into errors, because a client told
     * "failed" about a change that was kept would retry it and meet its own change
     * (InvalidPermission.Duplicate after a successful revoke, say). If the commit fails, every command
     * of the batch fails with ServiceUnavailable, recorded as {@code lastLoss}.
     */
    private boolean commit(List<Pending<?>> batch) {
        boolean committed = false;
        try (ChangeSink.Batch durable = sink.begin()) {
            World current = durable.catchUp(world);
            for (Pending<?> pending : batch) {
                current = pending.commitTo(current, durable);
            }
            durable.commit();
            committed = true;
            World before = world;
            world = current;
            if (current != before) {
                changeListeners.forEach(Runnable::run);
            }
        } catch (RuntimeException | Error failure) {
            if (!committed) {
                AwsException unavailable = failure instanceof AwsException aws && aws.code() == ErrorCode.SERVICE_UNAVAILABLE
                        ? aws
                        : AwsException.of(ErrorCode.SERVICE_UNAVAILABLE, "The change could not be stored durably: %s", describe(failure));
                batch.forEach(pending -> pending.fail(unavailable));
                synchronized (queue) {
                    lastLoss = unavailable;
                }
                return false;
            }
            // Ending a committed batch failed: its changes are durable and published, so every command
            // gets its own outcome; the store replaces a broken connection on its next use.
        }
        return true;
    }

    private World initialize(World current, Scope scope, ChangeSink.Changes durable) {
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
     * What a waiting caller is to do next: nothing yet, run the queued commands, commit (after a gather,
     * or at once: the batch has gathered), or return (its command is over).
     */
    private enum Turn { NONE, RUN, COMMIT, COMMIT_NOW, DONE }

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
        private Turn turn = Turn.NONE;
        /** Set by {@link #runAhead}: the world it ran against, the world after it, and its changes to replay. */
        private World ranOn;
        private World ranTo;
        private List<Consumer<ChangeSink.Changes>> staged;

        Pending(Scope scope, Function<Transaction, R> command, World replacement) {
            this.scope = scope;
            this.command = command;
            this.replacement = replacement;
        }

        /** Runs against {@code current} before its batch is open, recording its changes; gives the world after it. */
        World runAhead(World current) {
            List<Consumer<ChangeSink.Changes>> changes = new ArrayList<>(2);
            World after = run(current, new Recorder(changes));
            ranOn = current;
            ranTo = after;
            staged = changes;
            return after;
        }

        /**
         * Stages its changes in {@code durable}, committing on top of {@code current}, and gives the world
         * after it: what it recorded when it ran ahead on that same world, or else (a shared store, or
         * others' changes caught up with) what it does when run again now.
         */
        World commitTo(World current, ChangeSink.Batch durable) {
            if (staged != null && ranOn == current) {
                staged.forEach(change -> change.accept(durable));
                return ranTo;
            }
            staged = null;
            return run(current, durable);
        }

        /** Runs against {@code current}, stages its changes in {@code durable}, and gives the world after it. */
        World run(World current, ChangeSink.Changes durable) {
            result = null;
            failure = null;
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

        synchronized void promote(Turn given) {
            turn = given;
            notifyAll();
        }

        /** Waits until this caller is given a turn, or until the batch holding its command is over. */
        Turn awaitTurn() {
            return awaitTurn(Long.MAX_VALUE);
        }

        /**
         * Waits until this caller is given a turn, until the batch holding its command is over, or until
         * {@link System#nanoTime()} passes {@code deadline}: then it answers {@link Turn#NONE}.
         */
        synchronized Turn awaitTurn(long deadline) {
            boolean interrupted = false;
            long left = 1;
            while (!done && turn == Turn.NONE && left > 0) {
                try {
                    if (deadline == Long.MAX_VALUE) {
                        wait();
                    } else if ((left = deadline - System.nanoTime()) > 0) {
                        wait(left / 1_000_000, (int) (left % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    // The command is queued and will run; its caller must learn the outcome.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Turn given = turn != Turn.NONE ? turn : done ? Turn.DONE : Turn.NONE;
            turn = Turn.NONE;
            return given;
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

    /** Records the changes of a command run ahead, to be replayed into the store's batch that commits it. */
    private record Recorder(List<Consumer<ChangeSink.Changes>> changes) implements ChangeSink.Changes {
        @Override
        public void scopeCreated(Scope scope) {
            changes.add(batch -> batch.scopeCreated(scope));
        }

        @Override
        public void write(List<Change> written) {
            changes.add(batch -> batch.write(written));
        }

        @Override
        public void replaceAll(World world) {
            changes.add(batch -> batch.replaceAll(world));
        }
    }
}
