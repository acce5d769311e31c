package dev.backlane.core.flowlog;

import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.FlowLogTrafficType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes samples to the flow logs that watch their interface — on the interface itself, its subnet or its VPC, of a
 * traffic type that takes the sample's action — each flow log aggregating on its own interval
 * ({@link FlowAggregator}), and gives out each flow log's records, formatted in its {@code LogFormat}, once their
 * window has ended. A flow log deleted meanwhile loses what it had not delivered, as on AWS. For each ended window,
 * every network interface the flow log covers that had no record in it gets a {@code NODATA} record, as AWS writes
 * for an interface without traffic in an aggregation interval. Not thread-safe: one delivery thread feeds it.
 */
public final class FlowLogCollector {
    /**
     * NODATA records are written for at most this many of the latest ended windows per flush, so that a clock moved far
     * ahead (or a long pause) does not write a backlog of them for every interface.
     */
    static final int MAX_NODATA_WINDOWS = 10;
    /** AWS's {@code InterfaceType} of an interface endpoint's network interfaces. */
    private static final String ENDPOINT_INTERFACE_TYPE = "vpc_endpoint";

    private final int maxOpenFlowsPerFlowLog;
    private final Map<String, Collecting> collecting = new LinkedHashMap<>();

    private static final class Collecting {
        private final Scope scope;
        private final FlowLog flowLog;
        private final FlowLogFormat format;
        private final FlowAggregator aggregator;
        /** The start of the first window whose NODATA records are not written yet: the window the flow log was created in. */
        private long noDataFrom;
        /** The interfaces that had traffic, per window, in the windows whose NODATA records are not written yet. */
        private final Set<Active> active = new HashSet<>();

        Collecting(Scope scope, FlowLog flowLog, int maxOpenFlows) {
            this.scope = scope;
            this.flowLog = flowLog;
            this.format = FlowLogFormat.parse(flowLog.logFormat());
            this.aggregator = new FlowAggregator(flowLog.maxAggregationInterval(), maxOpenFlows);
            this.noDataFrom = windowOf(flowLog.creationTime().getEpochSecond(), flowLog.maxAggregationInterval());
        }
    }

    /** An interface had traffic in the window starting at {@code window}. */
    private record Active(String interfaceId, long window) {}

    public FlowLogCollector(int maxOpenFlowsPerFlowLog) {
        if (maxOpenFlowsPerFlowLog <= 0) {
            throw new IllegalArgumentException("maxOpenFlowsPerFlowLog must be positive: " + maxOpenFlowsPerFlowLog);
        }
        this.maxOpenFlowsPerFlowLog = maxOpenFlowsPerFlowLog;
    }

    /** Adds the sample to every flow log of the world that watches its interface and its action; a sample without context has no place. */
    public void add(World world, FlowSample sample) {
        if (sample.context().isEmpty()) {
            return;
        }
        InterfaceView on = sample.context().get().networkInterface();
        if (!world.hasScope(on.scope())) {
            return;
        }
        for (FlowLog flowLog : world.all(on.scope(), ResourceTypes.FLOW_LOG)) {
            if (!watches(flowLog, on)) {
                continue;
            }
            Collecting each = collecting.computeIfAbsent(flowLog.id(), id -> new Collecting(on.scope(), flowLog, maxOpenFlowsPerFlowLog));
            // Traffic of an action the flow log does not take still means the interface had traffic: no NODATA record.
            each.active.add(new Active(on.id(), windowOf(sample.at().getEpochSecond(), flowLog.maxAggregationInterval())));
            if (takes(flowLog.trafficType(), sample.action())) {
                each.aggregator.add(sample);
            }
        }
    }

    /** The records of every window that ended at or before {@code nowSeconds}, per flow log still in the world. */
    public List<FlowLogLines> flush(World world, long nowSeconds) {
        return collect(world, Optional.of(nowSeconds));
    }

    /** Every record still open, whatever its window: for a server stopping. */
    public List<FlowLogLines> drain(World world) {
        return collect(world, Optional.empty());
    }

    /** How many flows are open over all flow logs. */
    public int openFlows() {
        return collecting.values().stream().mapToInt(each -> each.aggregator.openFlows()).sum();
    }

