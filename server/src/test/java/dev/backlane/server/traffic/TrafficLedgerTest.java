package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.cost.TrafficVolumes;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficLedgerTest {
    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    private static GatewayRequestEvent request(String workloadId, String via, long bytesIn, long bytesOut) {
        return new GatewayRequestEvent(workloadId, "10.0.1.10", 5000, "PUT", Optional.empty(), Optional.empty(), Optional.of(via), Optional.empty(),
                GatewayRequestEvent.Outcome.FORWARDED, 200, bytesIn, bytesOut, START, 1_000_000);
    }

    @Test
    void bytesThroughANatGatewayInAnotherZoneAreAlsoCountedAsCrossingZones() {
        EventStream events = new EventStream();
        Instant[] now = {START};
        // wl-far sits in another zone than nat-1; wl-near in the same one; PrivateLink never counts as crossing.
        TrafficLedger ledger = new TrafficLedger(events, () -> now[0], (workloadId, componentId) -> workloadId.equals("wl-far"));
        events.publish(request("wl-far", "nat-1", 600_000_000L, 400_000_000L));
        events.publish(request("wl-near", "nat-1", 1_000_000_000L, 0));
        events.publish(request("wl-far", "vpce-1", 1_000_000_000L, 0));
        now[0] = START.plus(Duration.ofHours(1));

        TrafficVolumes volumes = ledger.volumes(730);
        assertEquals(0, new BigDecimal("1460").compareTo(volumes.of("nat-1").gbPerMonth()), "2 GB in an hour through the NAT");
        assertEquals(0, new BigDecimal("730").compareTo(volumes.crossZoneOf("nat-1").orElseThrow()), "1 GB of them from the other zone");
        assertEquals(0, BigDecimal.ZERO.compareTo(volumes.crossZoneOf("vpce-1").orElseThrow()), "PrivateLink's cross-zone transfer is free");
    }
}
