package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ConnectionNotification;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Create, Modify and DeleteVpcEndpointConnectionNotification(s): SNS topics told of the connection
 * events of one of the caller's endpoint services or VPC endpoints. The events are {@code Connect},
 * {@code Accept}, {@code Reject} and {@code Delete}; the topic is an SNS topic ARN.
 */
public final class ConnectionNotificationCommands {
    private static final List<String> EVENTS = List.of("Connect", "Accept", "Reject", "Delete");
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    /** The parameters of CreateVpcEndpointConnectionNotification; exactly one of the two IDs is given. */
    public record CreateConnectionNotification(String serviceId, String vpcEndpointId, String connectionNotificationArn, List<String> connectionEvents) {
        public CreateConnectionNotification {
            requireNonNull(connectionNotificationArn, "connectionNotificationArn is null");
            connectionEvents = List.copyOf(requireNonNull(connectionEvents, "connectionEvents is null"));
        }
    }

    public ConnectionNotification create(Transaction transaction, CreateConnectionNotification request) {
        if ((request.serviceId() == null) == (request.vpcEndpointId() == null)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Exactly one of ServiceId and VpcEndpointId must be specified.");
        }
        if (request.serviceId() != null) {
            transaction.get(ResourceTypes.VPC_ENDPOINT_SERVICE, request.serviceId());
        } else {
            VpcEndpointCommands.live(transaction, request.vpcEndpointId());
        }
        ConnectionNotification notification = new ConnectionNotification(transaction.newId(ResourceTypes.CONNECTION_NOTIFICATION),
                request.serviceId(), request.vpcEndpointId(), checkTopic(request.connectionNotificationArn()), checkEvents(request.connectionEvents()),
                transaction.region());
        return transaction.put(ResourceTypes.CONNECTION_NOTIFICATION, notification);
    }

    /** Changes the topic, the events, or both; an absent one (null, or an empty list) stays. */
    public ConnectionNotification modify(Transaction transaction, String id, String connectionNotificationArn, List<String> connectionEvents) {
        ConnectionNotification notification = transaction.get(ResourceTypes.CONNECTION_NOTIFICATION, id);
        String arn = connectionNotificationArn == null ? notification.connectionNotificationArn() : checkTopic(connectionNotificationArn);
        List<String> events = connectionEvents.isEmpty() ? notification.connectionEvents() : checkEvents(connectionEvents);
        return transaction.put(ResourceTypes.CONNECTION_NOTIFICATION, notification.with(arn, events));
    }

    /** Deletes the notifications; malformed and unknown IDs are reported, not thrown. */
    public List<UnsuccessfulItem> delete(Transaction transaction, List<String> ids) {
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (!ResourceTypes.CONNECTION_NOTIFICATION.isWellFormed(id)) {
                unsuccessful.add(UnsuccessfulItem.of(id, ResourceTypes.CONNECTION_NOTIFICATION.malformed(id)));
                continue;
            }
            Optional<ConnectionNotification> found = transaction.find(ResourceTypes.CONNECTION_NOTIFICATION, id);
            if (found.isEmpty()) {
                unsuccessful.add(UnsuccessfulItem.of(id, ResourceTypes.CONNECTION_NOTIFICATION.notFound(id)));
                continue;
            }
            transaction.remove(ResourceTypes.CONNECTION_NOTIFICATION, id);
        }
        return unsuccessful;
    }

    private static String checkTopic(String arn) {
        if (!TOPIC_ARN.matcher(arn).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Invalid SNS topic ARN: %s", arn);
        }
        return arn;
    }

    private static List<String> checkEvents(List<String> events) {
        if (events.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ConnectionEvents");
        }
        for (String event : events) {
            if (!EVENTS.contains(event)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid connection event %s: valid events are %s.", event,
                        String.join(", ", EVENTS));
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }
}
