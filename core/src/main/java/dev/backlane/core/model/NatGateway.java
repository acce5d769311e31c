package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A NAT gateway in a subnet. Its state is not stored but follows from time, as AWS's does: it is
 * {@code pending} for {@link #PROVISIONING} after {@code createTime}, then {@code available}; once
 * deleted ({@code deleteTime} set) it is {@code deleting} for the same span, then {@code deleted}, and
 * stays visible for {@link #DELETED_RETENTION}.
 */
public record NatGateway(
        String id,
        String subnetId,
        String vpcId,
        String availabilityZone,
        String connectivityType,
        List<NatGatewayAddress> addresses,
        Instant createTime,
        Instant deleteTime) implements Resource {

    public static final Duration PROVISIONING = Duration.ofSeconds(1);
    public static final Duration DELETED_RETENTION = Duration.ofHours(1);

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
    }

    public State state(Instant at) {
        if (deleteTime != null) {
            return at.isBefore(deleteTime.plus(PROVISIONING)) ? State.DELETING : State.DELETED;
        }
        return at.isBefore(createTime.plus(PROVISIONING)) ? State.PENDING : State.AVAILABLE;
    }

    public boolean isDeleted() {
        return deleteTime != null;
    }

    /** Whether a describe at {@code at} still shows the gateway: deleted ones are shown for a while. */
    public boolean isVisible(Instant at) {
        return deleteTime == null || at.isBefore(deleteTime.plus(DELETED_RETENTION));
    }

    public NatGateway deletedAt(Instant at) {
        return new NatGateway(id, subnetId, vpcId, availabilityZone, connectivityType, addresses, createTime, at);
    }
}
