package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.cost.TrafficVolumes;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.world.World;
import dev.backlane.server.analysis.CostJson;
import dev.backlane.server.analysis.PathJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficLedgerTest {
    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    private static GatewayRequestEvent request(String workloadId, String via, long bytesIn, long bytesOut) {
        return request(workloadId, via, bytesIn, bytesOut, START);
    }

    private static GatewayRequestEvent request(String workloadId, String via, long bytesIn, long bytesOut, Instant at) {
        return new GatewayRequestEvent(workloadId, "10.0.1.10", 5000, "PUT", Optional.empty(), Optional.empty(), Optional.of(via), Optional.empty(),
                GatewayRequestEvent.Outcome.FORWARDED, 200, bytesIn, bytesOut, at, 1_000_000);
    }

    @Test
    void aSteadyComponentOnAServerUpForLessThanADayIsNoCostSpike() {
        EventStream events = new EventStream();
        Instant[] now = {START.plusSeconds(1800)};
        TrafficLedger ledger = new TrafficLedger(events, () -> now[0]);
        for (int hour = 0; hour < 3; hour++) {
            events.publish(request("wl-1", "nat-1", 50_000_000L, 0, START.plus(Duration.ofHours(hour)).plusSeconds(2000)));
        }
        now[0] = START.plus(Duration.ofHours(3));
        assertEquals(List.of(), ledger.anomalies(), "50 MB every hour: the hours before the server started are not a baseline of 0");
    }

    /**
     * F5 through a NAT gateway and through an endpoint: an hour of steady traffic (4 MB an hour) then an hour in which
     * F5's load generator adds 100 MB in calls of at most 1 MiB, as its PutObject calls pass the gateway. The cost
     * report's {@code anomalies} name the component once that hour is complete (README: "a component whose last hour
     * carried over twice its baseline"), not while it runs, and no longer once a steady hour follows it.
     */
    @Test
    void anF5HourThroughANatGatewayOrAnEndpointIsACostSpikeOnceCompleteAndNotAfter() {
        for (String component : List.of("nat-1", "vpce-1")) {
            EventStream events = new EventStream();
            Instant[] now = {START};
            TrafficLedger ledger = new TrafficLedger(events, () -> now[0]);
            for (int hour = 0; hour < 3; hour++) {
                events.publish(request("wl-1", component, 4_000_000L, 0, START.plus(Duration.ofHours(hour)).plusSeconds(60)));
            }
            Instant spike = START.plus(Duration.ofHours(3));
            events.publish(request("wl-1", component, 4_000_000L, 0, spike.plusSeconds(60)));
            long extra = 100_000_000L;
            for (long sent = 0; sent < extra; sent += 1 << 20) {
                events.publish(request("wl-1", component, Math.min(1 << 20, extra - sent), 300, spike.plusSeconds(120)));
            }
            now[0] = spike.plusSeconds(1800);
            assertEquals(List.of(), ledger.anomalies(), component + ": the F5 hour is judged once complete");

            now[0] = spike.plus(Duration.ofHours(1));
            JsonNode report = CostJson.cost(WorldIndex.of(World.empty()), PathJson.mapper().createObjectNode(), now[0], Optional.of(ledger::volumes),
                    ledger.anomalies());
            JsonNode signals = report.get("anomalies");
            assertEquals(1, signals.size(), component + ": " + signals);
            assertEquals(component, signals.get(0).get("id").asText());
            long spikeBytes = 104_000_000L + 300L * 96;
            assertEquals(spikeBytes, signals.get(0).get("lastHourBytes").asLong());
            assertEquals(4_000_000L, signals.get(0).get("baselineBytes").asLong(), "the mean of the three hours before");
            assertEquals(spikeBytes / 4_000_000.0, signals.get(0).get("ratio").asDouble(), 1e-9);

            events.publish(request("wl-1", component, 4_000_000L, 0, now[0].plusSeconds(60)));
            now[0] = now[0].plus(Duration.ofHours(1));
            assertEquals(List.of(), ledger.anomalies(), component + ": a steady hour after the spike is no spike");
        }
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
