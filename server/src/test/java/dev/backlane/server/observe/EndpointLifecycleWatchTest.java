package dev.backlane.server.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.event.EndpointInterfaceEvent;
import dev.backlane.core.event.EndpointStateChangedEvent;
import dev.backlane.core.event.Event;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Endpoints' lifecycle published as it happens: created with its interfaces, available after pending, deleted. */
class EndpointLifecycleWatchTest {
    private final SteppingClock clock = new SteppingClock();
    private final TestApi api = new TestApi(Quotas.awsDefaults(), clock);
    private final EventStream events = new EventStream();
    private final RecentEvents recent = new RecentEvents(events, 100);
    private final List<Event> published = new ArrayList<>();
    private final List<EndpointLifecycleWatch> watches = new ArrayList<>();

    @AfterEach
    void close() {
        watches.forEach(EndpointLifecycleWatch::close);
    }

    private EndpointLifecycleWatch watch() {
        EndpointLifecycleWatch watch = EndpointLifecycleWatch.start(api.cloud(), events);
        watches.add(watch);
        return watch;
    }

    private String endpointInTwoSubnets() {
        String vpc = api.ec2("CreateVpc", "CidrBlock", "10.7.0.0/16").assertOk().text("//vpc/vpcId");
        api.ec2("ModifyVpcAttribute", "VpcId", vpc, "EnableDnsHostnames.Value", "true").assertOk();
        String a = api.ec2("CreateSubnet", "VpcId", vpc, "CidrBlock", "10.7.1.0/24", "AvailabilityZone", "us-east-1a").assertOk().text("//subnet/subnetId");
        String b = api.ec2("CreateSubnet", "VpcId", vpc, "CidrBlock", "10.7.2.0/24", "AvailabilityZone", "us-east-1b").assertOk().text("//subnet/subnetId");
        return api.ec2("CreateVpcEndpoint", "VpcId", vpc, "ServiceName", "com.amazonaws.us-east-1.sts", "VpcEndpointType", "Interface",
                "SubnetId.1", a, "SubnetId.2", b).assertOk().text("//vpcEndpoint/vpcEndpointId");
    }

    @Test
    void anEndpointsStatesAndItsInterfacesStepsArePublishedInOrderWithItsProvisioningTime() {
        events.subscribe(EndpointStateChangedEvent.class, published::add);
        events.subscribe(EndpointInterfaceEvent.class, published::add);
        EndpointLifecycleWatch watch = watch();
        Instant created = clock.instant();
        String endpoint = endpointInTwoSubnets();
        EndpointStateChangedEvent creation = (EndpointStateChangedEvent) published.get(0);
        assertEquals(Optional.empty(), creation.previous());
        assertEquals(VpcEndpointState.PENDING, creation.current());
        assertEquals(created, creation.at());
        List<EndpointInterfaceEvent> interfaces = published.stream().filter(EndpointInterfaceEvent.class::isInstance)
                .map(EndpointInterfaceEvent.class::cast).toList();
        assertEquals(6, interfaces.size(), "two interfaces, each created, attached and in use: " + interfaces);
        assertEquals(List.of(EndpointInterfaceEvent.Step.CREATED, EndpointInterfaceEvent.Step.ATTACHED, EndpointInterfaceEvent.Step.IN_USE),
                interfaces.subList(0, 3).stream().map(EndpointInterfaceEvent::step).toList());
        assertTrue(interfaces.stream().allMatch(event -> event.vpcEndpointId().equals(endpoint) && event.attachmentId().isPresent()));

        // Pending ends when the lifecycle says, not when someone looks: published with that instant and the time it took.
        clock.advance(Duration.ofSeconds(5));
        watch.timePassed();
        EndpointStateChangedEvent available = (EndpointStateChangedEvent) published.get(published.size() - 1);
        assertEquals(Optional.of(VpcEndpointState.PENDING), available.previous());
        assertEquals(VpcEndpointState.AVAILABLE, available.current());
        Duration pending = api.cloud().transitions().of(dev.backlane.core.world.Transition.VPC_ENDPOINT_PENDING);
        assertEquals(created.plus(pending), available.at());
        assertEquals(Optional.of(pending), available.provisioning());
        int before = published.size();
        watch.timePassed();
        assertEquals(before, published.size(), "a state is published once");

        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", endpoint).assertOk();
        List<Event> deletion = published.subList(before, published.size());
        assertEquals(2, deletion.stream().filter(event -> event instanceof EndpointInterfaceEvent step && step.step() == EndpointInterfaceEvent.Step.DELETED)
                .count(), deletion.toString());
        assertTrue(deletion.stream().anyMatch(event -> event instanceof EndpointStateChangedEvent state && state.current() == VpcEndpointState.DELETING));
        clock.advance(Duration.ofMinutes(1));
        watch.timePassed();
        assertEquals(VpcEndpointState.DELETED, ((EndpointStateChangedEvent) published.get(published.size() - 1)).current());

        // The JSON the console reads: every step, oldest first, times in order, the provisioning time on the end of pending.
        JsonNode answer = recent.answer(RecentEvents.Kind.ENDPOINT, 100).path("events");
        assertEquals(published.size(), answer.size());
        List<Instant> times = StreamSupport.stream(answer.spliterator(), false).map(node -> Instant.parse(node.path("time").asText())).toList();
        assertEquals(times.stream().sorted().toList(), times, "ordered in time: " + answer);
        JsonNode ready = StreamSupport.stream(answer.spliterator(), false).filter(node -> node.path("to").asText().equals("available")).findFirst()
                .orElseThrow();
        assertEquals("pending", ready.path("from").asText());
        assertEquals(pending.toMillis() / 1000.0, ready.path("provisioningSeconds").asDouble());
        assertTrue(StreamSupport.stream(answer.spliterator(), false).anyMatch(node -> node.path("step").asText().equals("in-use")
                && node.path("networkInterfaceId").asText().startsWith("eni-") && node.path("privateIpAddress").asText().startsWith("10.7.")));
    }

    @Test
    void aWatchStartedOnExistingEndpointsPublishesOnlyWhatHappensAfterwards() {
        EndpointLifecycleWatch first = watch();
        String endpoint = endpointInTwoSubnets();
        first.close();
        events.subscribe(EndpointStateChangedEvent.class, published::add);
        events.subscribe(EndpointInterfaceEvent.class, published::add);
        // A restarted server: the endpoint is there, still pending.
        EndpointLifecycleWatch second = watch();
        assertTrue(published.isEmpty());
        clock.advance(Duration.ofSeconds(5));
        second.timePassed();
        assertEquals(List.of(VpcEndpointState.AVAILABLE), published.stream().map(event -> ((EndpointStateChangedEvent) event).current()).toList());
        assertEquals(endpoint, ((EndpointStateChangedEvent) published.get(0)).vpcEndpointId());
    }
}
