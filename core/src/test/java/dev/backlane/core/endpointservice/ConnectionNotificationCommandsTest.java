package dev.backlane.core.endpointservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection notifications in core, without the wire: what a request must name, and how DeleteVpcEndpointConnectionNotifications reports. */
class ConnectionNotificationCommandsTest {
    private static final Scope SCOPE = new Scope("111111111111", "eu-west-1");
    private static final String TOPIC = "arn:aws:sns:eu-west-1:111111111111:endpoint-events";

    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());
    private final ConnectionNotificationCommands commands = new ConnectionNotificationCommands();

    @Test
    void exactlyOneOfServiceAndEndpointIsNamed() {
        assertEquals(ErrorCode.INVALID_PARAMETER, refused("vpce-svc-0123456789abcdef0", "vpce-0123456789abcdef0", TOPIC, List.of("Connect")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER, refused(null, null, TOPIC, List.of("Connect")).code());
    }

    @Test
    void theServiceMustExist() {
        AwsException error = refused("vpce-svc-0123456789abcdef0", null, TOPIC, List.of("Connect"));

        assertEquals(ErrorCode.INVALID_VPC_ENDPOINT_SERVICE_ID_NOT_FOUND, error.code());
        assertEquals("The VpcEndpointService Id 'vpce-svc-0123456789abcdef0' does not exist", error.getMessage());
    }

    @Test
    void deleteReportsMalformedAndUnknownIdsOnceEachWithoutThrowing() {
        List<UnsuccessfulItem> unsuccessful = cloud.write(SCOPE, transaction -> commands.delete(transaction,
                List.of("nope", "vpce-nfn-0123456789abcdef0", "nope")));

        assertEquals(List.of("nope", "vpce-nfn-0123456789abcdef0"), unsuccessful.stream().map(UnsuccessfulItem::resourceId).toList());
        assertEquals(ErrorCode.INVALID_CONNECTION_NOTIFICATION, unsuccessful.get(1).code());
    }

    @Test
    void modifyingAnUnknownNotificationIsNotFound() {
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.modify(transaction,
                "vpce-nfn-0123456789abcdef0", TOPIC, List.of())));

        assertEquals(ErrorCode.INVALID_CONNECTION_NOTIFICATION, error.code());
    }

    private AwsException refused(String serviceId, String endpointId, String topic, List<String> events) {
        return assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.create(transaction,
                new ConnectionNotificationCommands.CreateConnectionNotification(serviceId, endpointId, topic, events))));
    }
}
