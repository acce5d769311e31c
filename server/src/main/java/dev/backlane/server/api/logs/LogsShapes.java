package dev.backlane.server.api.logs;

import dev.backlane.core.logs.StoredEvent;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.Scope;
import dev.backlane.server.api.Output;
import java.util.Map;

/** CloudWatch Logs resources as the model's output shapes: times in epoch milliseconds, ARNs in AWS's two forms. */
final class LogsShapes {
    private LogsShapes() {}

    /**
     * A LogGroup. {@code arn} carries AWS's {@code :*} suffix, {@code logGroupArn} does not. Backlane serves no
     * metric filters, so {@code metricFilterCount} is 0.
     */
    static Map<String, Object> group(Scope scope, LogGroup group, long storedBytes) {
        String arn = group.arn(scope);
        return Output.create()
                .put("logGroupName", group.name())
                .put("creationTime", group.creationTime().toEpochMilli())
                .put("retentionInDays", group.retentionInDays())
                .put("metricFilterCount", 0)
                .put("arn", arn + ":*")
                .put("storedBytes", storedBytes)
                .put("kmsKeyId", group.kmsKeyId())
                .put("logGroupClass", group.logGroupClass())
                .put("logGroupArn", arn)
                .build();
    }

    /** A LogStream; AWS reports a stream's {@code storedBytes} as 0 since June 2019. */
    static Map<String, Object> stream(Scope scope, LogStream stream) {
        return Output.create()
                .put("logStreamName", stream.name())
                .put("creationTime", stream.creationTime().toEpochMilli())
                .put("firstEventTimestamp", stream.firstEventTimestamp())
                .put("lastEventTimestamp", stream.lastEventTimestamp())
                .put("lastIngestionTime", stream.lastIngestionTime())
                .put("uploadSequenceToken", sequenceToken(stream.batches()))
                .put("arn", stream.arn(scope))
                .put("storedBytes", 0L)
                .build();
    }

    /**
     * A sequence token in AWS's form (decimal digits). AWS no longer checks them; Backlane returns one that counts
     * the stream's batches and ignores those it is sent.
     */
    static String sequenceToken(long batches) {
        return String.format("%056d", batches);
    }

    static Map<String, Object> outputEvent(StoredEvent event) {
        return Output.create()
                .put("timestamp", event.timestamp())
                .put("message", event.message())
                .put("ingestionTime", event.ingestionTime())
                .build();
    }

    static Map<String, Object> filteredEvent(StoredEvent event) {
        return Output.create()
                .put("logStreamName", event.streamName())
                .put("timestamp", event.timestamp())
                .put("message", event.message())
                .put("ingestionTime", event.ingestionTime())
                .put("eventId", event.eventId())
                .build();
    }
}
