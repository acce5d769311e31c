package dev.backlane.server.sli;

import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.event.TelemetryDeliveryEvent;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.traffic.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Feeds the {@link SliBook} from the event stream: AWS calls through workloads' gateways (M3, M4, M5, M6, and M8 for
 * those a security group or network ACL dropped), DNS answers for AWS names (M2), PrivateLink connections (accepted,
 * refused, their bytes), telemetry sinks' deliveries (M9). Each fact goes to the keys it concerns: all, the endpoint it went through, the service, the
 * workload, its zone and VPC.
 */
public final class SliRecorder {
    /** The explanation codes of a flow a security group or network ACL rejected: what a flow log records as REJECT. */
    static final Set<String> FILTER_CODES = Set.of(ExplanationCode.ENI_SG_RULES_MISMATCH.name(), ExplanationCode.SUBNET_ACL_RESTRICTION.name());
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    private static final String AWS_SUFFIX = ".amazonaws.com.";

    private final SliBook book;
    private final Function<String, Optional<Workload>> workloads;
    private final Supplier<WorldIndex> world;
    /** Where each workload is: placement does not move a workload, so its keys are looked up once. */
    private final Map<String, List<SliKey>> placed = new ConcurrentHashMap<>();
    /** A workload's calls through an endpoint for a service, resolved to their series once: one lookup a call, not six. */
    private final Map<Call, SliBook.Keys> calls = new ConcurrentHashMap<>();

    /** What decides a call's keys besides its workload's place; {@code ""} for none. */
    private record Call(String workloadId, String endpointId, String service) {
    }

    /** Calls remembered at most; past that the map starts again (calls are few: workloads x endpoints x services). */
    private static final int MAX_CALLS = 10_000;

    public SliRecorder(SliBook book, EventStream events, Function<String, Optional<Workload>> workloads, Supplier<WorldIndex> world) {
        this.book = book;
        this.workloads = workloads;
        this.world = world;
        // For the stream's life: the recorder lives and dies with the server's data plane.
        events.subscribe(GatewayRequestEvent.class, this::onRequest);
        events.subscribe(DnsQueryEvent.class, this::onDns);
        events.subscribe(TelemetryDeliveryEvent.class, event -> book.telemetry(event.at(), event.sink(), event.offered(), event.delivered()));
        events.subscribe(PrivateLinkConnectionOpenedEvent.class, event -> book.connection(event.openedAt(), keys(event.flow()), true, false));
        events.subscribe(PrivateLinkConnectionRefusedEvent.class, event -> book.connection(event.at(), keys(event.flow()), false,
                FILTER_CODES.contains(event.explanationCode())));
        events.subscribe(PrivateLinkConnectionClosedEvent.class, event -> book.bytes(event.closedAt(), keys(event.flow()),
                event.bytesFromConsumer() + event.bytesToConsumer()));
    }

    private void onRequest(GatewayRequestEvent event) {
        Call call = new Call(event.workloadId(), endpointOf(event).orElse(""), event.facts().map(facts -> facts.service()).orElse(""));
        SliBook.Keys keys = calls.get(call);
        if (keys == null) {
            keys = book.resolve(keys(call));
            if (calls.size() >= MAX_CALLS) {
                calls.clear();
            }
            // A workload not known yet gets its place's keys when it is: its calls are not remembered until then.
            if (workloads.apply(call.workloadId()).isPresent()) {
                calls.put(call, keys);
            }
        }
        boolean filtered = event.verdict().filter(verdict -> verdict == Verdict.BLOCKED).isPresent()
                && event.explanationCode().filter(FILTER_CODES::contains).isPresent();
        book.request(event.start(), keys, event.status(), event.latencyNanos(), event.bytesIn() + event.bytesOut(), filtered);
    }

    private List<SliKey> keys(Call call) {
        List<SliKey> keys = new ArrayList<>(workloadKeys(call.workloadId()));
        if (!call.endpointId().isEmpty()) {
            keys.add(SliKey.endpoint(call.endpointId()));
        }
        if (!call.service().isEmpty()) {
            keys.add(new SliKey(SliKey.Kind.SERVICE, call.service()));
        }
        return keys;
    }

    /**
     * The endpoint a call went through, or would have: the event's endpoint (the one it went through or was stopped at), else
     * (a call blocked before it reached the endpoint, by the network ACL of the endpoint's subnet say) the interface endpoint
     * owning the network interface its destination resolved to.
     */
    private Optional<String> endpointOf(GatewayRequestEvent event) {
        if (event.endpoint().isPresent()) {
            return event.endpoint();
        }
        Optional<String> eni = event.destination().flatMap(destination -> destination.networkInterfaceId());
        Optional<Workload> workload = workloads.apply(event.workloadId());
        if (eni.isEmpty() || workload.isEmpty()) {
            return Optional.empty();
        }
        return world.get().scope(workload.get().scope()).flatMap(index -> index.endpointOwning(eni.get())).map(endpoint -> endpoint.id());
    }

    private void onDns(DnsQueryEvent event) {
        if (!event.queryType().equals("A") || event.answers().isEmpty() || !event.queryName().endsWith(AWS_SUFFIX)) {
            return;
        }
        boolean allPrivate = event.answers().stream().filter(answer -> answer.type().equals("A")).allMatch(answer -> Ipv4Address.parse(answer.rdata()).map(Ipv4Address::isPrivate).orElse(false));
        List<SliKey> keys = new ArrayList<>(List.of(new SliKey(SliKey.Kind.VPC, event.vpcId())));
        service(event.queryName()).ifPresent(service -> keys.add(new SliKey(SliKey.Kind.SERVICE, service)));
        book.dns(event.queryTimestamp(), keys, allPrivate);
    }

    /** The service a name of {@code *.amazonaws.com} is for: the label before the region ({@code sts}, {@code s3}...). */
    static Optional<String> service(String name) {
        String[] labels = name.split("\\.");
        for (int i = 1; i < labels.length; i++) {
            if (REGION.matcher(labels[i]).matches()) {
                return labels[i - 1].startsWith("vpce-") ? Optional.empty() : Optional.of(labels[i - 1]);
            }
        }
        return Optional.empty();
    }

    private List<SliKey> keys(PrivateLinkFlow flow) {
        List<SliKey> keys = new ArrayList<>(workloadKeys(flow.workloadId()));
        keys.add(SliKey.endpoint(flow.endpointId()));
        keys.add(new SliKey(SliKey.Kind.SERVICE, flow.serviceName()));
        return keys;
    }

    private List<SliKey> workloadKeys(String workloadId) {
        List<SliKey> known = placed.get(workloadId);
        if (known != null) {
            return known;
        }
        List<SliKey> keys = new ArrayList<>(List.of(new SliKey(SliKey.Kind.WORKLOAD, workloadId)));
        Optional<Workload> workload = workloads.apply(workloadId);
        if (workload.isEmpty()) {
            return keys;
        }
        world.get().scope(workload.get().scope()).ifPresent(index -> {
            Optional<NetworkInterface> eni = index.networkInterface(workload.get().networkInterfaceId());
            Optional<Subnet> subnet = eni.flatMap(found -> index.subnet(found.subnetId()));
            subnet.ifPresent(found -> {
                keys.add(new SliKey(SliKey.Kind.ZONE, found.availabilityZoneId()));
                keys.add(new SliKey(SliKey.Kind.VPC, found.vpcId()));
            });
        });
        List<SliKey> fixed = List.copyOf(keys);
        placed.put(workloadId, fixed);
        return fixed;
    }
}
