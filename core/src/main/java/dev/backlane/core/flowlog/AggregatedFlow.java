package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One flow on one interface over one aggregation window, ready to become a record: the sums of its
 * samples, the OR of their TCP flags, and the seconds of its first and last sample. A {@code SKIPDATA}
 * entry has no key: it says that flows of the interface were dropped in that window for capacity, and
 * its start and end are the window's.
 */
public record AggregatedFlow(String interfaceId, FlowKey key, FlowAction action, long packets, long bytes, int tcpFlags, long startSeconds,
        long endSeconds, LogStatus status, Optional<FlowContext> context) {
    public AggregatedFlow {
        requireNonNull(context, "context is null");
        requireNonNull(interfaceId, "interfaceId is null");
        requireNonNull(status, "status is null");
        if ((key == null) != (status != LogStatus.OK)) {
            throw new IllegalArgumentException("an OK flow has a key and action; a NODATA or SKIPDATA entry has none");
        }
    }

    /** A flow without context. */
    public AggregatedFlow(String interfaceId, FlowKey key, FlowAction action, long packets, long bytes, int tcpFlags, long startSeconds,
            long endSeconds, LogStatus status) {
        this(interfaceId, key, action, packets, bytes, tcpFlags, startSeconds, endSeconds, status, Optional.empty());
    }

    /**
     * The record's version-2 fields, those the flow itself tells (tcp-flags, type, packet addresses) and, when the
     * flow has a context, the interface's and direction's fields (vpc-id, subnet-id, az-id, flow-direction ...).
     */
    public FlowLogRecord.Builder record(String accountId) {
        FlowLogRecord.Builder record = FlowLogRecord.builder().accountId(accountId).interfaceId(interfaceId).window(startSeconds, endSeconds)
                .logStatus(status);
        if (key == null) {
            return record;
        }
        context.ifPresent(known -> known.applyTo(record));
        record.source(key.sourceAddress(), key.sourcePort()).destination(key.destinationAddress(), key.destinationPort()).protocol(key.protocol())
                .packets(packets).bytes(bytes).action(action).type(key.addressType())
                .packetAddresses(key.sourceAddress(), key.destinationAddress());
        return key.protocol() == FlowKey.TCP ? record.tcpFlags(tcpFlags) : record;
    }
}
