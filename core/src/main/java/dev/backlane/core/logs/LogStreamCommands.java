package dev.backlane.core.logs;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LogEventBatch;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;

/** The log streams of a group: create, and delete with their events. */
public final class LogStreamCommands {
    public LogStream create(Transaction transaction, String groupName, String streamName) {
        LogNames.requireGroupName(groupName, "logGroupName");
        LogNames.requireStreamName(streamName, "logStreamName");
        LogGroupCommands.group(transaction, groupName);
        if (transaction.find(ResourceTypes.LOG_STREAM, LogStream.idOf(groupName, streamName)).isPresent()) {
            throw AwsException.of(ErrorCode.RESOURCE_ALREADY_EXISTS_EXCEPTION, "The specified log stream already exists");
        }
        return transaction.put(ResourceTypes.LOG_STREAM, LogStream.created(groupName, streamName, transaction.now()));
    }

    public void delete(Transaction transaction, String groupName, String streamName) {
        LogGroupCommands.group(transaction, groupName);
        removeStream(transaction, stream(transaction, groupName, streamName));
    }

    static LogStream stream(Transaction transaction, String groupName, String streamName) {
        return transaction.find(ResourceTypes.LOG_STREAM, LogStream.idOf(groupName, streamName))
                .orElseThrow(() -> ResourceTypes.LOG_STREAM.notFound(streamName));
    }

    static void removeStream(Transaction transaction, LogStream stream) {
        for (LogEventBatch batch : LogGroupQueries.batchesOf(transaction.state(), stream.groupName(), stream.name())) {
            transaction.remove(ResourceTypes.LOG_EVENT_BATCH, batch.id());
        }
        transaction.remove(ResourceTypes.LOG_STREAM, stream.id());
    }
}
