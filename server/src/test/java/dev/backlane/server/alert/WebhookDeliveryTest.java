package dev.backlane.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {
    private static final ObjectNode PAYLOAD = new ObjectMapper().createObjectNode().put("version", "4");

    @Test
    void aFailingReceiverIsRetriedWithBackoffUntilItTakesTheNotification() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(calls.incrementAndGet() < 3 ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
        try (WebhookDelivery delivery = new WebhookDelivery(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), 4, 5,
                Duration.ofMillis(10), Duration.ofSeconds(5))) {
            assertTrue(delivery.offer(PAYLOAD));
            waitFor(() -> delivery.stats().delivered() == 1);
            assertEquals(3, calls.get(), "two 503s, then 200");
            assertEquals(2, delivery.stats().failedAttempts());
            assertEquals("{\"version\":\"4\"}", bodies.get(2));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aReceiverRefusingWithA4xxIsNotRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        receiver.start();
        try (WebhookDelivery delivery = new WebhookDelivery(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/"), 4, 5,
                Duration.ofMillis(10), Duration.ofSeconds(5))) {
            delivery.offer(PAYLOAD);
            waitFor(() -> delivery.stats().abandoned() == 1);
            assertEquals(1, calls.get());
            assertEquals("HTTP 400", delivery.stats().lastError());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aStalledReceiverNeverBlocksTheOfferAndTheOverflowIsDroppedAndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
        try (WebhookDelivery delivery = new WebhookDelivery(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/"), 4, 2,
                Duration.ofMillis(10), Duration.ofSeconds(10))) {
            delivery.offer(PAYLOAD);
            waitFor(() -> delivery.stats().waiting() == 0);
            // The first is being sent and hangs; four wait; the next six are dropped, each offer returning at once.
            long started = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += delivery.offer(PAYLOAD) ? 1 : 0;
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "offers do not wait for the receiver");
            assertEquals(4, accepted);
            assertEquals(6, delivery.stats().dropped());
            release.countDown();
            waitFor(() -> delivery.stats().delivered() == 5);
        } finally {
            release.countDown();
            receiver.stop(0);
        }
    }

    @Test
    void aReceiverThatIsDownIsAbandonedAfterItsAttempts() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (WebhookDelivery delivery = new WebhookDelivery(URI.create("http://127.0.0.1:" + port + "/"), 4, 3, Duration.ofMillis(5),
                Duration.ofSeconds(2))) {
            delivery.offer(PAYLOAD);
            waitFor(() -> delivery.stats().abandoned() == 1);
            assertEquals(3, delivery.stats().failedAttempts());
            assertTrue(delivery.stats().lastError().startsWith("ConnectException"), delivery.stats().lastError());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
