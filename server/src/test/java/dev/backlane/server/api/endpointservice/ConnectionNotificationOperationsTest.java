package dev.backlane.server.api.endpointservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionNotificationOperationsTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:111111111111:endpoint-events";

    private final ProviderFixture fixture = new ProviderFixture();
    private final TestApi api = fixture.api;

    @Test
    void serviceNotificationIsStoredListedChangedAndDeleted() {
        String serviceId = fixture.serviceId(fixture.activeNetworkLoadBalancer("nfn", 0));
        TestApi.Response created = api.ec2("CreateVpcEndpointConnectionNotification", "ServiceId", serviceId, "ConnectionNotificationArn", TOPIC,
                "ConnectionEvents.1", "Connect", "ConnectionEvents.2", "Accept").assertOk();
        String id = created.text("//connectionNotification/connectionNotificationId");
        assertTrue(id.matches("vpce-nfn-[0-9a-f]{17}"), id);
        assertEquals("Topic", created.text("//connectionNotification/connectionNotificationType"));
        assertEquals("Enabled", created.text("//connectionNotification/connectionNotificationState"));
        assertEquals(List.of("Connect", "Accept"), created.texts("//connectionNotification/connectionEvents/item"));

        api.ec2("ModifyVpcEndpointConnectionNotification", "ConnectionNotificationId", id, "ConnectionEvents.1", "Reject",
                "ConnectionEvents.2", "Delete").assertOk();
        TestApi.Response described = api.ec2("DescribeVpcEndpointConnectionNotifications", "ConnectionNotificationId", id).assertOk();
        assertEquals(List.of("Reject", "Delete"), described.texts("//connectionNotificationSet/item/connectionEvents/item"));
        assertEquals(serviceId, described.text("//connectionNotificationSet/item/serviceId"));
        assertEquals(List.of(id), api.ec2("DescribeVpcEndpointConnectionNotifications", "Filter.1.Name", "service-id", "Filter.1.Value.1", serviceId)
                .assertOk().texts("//connectionNotificationSet/item/connectionNotificationId"));

        TestApi.Response deleted = api.ec2("DeleteVpcEndpointConnectionNotifications", "ConnectionNotificationId.1", id,
                "ConnectionNotificationId.2", "vpce-nfn-0123456789abcdef0").assertOk();
        assertEquals(List.of("vpce-nfn-0123456789abcdef0"), deleted.texts("//unsuccessful/item/resourceId"));
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointConnectionNotifications").assertOk().texts("//connectionNotificationSet/item"));
    }

    @Test
    void badNotificationsAreRefused() {
        String serviceId = fixture.serviceId(fixture.activeNetworkLoadBalancer("bad", 0));
        api.ec2("CreateVpcEndpointConnectionNotification", "ServiceId", serviceId, "ConnectionNotificationArn", "arn:aws:sqs:us-east-1:111111111111:q",
                "ConnectionEvents.1", "Connect").assertError("InvalidParameter");
        api.ec2("CreateVpcEndpointConnectionNotification", "ServiceId", serviceId, "ConnectionNotificationArn", TOPIC,
                "ConnectionEvents.1", "Explode").assertError("InvalidParameterValue");
        api.ec2("CreateVpcEndpointConnectionNotification", "ConnectionNotificationArn", TOPIC, "ConnectionEvents.1", "Connect")
                .assertError("InvalidParameter");
        api.ec2("CreateVpcEndpointConnectionNotification", "ServiceId", "vpce-svc-0123456789abcdef0", "ConnectionNotificationArn", TOPIC,
                "ConnectionEvents.1", "Connect").assertError("InvalidVpcEndpointServiceId.NotFound");
        api.ec2("DescribeVpcEndpointConnectionNotifications", "ConnectionNotificationId", "vpce-nfn-0123456789abcdef0")
                .assertError("InvalidConnectionNotification");
        api.ec2("ModifyVpcEndpointConnectionNotification", "ConnectionNotificationId", "vpce-nfn-0123456789abcdef0",
                "ConnectionEvents.1", "Connect").assertError("InvalidConnectionNotification");
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointConnectionNotifications").assertOk().texts("//connectionNotificationSet/item"));
    }

    @Test
    void deletingTheServiceDeletesItsNotifications() {
        String serviceId = fixture.serviceId(fixture.activeNetworkLoadBalancer("cascade", 0));
        api.ec2("CreateVpcEndpointConnectionNotification", "ServiceId", serviceId, "ConnectionNotificationArn", TOPIC,
                "ConnectionEvents.1", "Connect").assertOk();
        api.ec2("DeleteVpcEndpointServiceConfigurations", "ServiceId.1", serviceId).assertOk();
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointConnectionNotifications").assertOk().texts("//connectionNotificationSet/item"));
    }
}
