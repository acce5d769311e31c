package dev.backlane.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void phasesFollowTheRecordedInstants() {
        Lifecycle created = Lifecycle.readyAt(T0.plusSeconds(2));
        assertEquals(Lifecycle.Phase.CREATING, created.phaseAt(T0));
        assertEquals(Lifecycle.Phase.READY, created.phaseAt(T0.plusSeconds(2)));
        Lifecycle deleting = created.deleting(T0.plusSeconds(10), T0.plusSeconds(20));
        assertEquals(Lifecycle.Phase.DELETING, deleting.phaseAt(T0.plusSeconds(9)));
        assertEquals(Lifecycle.Phase.DELETED, deleting.phaseAt(T0.plusSeconds(10)));
        assertEquals(true, deleting.isVisibleAt(T0.plusSeconds(19)));
        assertEquals(Lifecycle.Phase.FORGOTTEN, deleting.phaseAt(T0.plusSeconds(20)));
        assertEquals(false, deleting.isVisibleAt(T0.plusSeconds(20)));
        assertThrows(IllegalArgumentException.class, () -> new Lifecycle(T0, T0, null));
    }

    @Test
    void endpointIsPendingOnlyOnItsWayToAvailableAndDeletingThenDeletedOnceDeleted() {
        VpcEndpoint available = endpoint(VpcEndpointState.AVAILABLE, Lifecycle.readyAt(T0.plusSeconds(1)));
        assertEquals(VpcEndpointState.PENDING, available.stateAt(T0));
        assertEquals(VpcEndpointState.AVAILABLE, available.stateAt(T0.plusSeconds(1)));
        VpcEndpoint awaitingAcceptance = endpoint(VpcEndpointState.PENDING_ACCEPTANCE, Lifecycle.readyAt(T0.plusSeconds(1)));
        assertEquals(VpcEndpointState.PENDING_ACCEPTANCE, awaitingAcceptance.stateAt(T0), "acceptance is awaited from the start");

        VpcEndpoint deleted = available.deleting(T0.plusSeconds(5), T0.plusSeconds(60));
        assertEquals(true, deleted.isBeingDeleted());
        assertEquals(List.of(), deleted.networkInterfaceIds());
        assertEquals(List.of("subnet-00000000000000001"), deleted.subnetIds());
        assertEquals(VpcEndpointState.DELETING, deleted.stateAt(T0.plusSeconds(4)));
        assertEquals(VpcEndpointState.DELETED, deleted.stateAt(T0.plusSeconds(5)));
        assertEquals(false, deleted.isVisibleAt(T0.plusSeconds(60)));
    }

    @Test
    void endpointReadFromASnapshotIsSettled() {
        VpcEndpoint imported = new VpcEndpoint("vpce-00000000000000001", "vpc-00000000000000001", "com.amazonaws.us-east-1.ec2", "us-east-1",
                VpcEndpointType.INTERFACE, VpcEndpointState.AVAILABLE, null, List.of(), List.of(), List.of(), List.of(), false, "ipv4", "ipv4",
                false, "abcdefgh", T0);
        assertEquals(VpcEndpointState.AVAILABLE, imported.stateAt(T0));
    }

    private static VpcEndpoint endpoint(VpcEndpointState state, Lifecycle lifecycle) {
        return new VpcEndpoint("vpce-00000000000000001", "vpc-00000000000000001", "com.amazonaws.us-east-1.ec2", "us-east-1",
                VpcEndpointType.INTERFACE, state, null, List.of(), List.of("subnet-00000000000000001"), List.of("sg-00000000000000001"),
                List.of("eni-00000000000000001"), false, "ipv4", "ipv4", false, "abcdefgh", T0, lifecycle);
    }
}
