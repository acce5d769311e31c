package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EndpointInterfaceEvent;
import dev.backlane.core.event.EndpointStateChangedEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.metrics.PrivateLinkMetrics;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The newest events of each kind the event stream carried, for the console's timelines and for scripts
 * ({@code GET /_backlane/events}): the VPC resolvers' answers with their records' TTLs, the workload gateways'
 * requests, faults starting and ending, VPC endpoints' states and their network interfaces' steps, and the PrivateLink
 * connections that counted in an endpoint's PacketsDropped or RstPacketsReceived. Bounded: each kind keeps its newest {@code capacity} events, already
 * shaped as JSON (so an event's own objects are not held), and counts those it let go.
 */
public final class RecentEvents {
    /** How many events of each kind are kept unless the server says otherwise. */
    public static final int CAPACITY = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds kept, named as the {@code kind} parameter names them. */
    public enum Kind {
        DNS, GATEWAY, FAULT, ENDPOINT, PRIVATELINK;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code text}; an IllegalArgumentException naming the kinds otherwise. */
        public static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.label().equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("kind must be one of " + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", "))
                    + ", not " + text);
        }
    }

    /** One kind's newest events, oldest first. */
    private static final class Ring {
        private final ArrayDeque<ObjectNode> events;
        private final int capacity;
        private long dropped;

        Ring(int capacity) {
            this.capacity = capacity;
            this.events = new ArrayDeque<>(capacity);
        }

        synchronized void add(ObjectNode event) {
            if (events.size() == capacity) {
                events.removeFirst();
                dropped++;
            }
            events.addLast(event);
        }

        synchronized List<ObjectNode> newest(int limit) {
            List<ObjectNode> all = new ArrayList<>(events);
            return all.subList(Math.max(0, all.size() - limit), all.size());
        }

        synchronized long dropped() {
            return dropped;
        }
    }

    private final Map<Kind, Ring> rings = new EnumMap<>(Kind.class);
    private final int capacity;

    public RecentEvents(EventStream events, int capacity) {
        requireNonNull(events, "events is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is at least 1, not " + capacity);
        }
        this.capacity = capacity;
        for (Kind kind : Kind.values()) {
            rings.put(kind, new Ring(capacity));
        }
        // For the stream's life: kept as long as the server's data plane runs.
        events.subscribe(DnsQueryEvent.class, event -> rings.get(Kind.DNS).add(dns(event)));
        events.subscribe(GatewayRequestEvent.class, event -> rings.get(Kind.GATEWAY).add(request(event)));
        events.subscribe(FaultStartedEvent.class, event -> rings.get(Kind.FAULT).add(fault("started", event.fault().id(),
                event.fault().kind().name(), event.at().toString())));
        events.subscribe(EndpointStateChangedEvent.class, event -> rings.get(Kind.ENDPOINT).add(endpointState(event)));
        events.subscribe(EndpointInterfaceEvent.class, event -> rings.get(Kind.ENDPOINT).add(endpointInterface(event)));
        events.subscribe(PrivateLinkConnectionRefusedEvent.class, event -> rings.get(Kind.PRIVATELINK).add(privateLink(event.flow(), event.at(),
                event.reset() ? PrivateLinkMetrics.RST_PACKETS_RECEIVED : PrivateLinkMetrics.PACKETS_DROPPED).put("explanationCode", event.explanationCode())));
        events.subscribe(PrivateLinkConnectionClosedEvent.class, event -> {
            if (event.cause() == PrivateLinkConnectionClosedEvent.Cause.TARGET_RESET) {
                rings.get(Kind.PRIVATELINK).add(privateLink(event.flow(), event.closedAt(), PrivateLinkMetrics.RST_PACKETS_RECEIVED)
                        .put("cause", event.cause().name()));
            }
        });
        events.subscribe(FaultEndedEvent.class, event -> rings.get(Kind.FAULT).add(fault("ended", event.fault().id(), event.fault().kind().name(),
                event.at().toString()).put("reason", event.reason().name())));
    }

    /** {@code {"kind", "capacity", "dropped", "events": [oldest ... newest]}}: at most {@code limit} of the newest. */
    public ObjectNode answer(Kind kind, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, not " + limit);
        }
        Ring ring = rings.get(kind);
        ObjectNode answer = JSON.createObjectNode().put("kind", kind.label()).put("capacity", capacity).put("dropped", ring.dropped());
        ArrayNode list = answer.putArray("events");
        ring.newest(limit).forEach(list::add);
        return answer;
    }

    /** A connection through an endpoint that counted in its PacketsDropped or RstPacketsReceived. */
    private static ObjectNode privateLink(PrivateLinkFlow flow, Instant at, String metric) {
        return JSON.createObjectNode()
                .put("time", at.toString())
                .put("account", flow.account())
                .put("region", flow.region())
                .put("metric", metric)
                .put("workloadId", flow.workloadId())
                .put("via", flow.endpointId())
                .put("endpointNetworkInterfaceId", flow.endpointNetworkInterfaceId())
                .put("subnetId", flow.subnetId())
                .put("serviceName", flow.serviceName())
                .put("serviceId", flow.serviceId())
                .put("sourceAddress", flow.sourceAddress())
                .put("sourcePort", flow.sourcePort())
                .put("port", flow.port());
    }

    private static ObjectNode endpointState(EndpointStateChangedEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("time", event.at().toString())
                .put("account", event.scope().account())
                .put("region", event.scope().region())
                .put("event", "state")
                .put("vpcEndpointId", event.vpcEndpointId())
                .put("vpcId", event.vpcId())
                .put("serviceName", event.serviceName());
        event.previous().ifPresentOrElse(previous -> node.put("from", previous.awsName()), () -> node.putNull("from"));
        node.put("to", event.current().awsName());
        event.provisioning().ifPresent(took -> node.put("provisioningSeconds", took.toMillis() / 1000.0));
        return node;
    }

    private static ObjectNode endpointInterface(EndpointInterfaceEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("time", event.at().toString())
                .put("account", event.scope().account())
                .put("region", event.scope().region())
                .put("event", "network-interface")
                .put("vpcEndpointId", event.vpcEndpointId())
                .put("networkInterfaceId", event.networkInterfaceId())
                .put("step", event.step().label())
                .put("subnetId", event.subnetId())
                .put("availabilityZone", event.availabilityZone())
                .put("privateIpAddress", event.privateIpAddress());
        event.attachmentId().ifPresent(id -> node.put("attachmentId", id));
        return node;
    }

    private static ObjectNode dns(DnsQueryEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("time", event.queryTimestamp().toString())
                .put("account", event.accountId())
                .put("region", event.region())
                .put("vpcId", event.vpcId())
                .put("name", event.queryName())
                .put("type", event.queryType())
                .put("rcode", event.rcode())
                .put("client", event.srcaddr());
        ArrayNode answers = node.putArray("answers");
        int shortest = Integer.MAX_VALUE;
        for (DnsQueryEvent.Answer answer : event.answers()) {
            answers.addObject().put("rdata", answer.rdata()).put("type", answer.type()).put("ttl", answer.ttl());
            shortest = Math.min(shortest, answer.ttl());
        }
        if (shortest != Integer.MAX_VALUE) {
            // Until then a client may answer itself from its cache (what a fix has to wait out).
            node.put("cachedUntil", event.queryTimestamp().plusSeconds(shortest).toString());
        }
        return node;
    }

    private static ObjectNode request(GatewayRequestEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("time", event.start().toString())
                .put("workloadId", event.workloadId())
                .put("method", event.method());
        event.facts().ifPresent(facts -> node.put("service", facts.service()).put("region", facts.region()).put("operation", facts.operation()));
        event.verdict().ifPresent(verdict -> node.put("verdict", verdict.name()));
        event.via().ifPresent(via -> node.put("via", via));
        event.endpoint().ifPresent(endpoint -> node.put("endpoint", endpoint));
        event.explanationCode().ifPresent(code -> node.put("explanationCode", code));
        return node.put("outcome", event.outcome().name()).put("status", event.status()).put("latencyMillis", event.latencyNanos() / 1e6);
    }

    private static ObjectNode fault(String what, String faultId, String kind, String at) {
        return JSON.createObjectNode().put("time", at).put("event", what).put("faultId", faultId).put("kind", kind);
    }
}
