package dev.backlane.server.observe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.metrics.gateway.NatGatewayAggregator;
import dev.backlane.core.metrics.PrivateLinkMetrics;
import dev.backlane.core.metrics.gateway.RequestMetrics;
import dev.backlane.core.model.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataPlaneMetricsTest {
    private static final Scope SCOPE = new Scope("111111111111", "us-east-1");

    private static String text(DataPlaneMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static GatewayRequestEvent request(Verdict verdict, String via, int status, long latencyNanos) {
        return new GatewayRequestEvent("wl-1", "127.0.0.1", 5000, "GET", Optional.empty(), Optional.of(verdict), Optional.of(via), Optional.empty(),
                GatewayRequestEvent.Outcome.FORWARDED, status, 100, 200, Instant.EPOCH, latencyNanos);
    }

    @Test
    void gatewayRequestsAreCountedByVerdictWayOutAndStatusWithTheirLatency() throws IOException {
        DataPlaneMetrics metrics = new DataPlaneMetrics();
        metrics.request(request(Verdict.PRIVATE, "vpce-1", 200, 3_000_000));
        metrics.request(request(Verdict.PRIVATE, "vpce-1", 200, 40_000_000));
        metrics.request(request(Verdict.PUBLIC, "nat-1", 403, 1_000_000));
        String text = text(metrics);
        assertTrue(text.contains("backlane_gateway_requests_total{outcome=\"FORWARDED\",region=\"unknown\",service=\"unknown\",status=\"200\","
                + "verdict=\"PRIVATE\",via=\"endpoint\",vpc_endpoint_id=\"vpce-1\"} 2.0"), text);
        assertTrue(text.contains("backlane_gateway_requests_total{outcome=\"FORWARDED\",region=\"unknown\",service=\"unknown\",status=\"403\","
                + "verdict=\"PUBLIC\",via=\"nat\",vpc_endpoint_id=\"\"} 1.0"), text);
        assertTrue(text.contains("backlane_gateway_request_duration_seconds_bucket{region=\"unknown\",service=\"unknown\",verdict=\"PRIVATE\",le=\"0.005\"} 1"), text);
        assertTrue(text.contains("backlane_gateway_request_duration_seconds_count{region=\"unknown\",service=\"unknown\",verdict=\"PRIVATE\"} 2"), text);
    }

    @Test
    void natGatewayTrafficIsCountedPerGatewayWithItsOpenConnections() throws IOException {
        DataPlaneMetrics metrics = new DataPlaneMetrics();
        NatGatewayAggregator.Gateway nat = new NatGatewayAggregator.Gateway(SCOPE, "nat-1");
        metrics.natTraffic(new NatGatewayAggregator.Traffic(nat, 1, 1, 3, 1_156, 2, 404, 1));
        metrics.natTraffic(new NatGatewayAggregator.Traffic(nat, 0, 0, 1, 52, 1, 52, -1));
        String text = text(metrics);
        String labels = "{account=\"111111111111\",nat_gateway_id=\"nat-1\",region=\"us-east-1\"}";
        assertTrue(text.contains("backlane_nat_gateway_connection_attempts_total" + labels + " 1.0"), text);
        assertTrue(text.contains("backlane_nat_gateway_connections_established_total" + labels + " 1.0"), text);
        assertTrue(text.contains("backlane_nat_gateway_bytes_in_from_source_total" + labels + " 1208.0"), text);
        assertTrue(text.contains("backlane_nat_gateway_bytes_in_from_destination_total" + labels + " 456.0"), text);
        assertTrue(text.contains("backlane_nat_gateway_packets_in_from_source_total" + labels + " 4.0"), text);
        assertTrue(text.contains("backlane_nat_gateway_packets_in_from_destination_total" + labels + " 3.0"), text);
        assertTrue(text.contains("backlane_nat_gateway_active_connections" + labels + " 0.0"), text);
    }

    @Test
    void callsAreCountedByServiceActionStatusAndErrorCodeWithTheirLatency() throws IOException {
        DataPlaneMetrics metrics = new DataPlaneMetrics();
        metrics.call(new RequestMetrics.Key(SCOPE, "s3", "GetObject", 404, Optional.of("NoSuchKey")), 3_000_000);
        metrics.call(new RequestMetrics.Key(SCOPE, "s3", "GetObject", 200, Optional.empty()), 20_000_000);
        String text = text(metrics);
        assertTrue(text.contains("backlane_requests_total{account=\"111111111111\",action=\"GetObject\",error_code=\"NoSuchKey\","
                + "region=\"us-east-1\",service=\"s3\",status=\"404\"} 1.0"), text);
        assertTrue(text.contains("backlane_requests_total{account=\"111111111111\",action=\"GetObject\",error_code=\"\","
                + "region=\"us-east-1\",service=\"s3\",status=\"200\"} 1.0"), text);
        assertTrue(text.contains("backlane_request_latency_seconds_bucket{account=\"111111111111\",action=\"GetObject\",region=\"us-east-1\","
                + "service=\"s3\",le=\"0.005\"} 1"), text);
    }

    @Test
    void aCallStoppedAtAnEndpointIsCountedAtThatEndpointWithNoWayOut() throws IOException {
        DataPlaneMetrics metrics = new DataPlaneMetrics();
        metrics.request(new GatewayRequestEvent("wl-1", "127.0.0.1", 5000, "GET", Optional.empty(), Optional.of(Verdict.BLOCKED), Optional.empty(),
                Optional.of("FAULT_SECURITY_GROUP_DROP"), GatewayRequestEvent.Outcome.STALLED, 0, 100, 0, Instant.EPOCH, 1_000_000,
                Optional.empty(), Optional.empty(), Optional.of("vpce-1")));
        metrics.request(new GatewayRequestEvent("wl-1", "127.0.0.1", 5000, "GET", Optional.empty(), Optional.of(Verdict.BLOCKED), Optional.empty(),
                Optional.of("SUBNET_ACL_RESTRICTION"), GatewayRequestEvent.Outcome.STALLED, 0, 100, 0, Instant.EPOCH, 1_000_000));
        String text = text(metrics);
        assertTrue(text.contains("backlane_gateway_requests_total{outcome=\"STALLED\",region=\"unknown\",service=\"unknown\",status=\"0\","
                + "verdict=\"BLOCKED\",via=\"none\",vpc_endpoint_id=\"vpce-1\"} 1.0"), text);
        assertTrue(text.contains("backlane_gateway_requests_total{outcome=\"STALLED\",region=\"unknown\",service=\"unknown\",status=\"0\","
                + "verdict=\"BLOCKED\",via=\"none\",vpc_endpoint_id=\"\"} 1.0"), text);
    }

    @Test
    void dnsAnswersAreCountedAsPrivateOrPublic() throws IOException {
        DataPlaneMetrics metrics = new DataPlaneMetrics();
        Instant at = Instant.EPOCH;
        metrics.dnsAnswer(new DnsQueryEvent("1", "us-east-1", "vpc-1", at, "s3.us-east-1.amazonaws.com.", "A", "IN", "NOERROR",
                List.of(new DnsQueryEvent.Answer("10.0.1.5", "A", "IN", 60)), "127.0.0.1", 1, "UDP", Map.of()));
        metrics.dnsAnswer(new DnsQueryEvent("1", "us-east-1", "vpc-1", at, "sts.amazonaws.com.", "A", "IN", "NOERROR",
                List.of(new DnsQueryEvent.Answer("52.94.0.1", "A", "IN", 60)), "127.0.0.1", 1, "UDP", Map.of()));
        metrics.dnsAnswer(new DnsQueryEvent("1", "us-east-1", "vpc-1", at, "nothing.", "A", "IN", "NXDOMAIN", List.of(), "127.0.0.1", 1, "UDP",
                Map.of()));
        String text = text(metrics);
        assertTrue(text.contains("backlane_dns_answers_total{answer=\"private\",rcode=\"NOERROR\"} 1.0"), text);
        assertTrue(text.contains("backlane_dns_answers_total{answer=\"public\",rcode=\"NOERROR\"} 1.0"), text);
        assertTrue(text.contains("backlane_dns_answers_total{answer=\"none\",rcode=\"NXDOMAIN\"} 1.0"), text);
    }

    @Test
    void privateLinkConnectionsAreCountedOnBothSides() throws IOException {
        DataPlaneMetrics metrics = new DataPlaneMetrics();
        PrivateLinkMetrics.EndpointSide endpoint = new PrivateLinkMetrics.EndpointSide(SCOPE, "Interface", "com.amazonaws.vpce.us-east-1.vpce-svc-1",
                "vpce-1", "vpc-1", "subnet-1");
        PrivateLinkMetrics.ServiceSide service = new PrivateLinkMetrics.ServiceSide(new Scope("222222222222", "us-east-1"), "vpce-svc-1",
                Optional.empty(), "us-east-1a", "vpce-1");
        metrics.opened(endpoint, service);
        metrics.opened(endpoint, service);
        metrics.closed(endpoint, service, 1500, true);
        metrics.refused(endpoint, false);
        String text = text(metrics);
        assertTrue(text.contains("backlane_privatelink_endpoint_new_connections_total{account=\"111111111111\",region=\"us-east-1\","
                + "service_name=\"com.amazonaws.vpce.us-east-1.vpce-svc-1\",subnet_id=\"subnet-1\",vpc_endpoint_id=\"vpce-1\",vpc_id=\"vpc-1\"} 2.0"), text);
        assertTrue(text.contains("backlane_privatelink_endpoint_active_connections{") && text.contains("vpc_id=\"vpc-1\"} 1.0"), text);
        assertTrue(text.contains("backlane_privatelink_service_bytes_processed_total{account=\"222222222222\",az=\"us-east-1a\",load_balancer_arn=\"\","
                + "region=\"us-east-1\",service_id=\"vpce-svc-1\",vpc_endpoint_id=\"vpce-1\"} 1500.0"), text);
        assertTrue(text.contains("backlane_privatelink_service_rst_packets_sent_total{"), text);
        assertTrue(text.contains("backlane_privatelink_endpoint_packets_dropped_total{") , text);
    }
}
