package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An EC2 instance as the network sees it: where it runs (subnet, VPC, Availability Zone), its addresses,
 * its network interfaces (primary first) and security groups, and its IAM instance profile, whose role
 * is the principal of the calls it makes. There is no compute behind it.
 *
 * <p>{@code state} is the state the last command (or the snapshot) put the instance in. Its current
 * state follows from time, as a NAT gateway's does: a transition ({@code pending}, {@code stopping},
 * {@code shutting-down}) that a command started at {@code stateChangedAt} settles after
 * {@link #TRANSITION}; an imported instance ({@code stateChangedAt} null) stays as it was recorded. A
 * terminated instance stays visible for {@link #TERMINATED_RETENTION}. {@code launch} is null only for
 * instances imported before it was recorded.
 */
public record Instance(
        String id,
        String instanceType,
        String state,
        String subnetId,
        String vpcId,
        String availabilityZone,
        String privateIpAddress,
        String publicIpAddress,
        List<String> networkInterfaceIds,
        List<String> securityGroupIds,
        String iamInstanceProfileArn,
        boolean sourceDestCheck,
        Instant launchTime,
        InstanceLaunch launch,
        InstanceAttributes attributes,
        Instant stateChangedAt) implements Resource, InVpc {

    /** How long each transition takes. AWS takes tens of seconds; Backlane keeps it short for tests. */
    public static final Duration TRANSITION = Duration.ofSeconds(1);
    public static final Duration TERMINATED_RETENTION = Duration.ofHours(1);

    public Instance {
        requireNonNull(id, "id is null");
        requireNonNull(instanceType, "instanceType is null");
        requireNonNull(state, "state is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        networkInterfaceIds = List.copyOf(requireNonNull(networkInterfaceIds, "networkInterfaceIds is null"));
        securityGroupIds = List.copyOf(requireNonNull(securityGroupIds, "securityGroupIds is null"));
        attributes = attributes == null ? InstanceAttributes.DEFAULTS : attributes;
    }

    /** The state at {@code at}: a transition a command started has settled once {@link #TRANSITION} has passed. */
    public InstanceState state(Instant at) {
        InstanceState recorded = InstanceState.of(state);
        if (stateChangedAt == null || at.isBefore(stateChangedAt.plus(TRANSITION))) {
            return recorded;
        }
        return recorded.settled();
    }

    /** Whether a describe at {@code at} still shows the instance: terminated ones are shown for a while. */
    public boolean isVisible(Instant at) {
        return !InstanceState.of(state).isTerminating() || stateChangedAt == null
                || at.isBefore(stateChangedAt.plus(TRANSITION).plus(TERMINATED_RETENTION));
    }

    public boolean isRunning() {
        return state.equals("running");
    }

    /** The instance in a new state from {@code at}, as a command puts it. */
    public Instance inState(InstanceState newState, Instant at) {
        return new Instance(id, instanceType, newState.awsName(), subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress,
                networkInterfaceIds, securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, at);
    }

    public Instance withPublicIpAddress(String address) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, address, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt);
    }

    /** The instance without network interfaces, once terminated. */
    public Instance withoutNetworkInterfaces() {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, null, List.of(), securityGroupIds,
                iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt);
    }

    public Instance withInstanceType(String type) {
        return new Instance(id, type, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt);
    }

    public Instance withSecurityGroupIds(List<String> groupIds) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                groupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt);
    }

    public Instance withSourceDestCheck(boolean value) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, value, launchTime, launch, attributes, stateChangedAt);
    }

    public Instance withAttributes(InstanceAttributes newAttributes) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, newAttributes, stateChangedAt);
    }

    /** A terminated instance no longer holds its VPC: DeleteVpc may go ahead while it is still shown. */
    @Override
    public boolean releasesVpc() {
        return InstanceState.of(state).isTerminating();
    }
}
