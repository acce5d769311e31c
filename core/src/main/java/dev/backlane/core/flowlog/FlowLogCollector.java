package dev.backlane.core.flowlog;

import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogTrafficType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes samples to the flow logs that watch their interface — on the interface itself, its subnet or its VPC, of a
 * traffic type that takes the sample's action — each flow log aggregating on its own interval
 * ({@link FlowAggregator}), and gives out each flow log's records, formatted in its {@code LogFormat}, once their
 * window has ended. A flow log deleted meanwhile loses what it had not delivered, as on AWS. Not thread-safe: one
 * delivery thread feeds it.
 */
public final class FlowLogCollector {
    private final int maxOpenFlowsPerFlowLog;
    private final Map<String, Collecting> collecting = new LinkedHashMap<>();

    private static final class Collecting {
        private final Scope scope;
        private final FlowLog flowLog;
        private final FlowLogFormat format;
        private final FlowAggregator aggregator;

        Collecting(Scope scope, FlowLog flowLog, int maxOpenFlows) {
            this.scope = scope;
            this.flowLog = flowLog;
            this.format = FlowLogFormat.parse(flowLog.logFormat());
            this.aggregator = new FlowAggregator(flowLog.maxAggregationInterval(), maxOpenFlows);
        }
    }

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
            if (watches(flowLog, on) && takes(flowLog.trafficType(), sample.action())) {
                collecting.computeIfAbsent(flowLog.id(), id -> new Collecting(on.scope(), flowLog, maxOpenFlowsPerFlowLog)).aggregator.add(sample);
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
        List<FlowLogLines> ready = new ArrayList<>();
        for (Iterator<Collecting> it = collecting.values().iterator(); it.hasNext();) {
            Collecting each = it.next();
            Optional<FlowLog> current = world.hasScope(each.scope) ? world.find(each.scope, ResourceTypes.FLOW_LOG, each.flowLog.id()) : Optional.empty();
            if (current.isEmpty()) {
                it.remove();
                continue;
            }
            List<AggregatedFlow> flows = nowSeconds.isPresent() ? each.aggregator.flush(nowSeconds.get()) : each.aggregator.drain();
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

    private static boolean watches(FlowLog flowLog, InterfaceView on) {
        return switch (flowLog.resourceType()) {
            case VPC -> flowLog.resourceId().equals(on.vpcId());
            case SUBNET -> flowLog.resourceId().equals(on.subnetId());
            case NETWORK_INTERFACE -> flowLog.resourceId().equals(on.id());
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
