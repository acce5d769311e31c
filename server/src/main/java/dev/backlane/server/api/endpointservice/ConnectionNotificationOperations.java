package dev.backlane.server.api.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpointservice.ConnectionNotificationCommands;
import dev.backlane.core.model.ConnectionNotification;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Create, Modify, Delete and DescribeVpcEndpointConnectionNotification(s). */
public final class ConnectionNotificationOperations implements OperationFamily {
    private static final ListedItems<ConnectionNotification> LISTING = new ListedItems<ConnectionNotification>(ConnectionNotification::id)
            .filter("connection-notification-arn", notification -> List.of(notification.connectionNotificationArn()))
            .filter("connection-notification-id", notification -> List.of(notification.id()))
            .filter("connection-notification-state", notification -> List.of(ConnectionNotification.STATE))
            .filter("connection-notification-type", notification -> List.of(ConnectionNotification.TYPE))
            .filter("service-id", notification -> notification.serviceId() == null ? List.of() : List.of(notification.serviceId()))
            .filter("vpc-endpoint-id", notification -> notification.vpcEndpointId() == null ? List.of() : List.of(notification.vpcEndpointId()));

    private final ConnectionNotificationCommands commands;

    public ConnectionNotificationOperations(ConnectionNotificationCommands commands) {
        this.commands = requireNonNull(commands, "commands is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateVpcEndpointConnectionNotification", this::create)
                .ec2("ModifyVpcEndpointConnectionNotification", this::modify)
                .ec2("DeleteVpcEndpointConnectionNotifications", this::delete)
                .ec2("DescribeVpcEndpointConnectionNotifications", this::describe);
    }

    private Map<String, Object> create(Call call) {
        Input input = call.input();
        ConnectionNotificationCommands.CreateConnectionNotification request = new ConnectionNotificationCommands.CreateConnectionNotification(
                input.string("ServiceId"), input.string("VpcEndpointId"),
                input.requiredString("ConnectionNotificationArn", "ConnectionNotificationArn"), input.strings("ConnectionEvents"));
        return call.write(transaction -> Output.create()
                .put("ConnectionNotification", EndpointServiceShapes.notification(commands.create(transaction, request)))
                .put("ClientToken", input.string("ClientToken"))
                .build());
    }

    private Map<String, Object> modify(Call call) {
        Input input = call.input();
        String id = input.requiredString("ConnectionNotificationId", "ConnectionNotificationId");
        return call.write(transaction -> {
            commands.modify(transaction, id, input.string("ConnectionNotificationArn"), input.strings("ConnectionEvents"));
            return Output.of("ReturnValue", true);
        });
    }

    private Map<String, Object> delete(Call call) {
        List<String> ids = call.input().strings("ConnectionNotificationIds");
        return call.write(transaction -> EndpointServiceShapes.unsuccessful(commands.delete(transaction, ids)));
    }

    private Map<String, Object> describe(Call call) {
        String id = call.input().string("ConnectionNotificationId");
        Collection<ConnectionNotification> notifications;
        if (id == null) {
            notifications = call.read().all(ResourceTypes.CONNECTION_NOTIFICATION);
        } else {
            ResourceTypes.CONNECTION_NOTIFICATION.requireWellFormed(id);
            notifications = List.of(call.read().find(ResourceTypes.CONNECTION_NOTIFICATION, id)
                    .orElseThrow(() -> ResourceTypes.CONNECTION_NOTIFICATION.notFound(id)));
        }
        Page<ConnectionNotification> page = LISTING.page(call, notifications);
        return Output.create()
                .put("ConnectionNotificationSet", page.items().stream().map(EndpointServiceShapes::notification).toList())
                .put("NextToken", page.nextToken())
                .build();
    }
}
