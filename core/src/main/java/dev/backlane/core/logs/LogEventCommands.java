package dev.backlane.core.logs;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogEventBatch;
import dev.backlane.core.model.LogEventSizes;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.time.Duration;
import java.util.List;

/**
 * PutLogEvents: AWS's rules for a batch (at most 10,000 events and 1,048,576 bytes counting 26 bytes per
 * event, in time order, spanning at most 24 hours) refuse the whole call; events too old (14 days, or the
 * group's retention) or too new (2 hours ahead) are left out and reported. Accepted events are kept as one
 * {@link LogEventBatch} ingested at the command's time.
 *
 * <p>AWS keeps events without limit; Backlane keeps at most {@code streamCapBytes} per stream (counted as AWS
 * counts uploads) and drops a stream's oldest batches beyond it, so memory stays bounded.
 */
public final class LogEventCommands {
    /** Backlane's per-stream cap unless told otherwise: 16 MiB, the events of hours of flow logs of a busy interface. */
    public static final long DEFAULT_STREAM_CAP_BYTES = 16L * 1024 * 1024;

    private final LogLimits limits;
    private final long streamCapBytes;

    public LogEventCommands(LogLimits limits, long streamCapBytes) {
        this.limits = requireNonNull(limits, "limits is null");
        if (streamCapBytes < limits.maxBatchBytes()) {
            throw new IllegalArgumentException("a stream must hold at least one batch");
        }
        this.streamCapBytes = streamCapBytes;
    }

    public static LogEventCommands standard() {
        return new LogEventCommands(LogLimits.standard(), DEFAULT_STREAM_CAP_BYTES);
    }

    public LogLimits limits() {
        return limits;
    }

    /** PutLogEvents to an existing group and stream. */
    public RejectedEvents put(Transaction transaction, String groupName, String streamName, List<LogEvent> events) {
        if (events.isEmpty()) {
            throw AwsException.of(ErrorCode.VALIDATION_EXCEPTION,
                    "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        if (events.size() > limits.maxEvents()) {
            throw AwsException.of(ErrorCode.VALIDATION_EXCEPTION,
                    "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to %d",
                    limits.maxEvents());
        }
        LogGroup group = LogGroupCommands.group(transaction, groupName);
        LogStream stream = LogStreamCommands.stream(transaction, groupName, streamName);
        checkBatch(events);
        return append(transaction, group, stream, events);
    }

    /** Refuses a batch AWS refuses whole: too large, out of time order, or spanning more than 24 hours. */
    void checkBatch(List<LogEvent> events) {
        long bytes = 0;
        for (LogEvent event : events) {
            bytes += LogEventSizes.sizeOf(event);
        }
        if (bytes > limits.maxBatchBytes()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Upload too large: %d bytes exceeds limit of %d", bytes,
                    limits.maxBatchBytes());
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION,
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (events.get(events.size() - 1).timestamp() - events.get(0).timestamp() > limits.maxBatchSpan().toMillis()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION,
                    "The batch of log events in a single PutLogEvents request cannot span more than %d hours.", limits.maxBatchSpan().toHours());
        }
    }

    /** Appends the acceptable events of a valid batch (in time order) as one batch; reports the rest. */
    RejectedEvents append(Transaction transaction, LogGroup group, LogStream stream, List<LogEvent> events) {
        long now = transaction.now().toEpochMilli();
        long tooOldBefore = now - limits.maxEventAge().toMillis();
        long expiredBefore = group.retentionInDays() == null ? Long.MIN_VALUE : now - Duration.ofDays(group.retentionInDays()).toMillis();
        long tooNewAfter = now + limits.maxEventFuture().toMillis();
        int tooOld = 0;
        int expired = 0;
        int tooNew = events.size();
        for (int i = 0; i < events.size(); i++) {
            long timestamp = events.get(i).timestamp();
            if (timestamp < tooOldBefore) {
                tooOld = i + 1;
            }
            if (timestamp < expiredBefore) {
                expired = i + 1;
            }
            if (timestamp > tooNewAfter && tooNew == events.size()) {
                tooNew = i;
            }
        }
        int first = Math.max(tooOld, expired);
        int end = Math.max(first, tooNew);
        List<LogEvent> accepted = events.subList(first, end);
        if (!accepted.isEmpty()) {
            LogEventBatch batch = LogEventBatch.of(group.name(), stream.name(), stream.batches(), now, accepted);
            transaction.put(ResourceTypes.LOG_EVENT_BATCH, batch);
            LogStream grown = stream.appended(accepted.get(0).timestamp(), accepted.get(accepted.size() - 1).timestamp(), now, batch.bytes());
            transaction.put(ResourceTypes.LOG_STREAM, trimmed(transaction, grown));
        }
        return new RejectedEvents(tooOld == 0 ? null : tooOld, expired == 0 ? null : expired, tooNew == events.size() ? null : tooNew,
                accepted.size());
    }

    /** The stream with its oldest batches dropped until it holds no more than the cap. */
    private LogStream trimmed(Transaction transaction, LogStream stream) {
        LogStream current = stream;
        for (LogEventBatch oldest : LogGroupQueries.batchesOf(transaction.state(), stream.groupName(), stream.name())) {
            if (current.storedBytes() <= streamCapBytes) {
                break;
            }
            transaction.remove(ResourceTypes.LOG_EVENT_BATCH, oldest.id());
            current = current.dropped(oldest.bytes());
        }
        return current;
    }
}
