package dev.backlane.core.world;

import dev.backlane.core.model.Scope;
import java.util.List;

/**
 * Where committed changes go before they become visible: the durable store. {@link Cloud} writes in
 * batches (group commit): it opens a {@link Batch}, brings its world up to date with what others
 * wrote to a shared store, runs the queued commands one at a time, stages each command's changes and
 * commits them together. {@link Batch#commit()} returns only once every staged change would survive a
 * crash; if it throws, nothing staged may be acknowledged or kept in memory.
 */
public interface ChangeSink {
    /** Opens a batch; while it is open no other writer to the same store can commit. */
    Batch begin();

    /**
     * How long a batch leader waits for more commands before committing, in nanoseconds. A store whose
     * commit costs a disk flush gains throughput by gathering (as PostgreSQL's commit_delay does); one
     * that keeps nothing does not.
     */
    default long gatherNanos() {
        return 0;
    }

    /**
     * Whether other servers write to this store too, so that a batch's {@link Batch#catchUp} may bring
     * changes a command must see: then commands run only inside the batch that commits them, instead of
     * ahead of it while the previous batch commits.
     */
    default boolean isShared() {
        return false;
    }

    /** Where a command's changes are staged: a batch, or a record of them kept until a batch replays it. */
    interface Changes {
        /** Records that a scope has been seen and initialized, so that its defaults are not created twice. */
        void scopeCreated(Scope scope);

        /** Stages one command's changes: they become durable together or not at all. */
        void write(List<Change> changes);

        /** Stages the replacement of everything stored by {@code world}: reset and import. */
        void replaceAll(World world);
    }

    /** One durable transaction holding the changes of several commands, each all or nothing. */
    interface Batch extends Changes, AutoCloseable {
        /**
         * The world with every change other writers committed to the store since this process last
         * looked; {@code current} itself when there are none (always, for a store only this process uses).
         */
        World catchUp(World current);

        /** Makes everything staged durable, in order; throws when it cannot, and then none of it is. */
        void commit();

        /** Ends the batch; rolls back whatever was not committed. */
        @Override
        void close();
    }

    /** Keeps nothing: for tests and {@code --in-memory}. */
    static ChangeSink none() {
        return () -> new Batch() {
            @Override
            public World catchUp(World current) {
                return current;
            }

            @Override
            public void scopeCreated(Scope scope) {}

            @Override
            public void write(List<Change> changes) {}

            @Override
            public void replaceAll(World world) {}

            @Override
            public void commit() {}

            @Override
            public void close() {}
        };
    }
}
