package dev.backlane.server.api.ec2;

import dev.backlane.core.flowlog.FlowLogCommands;
import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogDestinationOptions;
import dev.backlane.core.model.FlowLogDestinationType;
import dev.backlane.core.model.FlowLogResourceType;
import dev.backlane.core.model.FlowLogTrafficType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CreateFlowLogs, DescribeFlowLogs and DeleteFlowLogs. Create and Delete answer per resource
 * ({@code Unsuccessful}); Describe treats {@code FlowLogId.N} as a filter, as AWS does, so an unknown ID
 * is an empty answer rather than an error.
 */
public final class FlowLogOperations implements OperationFamily {
    private static final String TAG_TYPE = ResourceTypes.FLOW_LOG.name();

    private final FlowLogCommands commands;

    public FlowLogOperations(FlowLogCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateFlowLogs", this::create)
                .ec2("DescribeFlowLogs", this::describe)
                .ec2("DeleteFlowLogs", this::delete);
    }

    static FilterSet<FlowLog> filters() {
        return FilterSet.<FlowLog>builder()
                .add("deliver-log-status", FlowLog::deliverLogsStatus)
                .add("log-destination-type", flowLog -> flowLog.logDestinationType().wireName())
                .add("flow-log-id", FlowLog::id)
                .add("log-group-name", FlowLog::logGroupName)
                .add("resource-id", FlowLog::resourceId)
                .add("traffic-type", flowLog -> flowLog.trafficType().wireName())
                .build();
    }

    private Map<String, Object> create(Call call) {
        Input input = call.input();
        String trafficType = input.string("TrafficType");
        String destinationType = input.string("LogDestinationType");
        FlowLogCommands.CreateFlowLogs request = new FlowLogCommands.CreateFlowLogs(
                FlowLogResourceType.fromWire(input.requiredString("ResourceType", "ResourceType")),
                input.strings("ResourceIds"),
                trafficType == null ? null : FlowLogTrafficType.fromWire(trafficType),
                destinationType == null ? null : FlowLogDestinationType.fromWire(destinationType),
                input.string("LogDestination"),
                input.string("LogGroupName"),
                input.string("DeliverLogsPermissionArn"),
                input.string("DeliverCrossAccountRole"),
                input.string("LogFormat"),
                input.integer("MaxAggregationInterval"),
                destinationOptions(input.structure("DestinationOptions")));
        return call.write(transaction -> {
            FlowLogCommands.Created created = commands.create(transaction, request);
            for (FlowLog flowLog : created.flowLogs()) {
                TagInputs.applySpecifications(transaction, input, flowLog.id(), ResourceTypes.FLOW_LOG);
            }
            return Output.create()
                    .put("ClientToken", input.string("ClientToken"))
                    .put("FlowLogIds", created.flowLogs().stream().map(FlowLog::id).toList())
                    .put("Unsuccessful", UnsuccessfulShapes.items(created.unsuccessful()))
                    .build();
        });
    }

    private static FlowLogDestinationOptions destinationOptions(Input options) {
        if (options == null) {
            return null;
        }
        String fileFormat = options.string("FileFormat");
        return new FlowLogDestinationOptions(fileFormat == null ? FlowLogDestinationOptions.PLAIN_TEXT : fileFormat,
                options.bool("HiveCompatiblePartitions", false), options.bool("PerHourPartition", false));
    }

    private Map<String, Object> describe(Call call) {
        Set<String> ids = Set.copyOf(call.input().strings("FlowLogIds"));
        Page<FlowLog> page = new Describer<>(ResourceTypes.FLOW_LOG, null, null, filters(), "Filter")
                .describe(call, flowLog -> ids.isEmpty() || ids.contains(flowLog.id()));
        ScopeState state = call.read();
        return Output.create()
                .put("FlowLogs", page.items().stream().map(flowLog -> FlowLogShapes.flowLog(flowLog, state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> delete(Call call) {
        List<String> ids = call.input().strings("FlowLogIds");
        return call.write(transaction -> Output.of("Unsuccessful", UnsuccessfulShapes.items(commands.delete(transaction, ids))));
    }
}
