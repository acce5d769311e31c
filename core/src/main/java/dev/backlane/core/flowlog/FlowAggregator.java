package dev.backlane.core.flowlog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns samples into one entry per flow (5-tuple and action) per interface per aggregation window, as
 * a flow log cuts records. Windows are aligned to multiples of the interval since the epoch (60 or 600
 * seconds); a window is given out by {@link #flush} once the time passed to it reaches the window's end.
 * Memory is bounded: past {@code maxOpenFlows} open flows, a sample of a new flow is not kept, and its
 * interface's window gets one {@code SKIPDATA} entry instead, as AWS writes when it skips records for
 * capacity. Not thread-safe: one pipeline thread feeds it. Time comes from the samples and the caller.
 */
public final class FlowAggregator {
    private final long intervalSeconds;
    private final int maxOpenFlows;
    private final Map<WindowKey, Accumulator> open = new HashMap<>();
    private final Map<SkipKey, Long> skipped = new HashMap<>();

    public FlowAggregator(int intervalSeconds, int maxOpenFlows) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("intervalSeconds must be positive: " + intervalSeconds);
        }
        if (maxOpenFlows <= 0) {
            throw new IllegalArgumentException("maxOpenFlows must be positive: " + maxOpenFlows);
        }
        this.intervalSeconds = intervalSeconds;
        this.maxOpenFlows = maxOpenFlows;
    }

    public void add(FlowSample sample) {
        long second = sample.at().getEpochSecond();
        long window = Math.floorDiv(second, intervalSeconds) * intervalSeconds;
        WindowKey key = new WindowKey(sample.interfaceId(), sample.key(), sample.action(), window);
        Accumulator accumulator = open.get(key);
        if (accumulator == null) {
            if (open.size() >= maxOpenFlows) {
                skipped.merge(new SkipKey(sample.interfaceId(), window), 1L, Long::sum);
                return;
            }
            accumulator = new Accumulator(second);
            open.put(key, accumulator);
        }
        accumulator.add(sample, second);
    }

    /** The flows of every window that ended at or before {@code nowSeconds} (Unix seconds), ordered by window, interface, status (OK first) and start. */
    public List<AggregatedFlow> flush(long nowSeconds) {
        List<AggregatedFlow> ready = new ArrayList<>();
        for (Iterator<Map.Entry<WindowKey, Accumulator>> it = open.entrySet().iterator(); it.hasNext();) {
            Map.Entry<WindowKey, Accumulator> entry = it.next();
            WindowKey key = entry.getKey();
            if (key.window() + intervalSeconds <= nowSeconds) {
                Accumulator flow = entry.getValue();
                ready.add(new AggregatedFlow(key.interfaceId(), key.flow(), key.action(), flow.packets, flow.bytes, flow.tcpFlags, flow.first,
                        flow.last, LogStatus.OK, Optional.ofNullable(flow.context)));
                it.remove();
            }
        }
        for (Iterator<SkipKey> it = skipped.keySet().iterator(); it.hasNext();) {
            SkipKey key = it.next();
            if (key.window() + intervalSeconds <= nowSeconds) {
                ready.add(new AggregatedFlow(key.interfaceId(), null, null, 0, 0, 0, key.window(), key.window() + intervalSeconds - 1,
                        LogStatus.SKIPDATA));
                it.remove();
            }
        }
        ready.sort(Comparator.comparingLong((AggregatedFlow flow) -> Math.floorDiv(flow.startSeconds(), intervalSeconds))
                .thenComparing(AggregatedFlow::interfaceId).thenComparing(flow -> flow.status().ordinal())
                .thenComparingLong(AggregatedFlow::startSeconds).thenComparing(flow -> String.valueOf(flow.key())));
        return ready;
    }

    /** Every flow still open, whatever its window: for a flow log being deleted or a server stopping. */
    public List<AggregatedFlow> drain() {
        return flush(Long.MAX_VALUE - intervalSeconds);
    }

    /** How many flows are open now: what bounds this aggregator's memory. */
    public int openFlows() {
        return open.size();
    }

    private record WindowKey(String interfaceId, FlowKey flow, FlowAction action, long window) {}

    private record SkipKey(String interfaceId, long window) {}

    private static final class Accumulator {
        private long packets;
        private long bytes;
        private int tcpFlags;
        private long first;
        private long last;
        private FlowContext context;

        Accumulator(long second) {
            this.first = second;
            this.last = second;
        }

        void add(FlowSample sample, long second) {
            packets += sample.packets();
            bytes += sample.bytes();
            tcpFlags |= sample.tcpFlags();
            first = Math.min(first, second);
            last = Math.max(last, second);
            if (context == null) {
                context = sample.context().orElse(null);
            }
        }
    }
}
