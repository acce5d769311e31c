package dev.backlane.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrivateLinkAggregatorTest {
    private static final Scope CONSUMER = new Scope("111111111111", "us-east-1");
    private static final Scope PROVIDER = new Scope("222222222222", "us-east-1");
    private static final Instant MINUTE = Instant.parse("2026-12-07T12:00:00Z");
    private static final PrivateLinkMetrics.EndpointSide ENDPOINT = new PrivateLinkMetrics.EndpointSide(CONSUMER, "Interface",
            "com.amazonaws.vpce.us-east-1.vpce-svc-1", "vpce-1", "vpc-1", "subnet-1");
    private static final PrivateLinkMetrics.ServiceSide SERVICE = new PrivateLinkMetrics.ServiceSide(PROVIDER, "vpce-svc-1",
            Optional.of("arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/net/nlb/1"), "us-east-1a", "vpce-1");

    private static Map<String, MetricDatum> byName(List<PrivateLinkAggregator.Published> published, Scope scope, String namespace, int dimensions) {
        return published.stream().filter(p -> p.scope().equals(scope)).map(PrivateLinkAggregator.Published::datum)
                .filter(d -> d.key().namespace().equals(namespace) && d.key().dimensions().size() == dimensions)
                .collect(Collectors.toMap(d -> d.key().metricName(), d -> d));
    }

    @Test
    void aMinuteOfConnectionsIsPublishedInBothAccountsWithAwsDimensions() {
        PrivateLinkAggregator aggregator = new PrivateLinkAggregator(100);
        aggregator.opened(MINUTE.plusSeconds(10), ENDPOINT, SERVICE);
        aggregator.opened(MINUTE.plusSeconds(20), ENDPOINT, SERVICE);
        aggregator.closed(MINUTE.plusSeconds(40), ENDPOINT, SERVICE, 1_000, true);
        aggregator.refused(MINUTE.plusSeconds(50), ENDPOINT, false);
        assertTrue(aggregator.flush(MINUTE.plusSeconds(59)).isEmpty(), "the minute has not ended");
        List<PrivateLinkAggregator.Published> published = aggregator.flush(MINUTE.plusSeconds(61));

        Map<String, MetricDatum> endpoint = byName(published, CONSUMER, PrivateLinkMetrics.ENDPOINTS, 4);
        assertEquals(2, endpoint.get("NewConnections").samples().sum());
        assertEquals(1_000, endpoint.get("BytesProcessed").samples().sum());
        assertEquals("Bytes", endpoint.get("BytesProcessed").unit());
        assertEquals(1, endpoint.get("PacketsDropped").samples().sum());
        assertEquals(1, endpoint.get("RstPacketsReceived").samples().sum());
        Samples active = endpoint.get("ActiveConnections").samples();
        assertEquals(0, active.minimum());
        assertEquals(2, active.maximum());
        // Open: one from :10 to :20, two from :20 to :40, one from :40 to :60 = 70 connection-seconds over 60.
        assertEquals(70.0 / 60, active.sum(), 1e-9);
        assertEquals(MINUTE, endpoint.get("NewConnections").timestamp());
        assertEquals(List.of(new Dimension("Endpoint Type", "Interface"), new Dimension("Service Name", "com.amazonaws.vpce.us-east-1.vpce-svc-1"),
                new Dimension("VPC Endpoint Id", "vpce-1"), new Dimension("VPC Id", "vpc-1")), endpoint.get("NewConnections").key().dimensions());
        assertEquals(5, byName(published, CONSUMER, PrivateLinkMetrics.ENDPOINTS, 5).size(), "and per subnet");

        Map<String, MetricDatum> service = byName(published, PROVIDER, PrivateLinkMetrics.SERVICES, 1);
        assertEquals(2, service.get("NewConnections").samples().sum());
        assertEquals(1, service.get("RstPacketsSent").samples().sum());
        assertEquals(1_000, service.get("BytesProcessed").samples().sum());
        long serviceSets = published.stream().filter(p -> p.scope().equals(PROVIDER) && p.datum().key().metricName().equals("NewConnections")).count();
        assertEquals(5, serviceSets, "Service Id; Az; Load Balancer Arn; Az and Load Balancer Arn; VPC Endpoint Id");
    }

    @Test
    void connectionsOpenAcrossMinutesAreActiveInEachAndIdleSidesAreNotPublished() {
        PrivateLinkAggregator aggregator = new PrivateLinkAggregator(100);
        aggregator.opened(MINUTE.plusSeconds(30), ENDPOINT, SERVICE);
        aggregator.flush(MINUTE.plusSeconds(60));
        List<PrivateLinkAggregator.Published> next = aggregator.flush(MINUTE.plusSeconds(120));
        Map<String, MetricDatum> endpoint = byName(next, CONSUMER, PrivateLinkMetrics.ENDPOINTS, 4);
        assertEquals(1, endpoint.get("ActiveConnections").samples().minimum());
        assertEquals(1.0, endpoint.get("ActiveConnections").samples().sum(), 1e-9);
        assertEquals(0, endpoint.get("NewConnections").samples().sum());
        aggregator.closed(MINUTE.plusSeconds(125), ENDPOINT, SERVICE, 10, false);
        aggregator.flush(MINUTE.plusSeconds(180));
        assertTrue(aggregator.flush(MINUTE.plusSeconds(240)).isEmpty(), "nothing open and no traffic: nothing published");
    }

    @Test
    void callsThroughAnInterfaceEndpointCountAsConnectionsWithTheirBytes() {
        PrivateLinkAggregator aggregator = new PrivateLinkAggregator(100);
        aggregator.call(MINUTE.plusSeconds(1), 0.5, ENDPOINT, 300);
        aggregator.call(MINUTE.plusSeconds(2), 0.5, ENDPOINT, 200);
        Map<String, MetricDatum> endpoint = byName(aggregator.flushIncludingCurrent(MINUTE.plusSeconds(3)), CONSUMER, PrivateLinkMetrics.ENDPOINTS, 5);
        assertEquals(2, endpoint.get("NewConnections").samples().sum());
        assertEquals(500, endpoint.get("BytesProcessed").samples().sum());
        aggregator.call(MINUTE.plusSeconds(10), 0.5, ENDPOINT, 50);
        Map<String, MetricDatum> rest = byName(aggregator.flush(MINUTE.plusSeconds(60)), CONSUMER, PrivateLinkMetrics.ENDPOINTS, 5);
        assertEquals(50, rest.get("BytesProcessed").samples().sum(), "what followed the early publication comes at the minute's end");
        assertEquals(MINUTE, rest.get("BytesProcessed").timestamp());
    }

    @Test
    void sidesBeyondTheBoundAreCountedAsDropped() {
        PrivateLinkAggregator aggregator = new PrivateLinkAggregator(1);
        aggregator.call(MINUTE, 0.1, ENDPOINT, 1);
        aggregator.call(MINUTE, 0.1, new PrivateLinkMetrics.EndpointSide(CONSUMER, "Interface", "s", "vpce-2", "vpc-1", "subnet-1"), 1);
        assertEquals(1, aggregator.dropped());
    }
}
