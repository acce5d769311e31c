package dev.backlane.core.logs;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How AWS services deliver records to CloudWatch Logs on a customer's behalf (VPC flow logs, Resolver query
 * logs): the log group is created if it does not exist and the stream when it is first written, as AWS's
 * delivery does; records are put in time order, in as many batches as PutLogEvents' limits need; records
 * too old or too new for PutLogEvents are dropped and counted. Producers call it inside a command:
 * {@code cloud.write(scope, transaction -> delivery.deliver(transaction, group, stream, records))}.
 */
public final class LogDelivery {
    private final LogEventCommands events;

    public LogDelivery(LogEventCommands events) {
        this.events = requireNonNull(events, "events is null");
    }

    /** What one delivery did: records appended and records dropped as too old, expired or too new. */
    public record Delivered(int appended, int dropped) {}

    public Delivered deliver(Transaction transaction, String groupName, String streamName, List<LogEvent> records) {
        LogNames.requireGroupName(groupName, "logGroupName");
        LogNames.requireStreamName(streamName, "logStreamName");
        if (records.isEmpty()) {
            return new Delivered(0, 0);
        }
        LogGroup group = transaction.find(ResourceTypes.LOG_GROUP, groupName).orElseGet(() -> transaction.put(ResourceTypes.LOG_GROUP,
                new LogGroup(groupName, transaction.now(), null, null, "STANDARD", null)));
        List<LogEvent> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparingLong(LogEvent::timestamp));
        int appended = 0;
        for (List<LogEvent> batch : batches(ordered)) {
            LogStream stream = transaction.find(ResourceTypes.LOG_STREAM, LogStream.idOf(groupName, streamName))
                    .orElseGet(() -> transaction.put(ResourceTypes.LOG_STREAM, LogStream.created(groupName, streamName, transaction.now())));
            appended += events.append(transaction, group, stream, batch).accepted();
        }
        return new Delivered(appended, records.size() - appended);
    }

    /** Records in time order cut into batches PutLogEvents would accept: by count, bytes and a 24-hour span. */
    private List<List<LogEvent>> batches(List<LogEvent> ordered) {
        LogLimits limits = events.limits();
        List<List<LogEvent>> batches = new ArrayList<>();
        List<LogEvent> current = new ArrayList<>();
        long bytes = 0;
        for (LogEvent record : ordered) {
            long size = dev.backlane.core.model.LogEventSizes.sizeOf(record);
            if (size > limits.maxBatchBytes()) {
                continue;
            }
            boolean full = current.size() == limits.maxEvents() || bytes + size > limits.maxBatchBytes()
                    || (!current.isEmpty() && record.timestamp() - current.get(0).timestamp() > limits.maxBatchSpan().toMillis());
            if (full) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(record);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
