package dev.backlane.server.observe;

import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.metrics.PrivateLinkMetrics;
import dev.backlane.core.metrics.gateway.NatGatewayAggregator;
import dev.backlane.core.metrics.gateway.RequestMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data plane's figures as Prometheus series (Prometheus's Java client): the workload gateways' requests by service,
 * verdict, the way out ({@code endpoint}, {@code nat}, {@code igw}), what the gateway did and the status, their latency
 * as a histogram, the DNS answers by response code and whether they were private addresses, and the PrivateLink figures
 * CloudWatch has ({@link PrivateLinkMetrics}) as counters and gauges per endpoint (and subnet) and per endpoint service,
 * and the NAT gateways' ({@code AWS/NATGateway}, {@link NatGatewayAggregator}) per NAT gateway: each pair of AWS metrics
 * that count the same bytes or packets (in from the source, out to the destination) is one series here; and the calls of
 * {@code Backlane/Requests} ({@link RequestMetrics}) by account, region, service, action, status and error code.
 * Written in the Prometheus text exposition format (version 0.0.4).
 */
public final class DataPlaneMetrics {
    private static final String[] ENDPOINT_LABELS = {"account", "region", "service_name", "vpc_endpoint_id", "vpc_id", "subnet_id"};
    private static final String[] SERVICE_LABELS = {"account", "region", "service_id", "load_balancer_arn", "az", "vpc_endpoint_id"};
    private static final String[] NAT_LABELS = {"account", "region", "nat_gateway_id"};
    private static final String[] REQUEST_LABELS = {"account", "region", "service", "action", "status", "error_code"};