    private List<FlowLogLines> collect(World world, Optional<Long> nowSeconds) {
        if (nowSeconds.isPresent()) {
            // A flow log without any traffic yet still writes NODATA records for the interfaces it covers.
            for (Scope scope : world.scopes()) {
                for (FlowLog flowLog : world.all(scope, ResourceTypes.FLOW_LOG)) {
                    collecting.computeIfAbsent(flowLog.id(), id -> new Collecting(scope, flowLog, maxOpenFlowsPerFlowLog));
                }
            }
        }
        List<FlowLogLines> ready = new ArrayList<>();
        for (Iterator<Collecting> it = collecting.values().iterator(); it.hasNext();) {
            Collecting each = it.next();
            Optional<FlowLog> current = world.hasScope(each.scope) ? world.find(each.scope, ResourceTypes.FLOW_LOG, each.flowLog.id()) : Optional.empty();
            if (current.isEmpty()) {
                it.remove();
                continue;
            }
            List<AggregatedFlow> flows = nowSeconds.isPresent() ? each.aggregator.flush(nowSeconds.get()) : each.aggregator.drain();
            if (nowSeconds.isPresent()) {
                flows = withNoData(world, each, current.get(), flows, nowSeconds.get());
            }
            if (flows.isEmpty()) {
                continue;
            }
            List<FlowLogLines.Line> lines = new ArrayList<>(flows.size());
            for (AggregatedFlow flow : flows) {
                lines.add(new FlowLogLines.Line(flow.interfaceId(), flow.startSeconds(), each.format.format(flow.record(each.scope.account()).build())));
            }
            ready.add(new FlowLogLines(each.scope, current.get(), lines));
        }
        return ready;
    }

    /**
     * The flows, and a NODATA entry for each window that ended since the last flush and each interface of the world the
     * flow log covers that had no traffic in that window (of any action, as AWS's NODATA means), ordered by window. An interface counts as covered in a window
     * when it exists at the flush that follows the window's end, which runs every few seconds.
     */
    private List<AggregatedFlow> withNoData(World world, Collecting each, FlowLog flowLog, List<AggregatedFlow> flows, long nowSeconds) {
        long interval = flowLog.maxAggregationInterval();
        long ended = windowOf(nowSeconds, interval);
        long from = Math.max(each.noDataFrom, ended - MAX_NODATA_WINDOWS * interval);
        if (from >= ended) {
            return flows;
        }
        each.noDataFrom = ended;
        Set<Active> active = new HashSet<>(each.active);
        each.active.removeIf(seen -> seen.window() < ended);
        flows.forEach(flow -> active.add(new Active(flow.interfaceId(), windowOf(flow.startSeconds(), interval))));
        Set<String> targets = new HashSet<>();
        world.all(each.scope, ResourceTypes.TARGET_GROUP).forEach(group -> group.targets().forEach(target -> targets.add(target.id())));
        List<String> covered = world.all(each.scope, ResourceTypes.NETWORK_INTERFACE).stream()
                .filter(eni -> watches(flowLog, eni.id(), eni.vpcId(), eni.subnetId()) && recorded(eni, targets)).map(NetworkInterface::id)
                .sorted().toList();
        List<AggregatedFlow> all = new ArrayList<>(flows);
        for (long window = from; window < ended; window += interval) {
            for (String interfaceId : covered) {
                if (!active.contains(new Active(interfaceId, window))) {
                    all.add(new AggregatedFlow(interfaceId, null, null, 0, 0, 0, window, window + interval - 1, LogStatus.NODATA));
                }
            }
        }
        // Stable: within a window the aggregator's order stays, NODATA entries after it.
        all.sort(Comparator.comparingLong(flow -> windowOf(flow.startSeconds(), interval)));
        return all;
    }

    /**
     * Whether Backlane records the interface's traffic: an endpoint's interface, or a workload's own (neither requester
     * managed nor a load balancer's target). A NAT gateway's, a load balancer's or a target's interface carries traffic
     * that gets no records here, so a NODATA record on it would be false.
     */
    private static boolean recorded(NetworkInterface eni, Set<String> targets) {
        if (eni.interfaceType().equals(ENDPOINT_INTERFACE_TYPE)) {
            return true;
        }
        if (!eni.interfaceType().equals("interface") || eni.requesterManaged()) {
            return false;
        }
        String instanceId = eni.attachment() == null ? null : eni.attachment().instanceId();
        return !targets.contains(eni.privateIpAddress()) && (instanceId == null || !targets.contains(instanceId));
    }

    private static long windowOf(long second, long interval) {
        return Math.floorDiv(second, interval) * interval;
    }

    private static boolean watches(FlowLog flowLog, InterfaceView on) {
        return watches(flowLog, on.id(), on.vpcId(), on.subnetId());
    }

    private static boolean watches(FlowLog flowLog, String interfaceId, String vpcId, String subnetId) {
        return switch (flowLog.resourceType()) {
            case VPC -> flowLog.resourceId().equals(vpcId);
            case SUBNET -> flowLog.resourceId().equals(subnetId);
            case NETWORK_INTERFACE -> flowLog.resourceId().equals(interfaceId);
            case TRANSIT_GATEWAY, TRANSIT_GATEWAY_ATTACHMENT, REGIONAL_NAT_GATEWAY -> false;
        };
    }

    private static boolean takes(FlowLogTrafficType trafficType, FlowAction action) {
        return switch (trafficType) {
            case ALL -> true;
            case ACCEPT -> action == FlowAction.ACCEPT;
            case REJECT -> action == FlowAction.REJECT;
        };
    }
}
