package dev.backlane.server.api.ec2;

import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogDestinationOptions;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.Map;

/** Flow logs as the EC2 model's {@code FlowLog} shape. */
final class FlowLogShapes {
    private FlowLogShapes() {}

    static Map<String, Object> flowLog(FlowLog flowLog, ScopeState state) {
        return Output.create()
                .put("CreationTime", flowLog.creationTime())
                .put("DeliverLogsErrorMessage", flowLog.deliverLogsErrorMessage())
                .put("DeliverLogsPermissionArn", flowLog.deliverLogsPermissionArn())
                .put("DeliverCrossAccountRole", flowLog.deliverCrossAccountRole())
                .put("DeliverLogsStatus", flowLog.deliverLogsStatus())
                .put("FlowLogId", flowLog.id())
                .put("FlowLogStatus", FlowLog.ACTIVE)
                .put("LogGroupName", flowLog.logGroupName())
                .put("ResourceId", flowLog.resourceId())
                .put("TrafficType", flowLog.trafficType().wireName())
                .put("LogDestinationType", flowLog.logDestinationType().wireName())
                .put("LogDestination", flowLog.logDestination())
                .put("LogFormat", flowLog.logFormat())
                .put("Tags", TagShapes.tagSet(state, flowLog.id()))
                .put("MaxAggregationInterval", flowLog.maxAggregationInterval())
                .put("DestinationOptions", destinationOptions(flowLog.destinationOptions()))
                .build();
    }

    private static Map<String, Object> destinationOptions(FlowLogDestinationOptions options) {
        if (options == null) {
            return null;
        }
        return Output.create()
                .put("FileFormat", options.fileFormat())
                .put("HiveCompatiblePartitions", options.hiveCompatiblePartitions())
                .put("PerHourPartition", options.perHourPartition())
                .build();
    }
}
