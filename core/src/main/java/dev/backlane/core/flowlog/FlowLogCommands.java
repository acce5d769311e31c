package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpointservice.UnsuccessfulItem;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogDestinationOptions;
import dev.backlane.core.model.FlowLogDestinationType;
import dev.backlane.core.model.FlowLogResourceType;
import dev.backlane.core.model.FlowLogTrafficType;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * CreateFlowLogs and DeleteFlowLogs. The request as a whole is checked first (destination type and
 * what it needs, aggregation interval, format), and a bad one is refused; then each resource is tried
 * on its own, and one that is malformed, unknown, or already has a flow log with the same traffic type
 * and destination is reported in {@code Unsuccessful} while the others get their flow logs, as AWS does.
 */
public final class FlowLogCommands {
    /** The parameters of CreateFlowLogs; null members were not given. */
    public record CreateFlowLogs(
            FlowLogResourceType resourceType,
            List<String> resourceIds,
            FlowLogTrafficType trafficType,
            FlowLogDestinationType logDestinationType,
            String logDestination,
            String logGroupName,
            String deliverLogsPermissionArn,
            String deliverCrossAccountRole,
            String logFormat,
            Integer maxAggregationInterval,
            FlowLogDestinationOptions destinationOptions) {
        public CreateFlowLogs {
            requireNonNull(resourceType, "resourceType is null");
            resourceIds = List.copyOf(requireNonNull(resourceIds, "resourceIds is null"));
        }
    }

    /** The flow logs made, in the order of their resources, and the resources that got none. */
    public record Created(List<FlowLog> flowLogs, List<UnsuccessfulItem> unsuccessful) {
        public Created {
            flowLogs = List.copyOf(flowLogs);
            unsuccessful = List.copyOf(unsuccessful);
        }
    }

    public Created create(Transaction transaction, CreateFlowLogs request) {
        ResourceType<?> watched = watchedType(request.resourceType());
        if (request.resourceIds().isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ResourceIds");
        }
        if (request.trafficType() == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter TrafficType");
        }
        FlowLogDestination destination = FlowLogDestination.of(transaction.scope(), request);
        int interval = aggregationInterval(request.maxAggregationInterval());
        String logFormat = request.logFormat() == null ? FlowLogFormat.DEFAULT.text() : request.logFormat();
        FlowLogFormat.parse(logFormat);

        List<FlowLog> created = new ArrayList<>();
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String resourceId : new LinkedHashSet<>(request.resourceIds())) {
            Optional<AwsException> refusal = refusal(transaction, watched, resourceId, request.trafficType(), destination);
            if (refusal.isPresent()) {
                unsuccessful.add(UnsuccessfulItem.of(resourceId, refusal.get()));
                continue;
            }
            FlowLog flowLog = new FlowLog(transaction.newId(ResourceTypes.FLOW_LOG), resourceId, request.resourceType(), request.trafficType(),
                    destination.type(), destination.arn(), destination.logGroupName(), request.deliverLogsPermissionArn(),
                    request.deliverCrossAccountRole(), logFormat, interval, destination.options(), transaction.now(), FlowLog.DELIVERY_SUCCEEDED,
                    null);
            created.add(transaction.put(ResourceTypes.FLOW_LOG, flowLog));
        }
        return new Created(created, unsuccessful);
    }

    /** Deletes the flow logs; malformed and unknown IDs are reported, not thrown. */
    public List<UnsuccessfulItem> delete(Transaction transaction, List<String> ids) {
        if (ids.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter FlowLogIds");
        }
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (ResourceTypes.FLOW_LOG.isWellFormed(id) && transaction.find(ResourceTypes.FLOW_LOG, id).isPresent()) {
                transaction.remove(ResourceTypes.FLOW_LOG, id);
            } else {
                unsuccessful.add(UnsuccessfulItem.of(id, ResourceTypes.FLOW_LOG.notFound(id)));
            }
        }
        return unsuccessful;
    }

    private static ResourceType<?> watchedType(FlowLogResourceType type) {
        return switch (type) {
            case VPC -> ResourceTypes.VPC;
            case SUBNET -> ResourceTypes.SUBNET;
            case NETWORK_INTERFACE -> ResourceTypes.NETWORK_INTERFACE;
            case TRANSIT_GATEWAY, TRANSIT_GATEWAY_ATTACHMENT, REGIONAL_NAT_GATEWAY -> throw AwsException.of(ErrorCode.UNSUPPORTED,
                    "Flow logs for ResourceType %s are not supported: Backlane does not model transit gateways or regional NAT gateways.",
                    type.wireName());
        };
    }

    private static int aggregationInterval(Integer requested) {
        if (requested == null) {
            return 600;
        }
        if (requested != 60 && requested != 600) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Invalid Flow Log Max Aggregation Interval");
        }
        return requested;
    }

    private static Optional<AwsException> refusal(Transaction transaction, ResourceType<?> watched, String resourceId,
            FlowLogTrafficType trafficType, FlowLogDestination destination) {
        if (!watched.isWellFormed(resourceId)) {
            return Optional.of(watched.malformed(resourceId));
        }
        if (transaction.find(watched, resourceId).isEmpty()) {
            return Optional.of(watched.notFound(resourceId));
        }
        boolean duplicate = transaction.all(ResourceTypes.FLOW_LOG).stream().anyMatch(existing -> existing.resourceId().equals(resourceId)
                && existing.trafficType() == trafficType && existing.logDestinationType() == destination.type()
                && existing.logDestination().equals(destination.arn()));
        if (duplicate) {
            return Optional.of(AwsException.of(ErrorCode.FLOW_LOG_ALREADY_EXISTS,
                    "Error. There is an existing Flow Log with the same configuration and log destination."));
        }
        return Optional.empty();
    }
}
