package dev.backlane.server.api.logs;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.logs.LogEventCommands;
import dev.backlane.core.logs.LogEventQueries;
import dev.backlane.core.logs.LogGroupCommands;
import dev.backlane.core.logs.LogGroupQueries;
import dev.backlane.core.logs.LogGroupQueries.StreamOrder;
import dev.backlane.core.logs.LogNames;
import dev.backlane.core.logs.RejectedEvents;
import dev.backlane.core.logs.LogStreamCommands;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Logs (awsJson 1.1): log groups with retention and tags, log streams, PutLogEvents, GetLogEvents and
 * FilterLogEvents — the destination flow logs and Resolver query logs write to. Handlers map the model's shapes to
 * the core's commands and queries.
 */
public final class LogsOperations implements OperationFamily {
    private static final String SERVICE = "logs";
    private static final int DESCRIBE_LIMIT = 50;

    private final LogGroupCommands groups;
    private final LogStreamCommands streams = new LogStreamCommands();
    private final LogEventCommands events;
    private final LogEventQueries queries;

    public LogsOperations(LogEventCommands events) {
        this.events = requireNonNull(events, "events is null");
        this.groups = new LogGroupCommands(events.limits());
        this.queries = new LogEventQueries(events.limits());
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "CreateLogGroup", call -> call.run(t -> groups.create(t, call.input().string("logGroupName"),
                call.input().string("kmsKeyId"), call.input().string("logGroupClass"), stringMap(call.input(), "tags"))));
        registry.add(SERVICE, "DeleteLogGroup", call -> call.run(t -> groups.delete(t, groupName(call))));
        registry.add(SERVICE, "DescribeLogGroups", this::describeLogGroups);
        registry.add(SERVICE, "PutRetentionPolicy",
                call -> call.run(t -> groups.putRetentionPolicy(t, groupName(call), call.input().integer("retentionInDays"))));
        registry.add(SERVICE, "DeleteRetentionPolicy", call -> call.run(t -> groups.deleteRetentionPolicy(t, groupName(call))));
        registry.add(SERVICE, "CreateLogStream",
                call -> call.run(t -> streams.create(t, groupName(call), call.input().string("logStreamName"))));
        registry.add(SERVICE, "DeleteLogStream",
                call -> call.run(t -> streams.delete(t, groupName(call), call.input().string("logStreamName"))));
        registry.add(SERVICE, "DescribeLogStreams", this::describeLogStreams);
        registry.add(SERVICE, "PutLogEvents", this::putLogEvents);
        registry.add(SERVICE, "GetLogEvents", this::getLogEvents);
        registry.add(SERVICE, "FilterLogEvents", this::filterLogEvents);
        registry.add(SERVICE, "TagResource",
                call -> call.run(t -> groups.tag(t, LogGroupIdentifiers.groupOfArn(call), stringMap(call.input(), "tags"))));
        registry.add(SERVICE, "UntagResource",
                call -> call.run(t -> groups.untag(t, LogGroupIdentifiers.groupOfArn(call), call.input().strings("tagKeys"))));
        registry.add(SERVICE, "ListTagsForResource", call -> Output.of("tags", group(call.read(), LogGroupIdentifiers.groupOfArn(call)).tags()));
        registry.add(SERVICE, "TagLogGroup", call -> call.run(t -> groups.tag(t, groupName(call), stringMap(call.input(), "tags"))));
        registry.add(SERVICE, "UntagLogGroup", call -> call.run(t -> groups.untag(t, groupName(call), call.input().strings("tags"))));
        registry.add(SERVICE, "ListTagsLogGroup", call -> Output.of("tags", group(call.read(), groupName(call)).tags()));
    }

    private static String groupName(Call call) {
        return LogNames.requireGroupName(call.input().string("logGroupName"), "logGroupName");
    }

    private static LogGroup group(ScopeState state, String name) {
        return state.find(ResourceTypes.LOG_GROUP, name).orElseThrow(() -> ResourceTypes.LOG_GROUP.notFound(name));
    }

    private Map<String, Object> describeLogGroups(Call call) {
        Input input = call.input();
        ScopeState state = call.read();
        List<String> identifiers = input.strings("logGroupIdentifiers");
        if (!identifiers.isEmpty() && (input.has("logGroupNamePrefix") || input.has("logGroupNamePattern"))) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION,
                    "logGroupIdentifiers is mutually exclusive with logGroupNamePrefix and logGroupNamePattern.");
        }
        int limit = input.integer("limit") == null ? DESCRIBE_LIMIT : input.integer("limit");
        List<Map<String, Object>> described = new ArrayList<>();
        String nextToken = null;
        if (identifiers.isEmpty()) {
            LogGroupQueries.Page<LogGroup> page = LogGroupQueries.describeGroups(state, input.string("logGroupNamePrefix"),
                    input.string("logGroupNamePattern"), input.string("logGroupClass"), limit, input.string("nextToken"));
            page.items().forEach(group -> described.add(LogsShapes.group(call.scope(), group, LogGroupQueries.storedBytes(state, group.name()))));
            nextToken = page.nextToken();
        } else {
            for (String identifier : identifiers) {
                state.find(ResourceTypes.LOG_GROUP, LogNames.groupOfIdentifier(identifier, call.scope().account(), call.scope().region()))
                        .ifPresent(group -> described.add(LogsShapes.group(call.scope(), group, LogGroupQueries.storedBytes(state, group.name()))));
            }
        }
        return Output.create().put("logGroups", described).put("nextToken", nextToken).build();
    }

    private Map<String, Object> describeLogStreams(Call call) {
        Input input = call.input();
        StreamOrder order = "LastEventTime".equals(input.string("orderBy")) ? StreamOrder.LAST_EVENT_TIME : StreamOrder.LOG_STREAM_NAME;
        LogGroupQueries.Page<LogStream> page = LogGroupQueries.describeStreams(call.read(), LogGroupIdentifiers.groupOf(call),
                input.string("logStreamNamePrefix"), order, input.bool("descending", false),
                input.integer("limit") == null ? DESCRIBE_LIMIT : input.integer("limit"), input.string("nextToken"));
        return Output.create()
                .put("logStreams", page.items().stream().map(stream -> LogsShapes.stream(call.scope(), stream)).toList())
                .put("nextToken", page.nextToken())
                .build();
    }

    /** PutLogEvents; its {@code sequenceToken} is accepted and ignored, as AWS has done since January 2023. */
    private Map<String, Object> putLogEvents(Call call) {
        String group = groupName(call);
        String stream = call.input().string("logStreamName");
        List<LogEvent> batch = call.input().structures("logEvents").stream()
                .map(event -> new LogEvent(event.longValue("timestamp"), event.string("message")))
                .toList();
        return call.write(t -> {
            RejectedEvents rejected = events.put(t, group, stream, batch);
            LogStream written = t.find(ResourceTypes.LOG_STREAM, LogStream.idOf(group, stream)).orElseThrow();
            Map<String, Object> info = null;
            if (rejected.any()) {
                info = Output.create()
                        .put("tooNewLogEventStartIndex", rejected.tooNewStart())
                        .put("tooOldLogEventEndIndex", rejected.tooOldEnd())
                        .put("expiredLogEventEndIndex", rejected.expiredEnd())
                        .build();
            }
            return Output.create()
                    .put("nextSequenceToken", LogsShapes.sequenceToken(written.batches()))
                    .put("rejectedLogEventsInfo", info)
                    .build();
        });
    }

    private Map<String, Object> getLogEvents(Call call) {
        Input input = call.input();
        LogEventQueries.EventPage page = queries.getLogEvents(call.read(), call.now(), LogGroupIdentifiers.groupOf(call),
                input.string("logStreamName"), new LogEventQueries.EventRequest(input.longValue("startTime"), input.longValue("endTime"),
                        input.bool("startFromHead", false), input.integer("limit"), input.string("nextToken")));
        return Output.create()
                .put("events", page.events().stream().map(LogsShapes::outputEvent).toList())
                .put("nextForwardToken", page.nextForwardToken())
                .put("nextBackwardToken", page.nextBackwardToken())
                .build();
    }

    private Map<String, Object> filterLogEvents(Call call) {
        Input input = call.input();
        List<String> streamNames = input.strings("logStreamNames");
        LogEventQueries.FilteredPage page = queries.filterLogEvents(call.read(), call.now(), LogGroupIdentifiers.groupOf(call),
                new LogEventQueries.FilterRequest(streamNames, input.string("logStreamNamePrefix"), input.longValue("startTime"),
                        input.longValue("endTime"), input.string("filterPattern"), input.integer("limit"), input.string("nextToken")));
        return Output.create()
                .put("events", page.events().stream().map(LogsShapes::filteredEvent).toList())
                .put("nextToken", page.nextToken())
                .build();
    }

    private static Map<String, String> stringMap(Input input, String member) {
        Map<String, String> values = new LinkedHashMap<>();
        input.map(member).forEach((key, value) -> values.put(key, (String) value));
        return values;
    }
}
