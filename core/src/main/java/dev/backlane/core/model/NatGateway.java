package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A NAT gateway in a subnet. Its state is not stored but follows from time and its {@link Lifecycle},
 * as AWS's does: {@code pending} until the lifecycle's ready instant, then {@code available}; once
 * deleted ({@code deleteTime} set) {@code deleting}, then {@code deleted}, and visible until the
 * lifecycle forgets it (about an hour on AWS).
 */
public record NatGateway(
        String id,
        String subnetId,
        String vpcId,
        String availabilityZone,
        ConnectivityType connectivityType,
        List<NatGatewayAddress> addresses,
        Instant createTime,
        Instant deleteTime,
        Lifecycle lifecycle) implements Resource {

    /** How long a gateway read from a snapshot or an older store stays described after its deletion: AWS's hour. */
    private static final Duration SETTLED_RETENTION = Duration.ofHours(1);

    /** The states of a NAT gateway, as AWS names them. */
    public enum State {
        PENDING("pending"), AVAILABLE("available"), DELETING("deleting"), DELETED("deleted");

        private final String awsName;

        State(String awsName) {
            this.awsName = awsName;
        }

        public String awsName() {
            return awsName;
        }
    }

    public NatGateway {
        requireNonNull(id, "id is null");
        requireNonNull(subnetId, "subnetId is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        requireNonNull(connectivityType, "connectivityType is null");
        addresses = List.copyOf(requireNonNull(addresses, "addresses is null"));
        requireNonNull(createTime, "createTime is null");
        if (lifecycle == null) {
            lifecycle = settled(createTime, deleteTime);
        }
    }

    /** A gateway whose changes are over when they were asked for: one read from a snapshot. */
    public NatGateway(String id, String subnetId, String vpcId, String availabilityZone, ConnectivityType connectivityType,
            List<NatGatewayAddress> addresses, Instant createTime, Instant deleteTime) {
        this(id, subnetId, vpcId, availabilityZone, connectivityType, addresses, createTime, deleteTime, settled(createTime, deleteTime));
    }

    private static Lifecycle settled(Instant createTime, Instant deleteTime) {
        Lifecycle created = Lifecycle.readyAt(createTime);
        return deleteTime == null ? created : created.deleting(deleteTime, deleteTime.plus(SETTLED_RETENTION));
    }

    public State state(Instant at) {
        return switch (lifecycle.phaseAt(at)) {
            case CREATING -> State.PENDING;
            case READY -> State.AVAILABLE;
            case DELETING -> State.DELETING;
            case DELETED, FORGOTTEN -> State.DELETED;
        };
    }

    public boolean isDeleted() {
        return deleteTime != null;
    }

    /** Whether a describe at {@code at} still shows the gateway: deleted ones are shown for a while. */
    public boolean isVisibleAt(Instant at) {
        return lifecycle.isVisibleAt(at);
    }

    /** The gateway once deletion was asked for at {@code at}: deleting until {@code deleted}, described until {@code forgotten}. */
    public NatGateway deletedAt(Instant at, Instant deleted, Instant forgotten) {
        return new NatGateway(id, subnetId, vpcId, availabilityZone, connectivityType, addresses, createTime, at,
                lifecycle.deleting(deleted, forgotten));
    }
}