    private static final String[] STATUSES = java.util.stream.IntStream.range(0, 600).mapToObj(Integer::toString).toArray(String[]::new);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
    private final Counter requests = Counter.builder().name("backlane_gateway_requests_total")
            .help("Requests the workload gateways handled, by the call's region and service, the endpoint they left through, verdict, "
                    + "way out, what the gateway did and HTTP status (0: none)")
            .labelNames("region", "service", "vpc_endpoint_id", "verdict", "via", "outcome", "status").register(registry);
    private final Histogram latency = Histogram.builder().name("backlane_gateway_request_duration_seconds")
            .help("Time from a request's head to the gateway being done with it, by the call's region and service and the verdict")
            .labelNames("region", "service", "verdict")
            .classicOnly().classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 350)
            .register(registry);
    private final Counter dnsAnswers = Counter.builder().name("backlane_dns_answers_total")
            .help("Queries the VPC resolvers answered, by response code and answer: private (an address in RFC 1918 space), public, none")
            .labelNames("rcode", "answer").register(registry);
    private final Counter endpointBytes = counter("backlane_privatelink_endpoint_bytes_processed_total",
            "Bytes through interface endpoints, both ways (AWS/PrivateLinkEndpoints BytesProcessed)", ENDPOINT_LABELS);
    private final Counter endpointConnections = counter("backlane_privatelink_endpoint_new_connections_total",
            "Connections through interface endpoints (NewConnections)", ENDPOINT_LABELS);
    private final Counter endpointDropped = counter("backlane_privatelink_endpoint_packets_dropped_total",
            "Connections through interface endpoints dropped before a target (PacketsDropped)", ENDPOINT_LABELS);
    private final Counter endpointResets = counter("backlane_privatelink_endpoint_rst_packets_received_total",
            "Resets interface endpoints received from their service (RstPacketsReceived)", ENDPOINT_LABELS);
    private final Gauge endpointActive = gauge("backlane_privatelink_endpoint_active_connections",
            "Connections open through interface endpoints (ActiveConnections)", ENDPOINT_LABELS);
    private final Counter serviceBytes = counter("backlane_privatelink_service_bytes_processed_total",
            "Bytes endpoint services exchanged with endpoints (AWS/PrivateLinkServices BytesProcessed)", SERVICE_LABELS);
    private final Counter serviceConnections = counter("backlane_privatelink_service_new_connections_total",
            "Connections endpoint services accepted from endpoints (NewConnections)", SERVICE_LABELS);
    private final Counter serviceResets = counter("backlane_privatelink_service_rst_packets_sent_total",
            "Resets endpoint services' targets sent (RstPacketsSent)", SERVICE_LABELS);
    private final Gauge serviceActive = gauge("backlane_privatelink_service_active_connections",
            "Connections open to endpoint services (ActiveConnections)", SERVICE_LABELS);

    /**
     * The request counter's and latency histogram's series of each set of labels a call had, found once: looking both up by
     * their labels at each call cost the gateway's threads more than counting. As many as the series, which are never removed.
     */
    private final Map<RequestLabels, RequestSeries> requestSeries = new ConcurrentHashMap<>();

    private record RequestLabels(String region, String service, String endpoint, String verdict, String via, GatewayRequestEvent.Outcome outcome,
            int status) {}

    private record RequestSeries(CounterDataPoint requests, DistributionDataPoint latency) {}

    /** The same for Backlane/Requests' series, by the (capped) key a call was counted under. */
    private final Map<RequestMetrics.Key, RequestSeries> callSeries = new ConcurrentHashMap<>();

    private final Counter natAttempts = counter("backlane_nat_gateway_connection_attempts_total",
            "Connections workloads attempted through NAT gateways (AWS/NATGateway ConnectionAttemptCount)", NAT_LABELS);
    private final Counter natEstablished = counter("backlane_nat_gateway_connections_established_total",
            "Connections established through NAT gateways (ConnectionEstablishedCount)", NAT_LABELS);
    private final Counter natBytesFromSource = counter("backlane_nat_gateway_bytes_in_from_source_total",
            "IP bytes NAT gateways received from workloads and sent on to the destination (BytesInFromSource, BytesOutToDestination)", NAT_LABELS);
    private final Counter natBytesFromDestination = counter("backlane_nat_gateway_bytes_in_from_destination_total",
            "IP bytes NAT gateways received from destinations and sent back to workloads (BytesInFromDestination, BytesOutToSource)", NAT_LABELS);
    private final Counter natPacketsFromSource = counter("backlane_nat_gateway_packets_in_from_source_total",
            "Packets NAT gateways received from workloads, estimated from bytes (PacketsInFromSource, PacketsOutToDestination)", NAT_LABELS);
    private final Counter natPacketsFromDestination = counter("backlane_nat_gateway_packets_in_from_destination_total",
            "Packets NAT gateways received from destinations, estimated from bytes (PacketsInFromDestination, PacketsOutToSource)", NAT_LABELS);
    private final Gauge natActive = gauge("backlane_nat_gateway_active_connections",
            "Connections open through NAT gateways (ActiveConnectionCount)", NAT_LABELS);

    private final Counter calls = counter("backlane_requests_total", "AWS calls workloads made through their gateways "
            + "(Backlane/Requests Requests), by the call's service and action, the HTTP status (0: none) and the AWS error code (empty: none); "
            + "past the cap of combinations, service, action and error code are Other", REQUEST_LABELS);
    private final Histogram callLatency = Histogram.builder().name("backlane_request_latency_seconds")
            .help("Latency of AWS calls workloads made through their gateways (Backlane/Requests Latency), by service and action")
            .labelNames("account", "region", "service", "action")
            .classicOnly().classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 350)
            .register(registry);

    private Counter counter(String name, String help, String[] labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Gauge gauge(String name, String help, String[] labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    /** Adds series read at each scrape (the SLIs). */
    public void register(MultiCollector collector) {
        registry.register(collector);
    }

    void request(GatewayRequestEvent event) {
        String region = event.facts().map(facts -> facts.region()).orElse("unknown");
        String service = event.facts().map(facts -> facts.service()).orElse("unknown");
        // Empty (no label, to Prometheus) unless the call went through an endpoint or was stopped at one (its security
        // groups, a fault): the SLO alerts are kept per endpoint, and a call the endpoint dropped is one of its failures.
        String endpoint = event.endpoint().orElse("");
        String verdict = event.verdict().map(Enum::name).orElse("NONE");
        String via = event.via().map(DataPlaneMetrics::wayOut).orElse("none");
        RequestLabels labels = new RequestLabels(region, service, endpoint, verdict, via, event.outcome(), event.status());
        RequestSeries series = requestSeries.get(labels);
        if (series == null) {
            series = requestSeries.computeIfAbsent(labels, found -> new RequestSeries(
                    requests.labelValues(region, service, endpoint, verdict, via, found.outcome().name(), status(found.status())),
                    latency.labelValues(region, service, verdict)));
        }
        series.requests().inc();
        series.latency().observe(event.latencyNanos() / 1e9);
    }

    void dnsAnswer(DnsQueryEvent event) {
        String answer = "none";
        for (DnsQueryEvent.Answer record : event.answers()) {
            if (record.type().equals("A") || record.type().equals("AAAA")) {
                answer = isPrivate(record.rdata()) ? "private" : "public";
                break;
            }
        }
        dnsAnswers.labelValues(event.rcode(), answer).inc();
    }

    void opened(PrivateLinkMetrics.EndpointSide endpoint, PrivateLinkMetrics.ServiceSide service) {
        endpointConnections.labelValues(labels(endpoint)).inc();
        endpointActive.labelValues(labels(endpoint)).inc();
        serviceConnections.labelValues(labels(service)).inc();
        serviceActive.labelValues(labels(service)).inc();
    }

    void closed(PrivateLinkMetrics.EndpointSide endpoint, PrivateLinkMetrics.ServiceSide service, long bytes, boolean targetReset) {
        endpointBytes.labelValues(labels(endpoint)).inc(bytes);
        endpointActive.labelValues(labels(endpoint)).dec();
        serviceBytes.labelValues(labels(service)).inc(bytes);
        serviceActive.labelValues(labels(service)).dec();
        if (targetReset) {
            endpointResets.labelValues(labels(endpoint)).inc();
            serviceResets.labelValues(labels(service)).inc();
        }
    }

    void refused(PrivateLinkMetrics.EndpointSide endpoint, boolean reset) {
        (reset ? endpointResets : endpointDropped).labelValues(labels(endpoint)).inc();
    }

    /**
     * The series a workload's AWS calls through an interface endpoint count into, found once for the caller to keep:
     * finding a series by its six labels at each call cost the gateway's threads more than counting.
     */
    record EndpointCalls(CounterDataPoint connections, CounterDataPoint bytes) {}

    EndpointCalls endpointCalls(PrivateLinkMetrics.EndpointSide endpoint) {
        String[] labels = labels(endpoint);
        return new EndpointCalls(endpointConnections.labelValues(labels), endpointBytes.labelValues(labels));
    }

    void call(EndpointCalls series, long bytes) {
        series.connections().inc();
        series.bytes().inc(bytes);
    }

    void natTraffic(NatGatewayAggregator.Traffic traffic) {
        String[] labels = {traffic.gateway().scope().account(), traffic.gateway().scope().region(), traffic.gateway().natGatewayId()};
        natAttempts.labelValues(labels).inc(traffic.attempts());
        natEstablished.labelValues(labels).inc(traffic.established());
        natBytesFromSource.labelValues(labels).inc(traffic.bytesFromSource());
        natBytesFromDestination.labelValues(labels).inc(traffic.bytesFromDestination());
        natPacketsFromSource.labelValues(labels).inc(traffic.packetsFromSource());
        natPacketsFromDestination.labelValues(labels).inc(traffic.packetsFromDestination());
        natActive.labelValues(labels).inc(traffic.openChange());
    }

    void call(RequestMetrics.Key key, long latencyNanos) {
        RequestSeries series = callSeries.get(key);
        if (series == null) {
            series = callSeries.computeIfAbsent(key, found -> new RequestSeries(
                    calls.labelValues(found.scope().account(), found.scope().region(), found.service(), found.action(), Integer.toString(found.status()),
                            found.errorCode().orElse("")),
                    callLatency.labelValues(found.scope().account(), found.scope().region(), found.service(), found.action())));
        }
        series.requests().inc();
        series.latency().observe(latencyNanos / 1e9);
    }

    /** The series in the Prometheus text format. */
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private static String[] labels(PrivateLinkMetrics.EndpointSide side) {
        return new String[] {side.scope().account(), side.scope().region(), side.serviceName(), side.endpointId(), side.vpcId(), side.subnetId()};
    }

    private static String[] labels(PrivateLinkMetrics.ServiceSide side) {
        return new String[] {side.scope().account(), side.scope().region(), side.serviceId(), side.loadBalancerArn().orElse(""), side.az(),
                side.endpointId()};
    }

    /** An HTTP status as a label, without a new string for each request. */
    private static String status(int status) {
        return status >= 0 && status < STATUSES.length ? STATUSES[status] : Integer.toString(status);
    }

    private static String wayOut(String componentId) {
        if (componentId.startsWith("vpce-")) {
            return "endpoint";
        }
        if (componentId.startsWith("nat-")) {
            return "nat";
        }
        return componentId.startsWith("igw-") ? "igw" : "other";
    }

    private static boolean isPrivate(String address) {
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            return address.toLowerCase(java.util.Locale.ROOT).startsWith("fd");
        }
        int first = Integer.parseInt(octets[0]);
        int second = Integer.parseInt(octets[1]);
        return first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168);
    }
}
