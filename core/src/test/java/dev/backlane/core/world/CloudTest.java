package dev.backlane.core.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    /** A store that records each batch's commands and can be told to fail its commits, or to hold them. */
    private static final class RecordingSink implements ChangeSink {
        final List<Integer> batchSizes = new ArrayList<>();
        /** The thread that committed each batch. */
        final List<String> committers = new ArrayList<>();
        volatile boolean failing;
        volatile boolean failingToClose;
        volatile CountDownLatch hold = new CountDownLatch(0);
        /** Set before the cloud is made: a sink that gathers has commands run ahead of their commit. */
        volatile long gatherNanos;
        volatile long commitMillis;

        @Override
        public long gatherNanos() {
            return gatherNanos;
        }

        @Override
        public Batch begin() {
            return new Batch() {
                int commands;

                @Override
                public World catchUp(World current) {
                    return current;
                }

                @Override
                public void scopeCreated(Scope scope) {}

                @Override
                public void write(List<Change> changes) {
                    commands++;
                }

                @Override
                public void replaceAll(World world) {}

                @Override
                public void commit() {
                    try {
                        hold.await();
                        Thread.sleep(commitMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (failing) {
                        throw new IllegalStateException("disk full");
                    }
                    synchronized (batchSizes) {
                        batchSizes.add(commands);
                        committers.add(Thread.currentThread().getName());
                    }
                }

                @Override
                public void close() {
                    if (failingToClose) {
                        throw new IllegalStateException("connection reset while ending the transaction");
                    }
                }
            };
        }
    }

    private static Cloud cloud(ChangeSink sink) {
        return new Cloud(World.empty(), InstantSource.fixed(Instant.EPOCH), IdSource.sequential(), transaction -> {}, sink);
    }

    /** A cloud whose commands run ahead of their commit: its sink gathers, and only this process writes to it. */
    private static Cloud runningAhead(RecordingSink sink) {
        sink.gatherNanos = TimeUnit.MILLISECONDS.toNanos(1);
        return cloud(sink);
    }

    /** Submits a write that counts {@code ran} down when it runs, to see whether it ran before an earlier batch committed. */
    private static Future<String> submitCounted(ExecutorService clients, Cloud cloud, String key, CountDownLatch ran) {
        return clients.submit(() -> cloud.write(SCOPE, transaction -> {
            ran.countDown();
            return tag(transaction, key);
        }));
    }

    private static String tag(Transaction transaction, String key) {
        TreeMap<String, String> tags = new TreeMap<>(transaction.tags("vpc-1"));
        tags.put(key, "v");
        transaction.setTags("vpc-1", "vpc", tags);
        return key;
    }

    @Test
    void changeListenersSeeEachCommittedChangeButNotALostOne() {
        RecordingSink sink = new RecordingSink();
        Cloud cloud = cloud(sink);
        List<List<String>> seen = new ArrayList<>();
        cloud.whenChanged(() -> seen.add(List.copyOf(cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1")
                .map(tags -> tags.tags().keySet()).orElse(java.util.Set.of()))));
        cloud.write(SCOPE, transaction -> tag(transaction, "first"));
        sink.failing = true;
        assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> tag(transaction, "lost")));

        assertEquals(List.of(List.of("first")), seen, "told once, after the change is visible; not for the lost one");
    }

    @Test
    void changeThatFailsToPersistIsNeitherAcknowledgedNorKept() {
        RecordingSink sink = new RecordingSink();
        Cloud cloud = cloud(sink);
        cloud.write(SCOPE, transaction -> tag(transaction, "kept"));
        sink.failing = true;
        AwsException failure = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> tag(transaction, "lost")));
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure.code());
        assertTrue(failure.getMessage().contains("disk full"), failure.getMessage());
        assertEquals(List.of("kept"), List.copyOf(cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow().tags().keySet()));
        sink.failing = false;
        cloud.write(SCOPE, transaction -> tag(transaction, "later"));
        assertEquals(List.of("kept", "later"),
                List.copyOf(cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow().tags().keySet()));
    }

    @ParameterizedTest(name = "gather {0} ns")
    @ValueSource(longs = {0, 1_000_000})
    void commandsWaitingForADurableWriteAreCommittedTogetherAndNoneIsLost(long gatherNanos) throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gatherNanos = gatherNanos;
        Cloud cloud = cloud(sink);
        cloud.write(SCOPE, transaction -> tag(transaction, "first"));
        sink.hold = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String key = "key-" + i;
            results.add(clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, key))));
        }
        Thread.sleep(200);
        // Nothing is visible while its batch is not durable.
        assertEquals(1, cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow().tags().size());
        sink.hold.countDown();
        for (Future<String> result : results) {
            result.get();
        }
        clients.shutdown();
        ResourceTags tags = cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow();
        assertEquals(17, tags.tags().size());
        assertTrue(sink.batchSizes.size() < 17, "grouped into fewer batches than commands: " + sink.batchSizes);
        assertEquals(17, sink.batchSizes.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void failingCommandLeavesTheRestOfItsBatchAlone() {
        RecordingSink sink = new RecordingSink();
        Cloud cloud = cloud(sink);
        AwsException refused = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> {
            tag(transaction, "half");
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "no");
        }));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused.code());
        assertFalse(cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").isPresent());
        assertTrue(cloud.snapshot().hasScope(SCOPE), "the scope's initialization is kept");
    }

    @Test
    void batchWaitsForTheWritersOfTheLastBatchAndThoseQueuedBehindItNoLongerThanTheLastBatchTook() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gatherNanos = TimeUnit.SECONDS.toNanos(30);
        sink.commitMillis = 300;
        Cloud cloud = cloud(sink);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        // One writer's batch commits while two more queue; it writes again as soon as it is answered.
        Future<String> returning = clients.submit(() -> {
            cloud.write(SCOPE, transaction -> tag(transaction, "alone"));
            return cloud.write(SCOPE, transaction -> tag(transaction, "again"));
        });
        Thread.sleep(100);
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String key = "queued-" + i;
            queued.add(clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, key))));
        }
        assertEquals("again", returning.get());
        for (Future<String> result : queued) {
            result.get();
        }
        // The second batch waited for the returning writer as well as the two queued behind the first.
        assertEquals(List.of(1, 3), sink.batchSizes);
        // A lone writer now waits for the three at most as long as the last batch took, not 30 s.
        long start = System.nanoTime();
        cloud.write(SCOPE, transaction -> tag(transaction, "lone"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        clients.shutdown();
        assertEquals(List.of(1, 3, 1), sink.batchSizes);
        assertTrue(millis < 10_000, "the gather is bounded by the last batch's time: " + millis + " ms");
    }

    @Test
    void theWriterWhoseCommandFillsAGatheringBatchCommitsItWithoutWakingTheGatherer() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gatherNanos = TimeUnit.SECONDS.toNanos(30);
        sink.commitMillis = 1_000;
        Cloud cloud = cloud(sink);
        ExecutorService returningThread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "returning-writer"));
        ExecutorService queuedThreads = Executors.newFixedThreadPool(2);
        // One writer's batch commits (1 s) while two more run ahead; it writes again as soon as it is answered.
        CountDownLatch answered = new CountDownLatch(1);
        Future<Long> againMillis = returningThread.submit(() -> {
            cloud.write(SCOPE, transaction -> tag(transaction, "alone"));
            answered.countDown();
            long start = System.nanoTime();
            cloud.write(SCOPE, transaction -> tag(transaction, "again"));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });
        Thread.sleep(100);
        sink.commitMillis = 0;
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String key = "queued-" + i;
            queued.add(queuedThreads.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, key))));
        }
        // The next batch gathers for three (the returning writer and the two queued), for at most the 1 s
        // the last batch took; the returning writer's command fills it and that writer commits it at once.
        long millis = againMillis.get();
        for (Future<String> result : queued) {
            result.get();
        }
        returningThread.shutdown();
        queuedThreads.shutdown();
        assertEquals(List.of(1, 3), sink.batchSizes);
        // A writer of the batch commits it (whichever of the three came last: the threads' order is the scheduler's).
        assertEquals("returning-writer", sink.committers.get(0));
        assertTrue(sink.committers.get(1).equals("returning-writer") || sink.committers.get(1).startsWith("pool-"), sink.committers.toString());
        assertTrue(millis < 900, "committed when full, not at the end of the gather: " + millis + " ms");
    }

    @Test
    void commandsRunWhileThePreviousBatchCommitsAndTheNextCommitTakesThemAll() throws Exception {
        RecordingSink sink = new RecordingSink();
        Cloud cloud = runningAhead(sink);
        cloud.write(SCOPE, transaction -> tag(transaction, "first"));
        sink.hold = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        Future<String> held = clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, "held")));
        Thread.sleep(100);
        CountDownLatch ran = new CountDownLatch(5);
        List<Future<String>> behind = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String key = "behind-" + i;
            behind.add(submitCounted(clients, cloud, key, ran));
        }
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the commands behind the held commit ran meanwhile");
        assertEquals(1, cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow().tags().size(),
                "what ran ahead is not visible before it is durable");
        assertFalse(held.isDone());
        sink.hold.countDown();
        assertEquals("held", held.get());
        for (int i = 0; i < 5; i++) {
            assertEquals("behind-" + i, behind.get(i).get());
        }
        clients.shutdown();
        assertEquals(List.of(1, 1, 5), sink.batchSizes);
        assertEquals(7, cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow().tags().size());
    }

    @Test
    void commandsThatRanOnTopOfABatchThatFailsToCommitFailWithIt() throws Exception {
        RecordingSink sink = new RecordingSink();
        Cloud cloud = runningAhead(sink);
        cloud.write(SCOPE, transaction -> tag(transaction, "kept"));
        sink.hold = new CountDownLatch(1);
        sink.failing = true;
        ExecutorService clients = Executors.newFixedThreadPool(2);
        Future<String> lost = clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, "lost")));
        Thread.sleep(100);
        CountDownLatch ran = new CountDownLatch(1);
        Future<String> onTop = submitCounted(clients, cloud, "on-top", ran);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        sink.hold.countDown();
        for (Future<String> result : List.of(lost, onTop)) {
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class, result::get).getCause();
            assertEquals(ErrorCode.SERVICE_UNAVAILABLE, ((AwsException) failure).code());
        }
        sink.failing = false;
        cloud.write(SCOPE, transaction -> tag(transaction, "later"));
        clients.shutdown();
        assertEquals(List.of("kept", "later"),
                List.copyOf(cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow().tags().keySet()));
    }

    @Test
    void committedBatchKeepsItsOutcomesWhenEndingTheStoreTransactionFails() throws Exception {
        RecordingSink sink = new RecordingSink();
        Cloud cloud = cloud(sink);
        cloud.write(SCOPE, transaction -> tag(transaction, "first"));
        sink.failingToClose = true;
        sink.hold = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "key-" + i;
            results.add(clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, key))));
        }
        Future<String> refused = clients.submit(() -> cloud.write(SCOPE, transaction -> {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "no");
        }));
        Thread.sleep(100);
        sink.hold.countDown();
        for (int i = 0; i < 4; i++) {
            assertEquals("key-" + i, results.get(i).get(), "a committed command is answered with its result");
        }
        Throwable own = assertThrows(java.util.concurrent.ExecutionException.class, refused::get).getCause();
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, ((AwsException) own).code(), "a command's own failure is not replaced either");
        clients.shutdown();
        assertEquals(5, cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, "vpc-1").orElseThrow().tags().size());
    }
}
