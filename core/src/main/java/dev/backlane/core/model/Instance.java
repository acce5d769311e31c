package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An EC2 instance as the network sees it: where it runs (subnet, VPC, Availability Zone), its addresses,
 * its network interfaces (primary first) and security groups, and its IAM instance profile, whose role
 * is the principal of the calls it makes. There is no compute behind it.
 *
 * <p>{@code state} is the state the last command (or the snapshot) put the instance in, at
 * {@code stateChangedAt}. Its current state follows from time, as a NAT gateway's does: a transition
 * ({@code pending}, {@code stopping}, {@code shutting-down}) has settled once {@code settlesAt} has
 * passed (fixed by the command from the server's {@code TransitionTimes}); a terminated instance is
 * described until {@code forgottenAt}. An imported instance (those three null) stays as it was recorded.
 * {@code launch} is null only for instances imported before it was recorded.
 *
 * <p>It does not use {@link Lifecycle}, which NAT gateways and endpoints use: a Lifecycle is one life
 * (created once, deleted once) fixed when it begins, while an instance goes round stop and start any
 * number of times, so it keeps the one transition under way instead.
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
        Instant stateChangedAt,
        Instant settlesAt,
        Instant forgottenAt) implements Resource, InVpc {

    public Instance {
        requireNonNull(id, "id is null");
        requireNonNull(instanceType, "instanceType is null");
        requireNonNull(state, "state is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        networkInterfaceIds = List.copyOf(requireNonNull(networkInterfaceIds, "networkInterfaceIds is null"));
        securityGroupIds = List.copyOf(requireNonNull(securityGroupIds, "securityGroupIds is null"));
        attributes = attributes == null ? InstanceAttributes.DEFAULTS : attributes;
    }

    /** The state at {@code at}: a transition a command started has settled once {@code settlesAt} has passed. */
    public InstanceState state(Instant at) {
        InstanceState recorded = InstanceState.of(state);
        return settlesAt == null || at.isBefore(settlesAt) ? recorded : recorded.settled();
    }

    /** Whether a describe at {@code at} still shows the instance: terminated ones are shown for a while. */
    public boolean isVisibleAt(Instant at) {
        return forgottenAt == null || at.isBefore(forgottenAt);
    }

    public boolean isRunning() {
        return state.equals("running");
    }

    /**
     * The instance in a new state from {@code at}, as a command puts it: a transition settles at
     * {@code settles}; a terminated instance is forgotten at {@code forgotten} (null otherwise).
     */
    public Instance inState(InstanceState newState, Instant at, Instant settles, Instant forgotten) {
        return new Instance(id, instanceType, newState.awsName(), subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress,
                networkInterfaceIds, securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, at, settles, forgotten);
    }

    public Instance withPublicIpAddress(String address) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, address, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt, settlesAt, forgottenAt);
    }

    /** The instance without network interfaces, once terminated. */
    public Instance withoutNetworkInterfaces() {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, null, List.of(), securityGroupIds,
                iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt, settlesAt, forgottenAt);
    }

    public Instance withInstanceType(String type) {
        return new Instance(id, type, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt, settlesAt, forgottenAt);
    }

    public Instance withSecurityGroupIds(List<String> groupIds) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                groupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, attributes, stateChangedAt, settlesAt, forgottenAt);
    }

    public Instance withSourceDestCheck(boolean value) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, value, launchTime, launch, attributes, stateChangedAt, settlesAt, forgottenAt);
    }

    public Instance withAttributes(InstanceAttributes newAttributes) {
        return new Instance(id, instanceType, state, subnetId, vpcId, availabilityZone, privateIpAddress, publicIpAddress, networkInterfaceIds,
                securityGroupIds, iamInstanceProfileArn, sourceDestCheck, launchTime, launch, newAttributes, stateChangedAt, settlesAt, forgottenAt);
    }

    /** A terminated instance no longer holds its VPC: DeleteVpc may go ahead while it is still shown. */
    @Override
    public boolean releasesVpc() {
        return InstanceState.of(state).isTerminating();
    }
}
