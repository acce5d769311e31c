package dev.backlane.core.endpointservice;

import static dev.backlane.core.endpointservice.PrivateLinkWorld.CONSUMER;
import static dev.backlane.core.endpointservice.PrivateLinkWorld.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ConnectionNotification;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider's decisions on consumers' endpoints, in core: accepting and rejecting change the
 * endpoint in the consumer's account, and what cannot be decided on is reported, not thrown.
 */
class EndpointConnectionCommandsTest {
    private final PrivateLinkWorld world = new PrivateLinkWorld();
    private final EndpointConnectionCommands commands = new EndpointConnectionCommands();
    private final EndpointServiceConfiguration service = world.service(true, "us-east-1a");
    private final VpcEndpoint endpoint = world.endpoint(service, world.consumerSubnetBeside("us-east-1a"));

    @Test
    void anEndpointToAServiceThatAcceptsWaitsForAcceptance() {
        assertEquals(VpcEndpointState.PENDING_ACCEPTANCE, endpoint.stateAt(world.now));
    }

    @Test
    void acceptingMakesTheConsumersEndpointPendingThenAvailable() {
        List<UnsuccessfulItem> unsuccessful = world.cloud.write(PROVIDER, transaction -> commands.accept(transaction, service.id(),
                List.of(endpoint.id())));

        assertEquals(List.of(), unsuccessful);
        assertEquals(VpcEndpointState.PENDING, world.consumersEndpoint(endpoint.id()).stateAt(world.now));
        world.now = world.now.plus(Duration.ofHours(1));
        assertEquals(VpcEndpointState.AVAILABLE, world.consumersEndpoint(endpoint.id()).stateAt(world.now));
    }

    @Test
    void anAcceptedEndpointCannotBeAcceptedAgainButCanBeRejected() {
        world.cloud.write(PROVIDER, transaction -> commands.accept(transaction, service.id(), List.of(endpoint.id())));
        world.now = world.now.plus(Duration.ofHours(1));

        List<UnsuccessfulItem> again = world.cloud.write(PROVIDER, transaction -> commands.accept(transaction, service.id(),
                List.of(endpoint.id())));
        assertEquals(1, again.size());
        assertEquals(ErrorCode.INCORRECT_STATE, again.get(0).code());
        assertEquals("The VPC endpoint " + endpoint.id() + " is in the state available and cannot be accepted.", again.get(0).message());

        assertEquals(List.of(), world.cloud.write(PROVIDER, transaction -> commands.reject(transaction, service.id(), List.of(endpoint.id()))));
        assertEquals(VpcEndpointState.REJECTED, world.consumersEndpoint(endpoint.id()).stateAt(world.now));
    }

    @Test
    void aRejectedEndpointCanBeNeitherAcceptedNorRejectedAgain() {
        world.cloud.write(PROVIDER, transaction -> commands.reject(transaction, service.id(), List.of(endpoint.id())));

        UnsuccessfulItem accept = world.cloud.write(PROVIDER, transaction -> commands.accept(transaction, service.id(), List.of(endpoint.id())))
                .get(0);
        UnsuccessfulItem reject = world.cloud.write(PROVIDER, transaction -> commands.reject(transaction, service.id(), List.of(endpoint.id())))
                .get(0);

        assertEquals(ErrorCode.INCORRECT_STATE, accept.code());
        assertEquals("The VPC endpoint " + endpoint.id() + " is in the state rejected and cannot be rejected.", reject.message());
        assertEquals(VpcEndpointState.REJECTED, world.consumersEndpoint(endpoint.id()).stateAt(world.now));
    }

    @Test
    void malformedAndUnknownEndpointsAreReportedOnceEachWhileTheRestIsAccepted() {
        List<UnsuccessfulItem> unsuccessful = world.cloud.write(PROVIDER, transaction -> commands.accept(transaction, service.id(),
                List.of("vpce-x", endpoint.id(), "vpce-0123456789abcdef0", "vpce-x")));

        assertEquals(List.of("vpce-x", "vpce-0123456789abcdef0"), unsuccessful.stream().map(UnsuccessfulItem::resourceId).toList());
        assertEquals(ErrorCode.INVALID_VPC_ENDPOINT_ID_MALFORMED, unsuccessful.get(0).code());
        assertEquals(ErrorCode.INVALID_VPC_ENDPOINT_ID_NOT_FOUND, unsuccessful.get(1).code());
        assertEquals(VpcEndpointState.PENDING, world.consumersEndpoint(endpoint.id()).stateAt(world.now));
    }

    @Test
    void anEndpointOfAnotherServiceIsNotFoundThroughThisOne() {
        EndpointServiceConfiguration other = world.service(true, "us-east-1b");

        List<UnsuccessfulItem> unsuccessful = world.cloud.write(PROVIDER, transaction -> commands.accept(transaction, other.id(),
                List.of(endpoint.id())));

        assertEquals(ErrorCode.INVALID_VPC_ENDPOINT_ID_NOT_FOUND, unsuccessful.get(0).code());
        assertEquals(VpcEndpointState.PENDING_ACCEPTANCE, world.consumersEndpoint(endpoint.id()).stateAt(world.now));
    }

    @Test
    void anUnknownServiceIsRefusedWhole() {
        AwsException error = assertThrows(AwsException.class, () -> world.cloud.write(PROVIDER, transaction -> commands.reject(transaction,
                "vpce-svc-0123456789abcdef0", List.of(endpoint.id()))));

        assertEquals(ErrorCode.INVALID_VPC_ENDPOINT_SERVICE_ID_NOT_FOUND, error.code());
        assertEquals(VpcEndpointState.PENDING_ACCEPTANCE, world.consumersEndpoint(endpoint.id()).stateAt(world.now));
    }

    @Test
    void theConsumerCannotDecideOnItsOwnEndpoint() {
        AwsException error = assertThrows(AwsException.class, () -> world.cloud.write(CONSUMER, transaction -> commands.accept(transaction,
                service.id(), List.of(endpoint.id()))));

        assertEquals(ErrorCode.INVALID_VPC_ENDPOINT_SERVICE_ID_NOT_FOUND, error.code());
    }

    @Test
    void notificationsOnTheServiceAndOnTheEndpointAreKeptWithTheirEvents() {
        ConnectionNotificationCommands notifications = new ConnectionNotificationCommands();
        String topic = "arn:aws:sns:us-east-1:111111111111:endpoint-events";

        ConnectionNotification onService = world.cloud.write(PROVIDER, transaction -> notifications.create(transaction,
                new ConnectionNotificationCommands.CreateConnectionNotification(service.id(), null, topic, List.of("Accept", "Reject"))));
        ConnectionNotification changed = world.cloud.write(PROVIDER, transaction -> notifications.modify(transaction, onService.id(), null,
                List.of("Connect")));

        assertEquals(service.id(), changed.serviceId());
        assertEquals(List.of("Connect"), changed.connectionEvents());
        assertEquals(topic, changed.connectionNotificationArn());
        assertEquals(List.of(), world.cloud.write(PROVIDER, transaction -> notifications.delete(transaction, List.of(onService.id()))));
        assertEquals(List.of(), List.copyOf(world.cloud.snapshot(PROVIDER).all(PROVIDER, ResourceTypes.CONNECTION_NOTIFICATION)));

        ConnectionNotification onEndpoint = world.cloud.write(CONSUMER, transaction -> notifications.create(transaction,
                new ConnectionNotificationCommands.CreateConnectionNotification(null, endpoint.id(), topic, List.of("Accept"))));
        assertEquals(endpoint.id(), onEndpoint.vpcEndpointId());
    }
}
