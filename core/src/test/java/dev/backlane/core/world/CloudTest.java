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
import org.junit.jupiter.api.Test;

class CloudTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    /** A store that records each batch's commands and can be told to fail its commits, or to hold them. */
    private static final class RecordingSink implements ChangeSink {
        final List<Integer> batchSizes = new ArrayList<>();
        volatile boolean failing;
        volatile boolean failingToClose;
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile long gatherNanos;

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
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (failing) {
                        throw new IllegalStateException("disk full");
                    }
                    synchronized (batchSizes) {
                        batchSizes.add(commands);
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

    private static String tag(Transaction transaction, String key) {
        TreeMap<String, String> tags = new TreeMap<>(transaction.tags("vpc-1"));
        tags.put(key, "v");
        transaction.setTags("vpc-1", "vpc", tags);
        return key;
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

    @Test
    void commandsWaitingForADurableWriteAreCommittedTogetherAndNoneIsLost() throws Exception {
        RecordingSink sink = new RecordingSink();
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
    void leaderGathersUntilAsManyCommandsAsTheLastBatchAreQueuedNotForItsWholeGatherTime() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.gatherNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        Cloud cloud = cloud(sink);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        sink.hold = new CountDownLatch(1);
        Future<String> alone = clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, "alone")));
        Thread.sleep(200);
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String key = "queued-" + i;
            queued.add(clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, key))));
        }
        Thread.sleep(200);
        sink.hold.countDown();
        alone.get();
        for (Future<String> result : queued) {
            result.get();
        }
        // The last batch held two commands, so the next leader waits for a second one, and no longer.
        List<Future<String>> pair = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            String key = "pair-" + i;
            pair.add(clients.submit(() -> cloud.write(SCOPE, transaction -> tag(transaction, key))));
        }
        for (Future<String> result : pair) {
            result.get();
        }
        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        clients.shutdown();
        assertEquals(List.of(1, 2, 2), sink.batchSizes);
        assertTrue(seconds < 20, "the gather ended when the batch was full, not after its 30 s bound: " + seconds + " s");
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
