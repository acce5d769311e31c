package dev.backlane.core.metrics.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayRequestEvent.Outcome;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import dev.backlane.core.metrics.Samples;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NatGatewayAggregatorTest {
    private static final Scope SCOPE = new Scope("111111111111", "us-east-1");
    private static final Instant MINUTE = Instant.parse("2026-12-07T12:00:00Z");
    private static final Optional<PathResult.Destination> S3 = Optional.of(new PathResult.Destination("52.216.0.10", 443, Optional.empty()));

    private static GatewayRequestEvent call(int clientPort, String via, Verdict verdict, Outcome outcome, long bytesIn, long bytesOut, int second) {
        return new GatewayRequestEvent("w-1", "127.0.0.1", clientPort, "PUT", Optional.empty(), Optional.of(verdict), Optional.of(via),
                Optional.empty(), outcome, outcome == Outcome.FORWARDED ? 200 : 502, bytesIn, bytesOut, MINUTE.plusSeconds(second), 2_000_000L, S3);
    }

    private static GatewayConnectionClosedEvent closed(int clientPort, int second) {
        return new GatewayConnectionClosedEvent("w-1", "127.0.0.1", clientPort, 4600, MINUTE, MINUTE.plusSeconds(second), 0, 0, 1);
    }

    private static Map<String, Samples> byName(List<PrivateLinkAggregator.Published> published) {
        return published.stream().map(PrivateLinkAggregator.Published::datum)
                .collect(Collectors.toMap(datum -> datum.key().metricName(), MetricDatum::samples, Samples::merge));
    }

    @Test
    void callsThroughANatGatewayArePublishedUnderItsIdWithPacketsEstimatedFromBytes() {
        NatGatewayAggregator aggregator = new NatGatewayAggregator(10, 10);
        // Two requests on one client connection to one destination: one TCP connection through the NAT gateway.
        aggregator.request(SCOPE, call(50000, "nat-1", Verdict.PUBLIC, Outcome.FORWARDED, 3_000, 500, 10));
        aggregator.request(SCOPE, call(50000, "nat-1", Verdict.PUBLIC, Outcome.FORWARDED, 100, 1_448, 20));
        aggregator.closed(closed(50000, 30));
        List<PrivateLinkAggregator.Published> published = aggregator.flush(MINUTE.plusSeconds(60));

        assertTrue(published.stream().allMatch(p -> p.scope().equals(SCOPE) && p.datum().key().namespace().equals("AWS/NATGateway")
                && p.datum().key().dimensions().equals(List.of(new Dimension("NatGatewayId", "nat-1")))), published.toString());
        assertEquals(NatGatewayMetrics.PUBLISHED, published.stream().map(p -> p.datum().key().metricName()).sorted().toList());
        Map<String, Samples> metrics = byName(published);
        assertEquals(1, metrics.get("ConnectionAttemptCount").sum());
        assertEquals(1, metrics.get("ConnectionEstablishedCount").sum());
        // From the source: 3,000 bytes in 3 segments + SYN and ACK, 100 in 1, a FIN: 7 packets of 52 header bytes each.
        assertEquals(7, metrics.get("PacketsInFromSource").sum());
        assertEquals(3_100 + 7 * 52, metrics.get("BytesInFromSource").sum());
        assertEquals(metrics.get("BytesInFromSource").sum(), metrics.get("BytesOutToDestination").sum());
        assertEquals(metrics.get("PacketsInFromSource").sum(), metrics.get("PacketsOutToDestination").sum());
        // From the destination: SYN-ACK, 500 bytes in 1 segment, 1,448 in 1, a FIN: 4 packets.
        assertEquals(4, metrics.get("PacketsInFromDestination").sum());
        assertEquals(1_948 + 4 * 52, metrics.get("BytesOutToSource").sum());
        Samples active = metrics.get("ActiveConnectionCount");
        assertEquals(1, active.maximum());
        assertEquals(0, active.minimum());
        // Open from :10 to :30: 20 connection-seconds over the minute.
        assertEquals(20.0 / 60, active.sum(), 1e-9);
        assertEquals("Bytes", published.stream().filter(p -> p.datum().key().metricName().equals("BytesInFromSource")).findFirst().orElseThrow()
                .datum().unit());
    }

    @Test
    void aDestinationThatNeverAnsweredIsAnAttemptNotEstablished() {
        NatGatewayAggregator aggregator = new NatGatewayAggregator(10, 10);
        NatGatewayAggregator.Traffic traffic = aggregator.request(SCOPE, call(50001, "nat-1", Verdict.PUBLIC, Outcome.UPSTREAM_FAILED, 300, 0, 5))
                .orElseThrow();
        assertEquals(1, traffic.attempts());
        assertEquals(0, traffic.established());
        assertEquals(0, traffic.openChange());
        Map<String, Samples> metrics = byName(aggregator.flush(MINUTE.plusSeconds(60)));
        assertEquals(1, metrics.get("ConnectionAttemptCount").sum());
        assertEquals(0, metrics.get("ConnectionEstablishedCount").sum());
        assertEquals(1, metrics.get("PacketsInFromSource").sum(), "one SYN, unanswered");
        assertEquals(0, metrics.get("BytesInFromDestination").sum());
        assertEquals(0, metrics.get("ActiveConnectionCount").maximum());
    }

    @Test
    void callsThatLeftAnotherWayAreNotANatGatewaysTraffic() {
        NatGatewayAggregator aggregator = new NatGatewayAggregator(10, 10);
        assertTrue(aggregator.request(SCOPE, call(50002, "vpce-1", Verdict.PRIVATE, Outcome.FORWARDED, 100, 100, 1)).isEmpty());
        assertTrue(aggregator.request(SCOPE, call(50002, "igw-1", Verdict.PUBLIC, Outcome.FORWARDED, 100, 100, 1)).isEmpty());
        assertTrue(aggregator.request(SCOPE, call(50002, "nat-1", Verdict.BLOCKED, Outcome.STALLED, 100, 0, 1)).isEmpty());
        assertTrue(aggregator.flush(MINUTE.plusSeconds(120)).isEmpty());
    }

    @Test
    void aConnectionStillOpenIsActiveInTheMinutesAfterAndTheCurrentMinuteCanBeGivenOutEarly() {
        NatGatewayAggregator aggregator = new NatGatewayAggregator(10, 10);
        aggregator.request(SCOPE, call(50003, "nat-1", Verdict.PUBLIC, Outcome.FORWARDED, 10, 10, 30));
        Map<String, Samples> early = byName(aggregator.flushIncludingCurrent(MINUTE.plusSeconds(40)));
        assertEquals(1, early.get("ConnectionEstablishedCount").sum());
        assertEquals(1, early.get("ActiveConnectionCount").maximum());
        Map<String, Samples> rest = byName(aggregator.flush(MINUTE.plusSeconds(60)));
        assertEquals(0, rest.get("ConnectionEstablishedCount").sum(), "counted once, in the early data point");
        Map<String, Samples> next = byName(aggregator.flush(MINUTE.plusSeconds(120)));
        assertEquals(1, next.get("ActiveConnectionCount").minimum(), "open through the whole next minute");
        assertEquals(1, next.get("ActiveConnectionCount").sum(), 1e-9);
        aggregator.closed(closed(50003, 130));
        aggregator.flush(MINUTE.plusSeconds(180));
        assertTrue(aggregator.flush(MINUTE.plusSeconds(300)).isEmpty(), "closed: nothing more to say");
    }

    @Test
    void gatewaysPastTheCapInAMinuteAreCountedAsDropped() {
        NatGatewayAggregator aggregator = new NatGatewayAggregator(1, 10);
        aggregator.request(SCOPE, call(50004, "nat-1", Verdict.PUBLIC, Outcome.FORWARDED, 10, 10, 1));
        aggregator.request(SCOPE, call(50005, "nat-2", Verdict.PUBLIC, Outcome.FORWARDED, 10, 10, 2));
        assertEquals(1, aggregator.dropped());
        assertEquals(List.of("nat-1"), aggregator.flush(MINUTE.plusSeconds(60)).stream()
                .map(p -> p.datum().key().dimensions().get(0).value()).distinct().toList());
    }
}
