package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The requests workloads' gateways report on a server's event stream, for asserting how each call was judged. */
final class GatewayEvents {
    private final List<GatewayRequestEvent> events = new CopyOnWriteArrayList<>();

    GatewayEvents(EventStream stream) {
        stream.subscribe(GatewayRequestEvent.class, events::add);
    }

    /**
     * Makes the call (which may assert that it fails) and returns the gateway's report of it: the first request of the
     * workload that began after the call did. The gateway reports a request once it is done with it, which may be a
     * moment after the client has its answer, so an earlier call's report may still arrive meanwhile.
     */
    GatewayRequestEvent judged(String workloadId, Runnable call) {
        Instant began = Instant.now();
        call.run();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Optional<GatewayRequestEvent> report = events.stream()
                    .filter(event -> event.workloadId().equals(workloadId) && !event.start().isBefore(began)).findFirst();
            if (report.isPresent()) {
                return report.get();
            }
            if (System.nanoTime() > deadline) {
                fail("the gateway of " + workloadId + " reported no request");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
