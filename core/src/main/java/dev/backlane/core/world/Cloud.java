package dev.backlane.core.world;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state of one emulated cloud, changed only by commands. Commands run one at a time against the
 * current {@link World}; their changes are handed to the {@link ChangeSink} (the durable store) before
 * the new world is published, so an acknowledged change is never lost. Readers take {@link #snapshot()}
 * and never wait.
 */
public final class Cloud {
    private final InstantSource clock;
    private final IdSource ids;
    private final ScopeInitializer initializer;
    private final ChangeSink sink;
    private final Object writeLock = new Object();
    private volatile World world;

    public Cloud(World initial, InstantSource clock, IdSource ids, ScopeInitializer initializer, ChangeSink sink) {
        this.world = requireNonNull(initial, "initial is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.initializer = requireNonNull(initializer, "initializer is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /** The current state, for reading. Scopes not yet seen have no default resources: use {@link #snapshot(Scope)}. */
    public World snapshot() {
        return world;
    }

    /** The current state, with the scope's default resources (default VPC, ...) created on first sight. */
    public World snapshot(Scope scope) {
        World current = world;
        if (current.hasScope(scope)) {
            return current;
        }
        synchronized (writeLock) {
            ensureInitialized(scope);
            return world;
        }
    }

    /** The cloud's current time, for what reads derive from time (a NAT gateway's state). */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** Runs a command; its changes are durable and visible when this returns, and none are if it throws. */
    public <R> R write(Scope scope, Function<Transaction, R> command) {
        synchronized (writeLock) {
            ensureInitialized(scope);
            Transaction transaction = new Transaction(world, scope, clock.instant(), ids);
            R result = command.apply(transaction);
            publish(transaction);
            return result;
        }
    }

    /** Runs a command's validation and effects against a copy, then discards them: DryRun. */
    public void rehearse(Scope scope, Consumer<Transaction> command) {
        World current = snapshot(scope);
        command.accept(new Transaction(current, scope, clock.instant(), ids));
    }

    /** Replaces the whole state, e.g. for reset; the sink is told to do the same. */
    public void replace(World replacement) {
        synchronized (writeLock) {
            sink.replaceAll(replacement);
            world = replacement;
        }
    }

    private void ensureInitialized(Scope scope) {
        if (world.hasScope(scope)) {
            return;
        }
        Transaction transaction = new Transaction(world, scope, clock.instant(), ids);
        initializer.initialize(transaction);
        // A scope with no defaults must still count as seen.
        World next = transaction.world();
        if (!next.hasScope(scope)) {
            next = next.withScope(scope, ScopeState.EMPTY);
        }
        List<Change> changes = transaction.changes();
        sink.persist(scope, changes);
        world = next;
    }

    private void publish(Transaction transaction) {
        List<Change> changes = transaction.changes();
        if (!changes.isEmpty()) {
            sink.persist(transaction.scope(), changes);
            world = transaction.world();
        }
    }
}
