package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An EC2 instance as the network sees it: where it runs (subnet, VPC, Availability Zone), its addresses,
 * its network interfaces (primary first) and security groups, and its IAM instance profile, whose role
 * is the principal of the calls it makes. {@code state} is AWS's ({@code running}, {@code stopped}, ...).
 * Instances come from account snapshots; Backlane does not launch them.
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
        Instant launchTime) implements Resource, InVpc {

    public Instance {
        requireNonNull(id, "id is null");
        requireNonNull(instanceType, "instanceType is null");
        requireNonNull(state, "state is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        networkInterfaceIds = List.copyOf(requireNonNull(networkInterfaceIds, "networkInterfaceIds is null"));
        securityGroupIds = List.copyOf(requireNonNull(securityGroupIds, "securityGroupIds is null"));
    }

    public boolean isRunning() {
        return state.equals("running");
    }
}
