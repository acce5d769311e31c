package dev.backlane.server.store;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own, again and again with a fixed pause between runs, until closed; other work
 * can be handed to the same thread ({@link #execute}), so that everything the task keeps is touched by one thread.
 */
public final class PeriodicTask implements AutoCloseable {
    private final ScheduledExecutorService scheduler;

    private PeriodicTask(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts running {@code task} every {@code intervalMillis} ms (first after one interval) on a thread named {@code threadName}. */
    public static PeriodicTask start(String threadName, long intervalMillis, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return new PeriodicTask(scheduler);
    }

    /** Runs {@code work} on the task's thread, between runs; nothing once the task is closed. */
    public void execute(Runnable work) {
        try {
            scheduler.execute(work);
        } catch (RejectedExecutionException closed) {
            // Closed: what would have run no longer matters.
        }
    }

    /** Stops the task, waiting for a run under way to end. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
