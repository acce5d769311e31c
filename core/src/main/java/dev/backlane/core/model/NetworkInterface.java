package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An elastic network interface in a subnet. {@code interfaceType} is AWS's: {@code interface},
 * {@code nat_gateway}, {@code vpc_endpoint}, {@code network_load_balancer}, ... Interfaces AWS creates
 * for a service are requester-managed; {@code requesterId} says which service ({@code amazon-elb}, an
 * account, ...). {@code publicIp} is set when an Elastic IP is associated with the primary address.
 */
public record NetworkInterface(
        String id,
        String subnetId,
        String vpcId,
        String availabilityZone,
        String availabilityZoneId,
        String description,
        String interfaceType,
        String privateIpAddress,
        List<String> secondaryPrivateIpAddresses,
        List<String> ipv6Addresses,
        List<String> groupIds,
        boolean sourceDestCheck,
        boolean requesterManaged,
        String requesterId,
        String macAddress,
        String status,
        NetworkInterfaceAttachment attachment,
        String publicIp,
        String allocationId,
        String associationId) implements Resource, InVpc {

    public NetworkInterface {
        requireNonNull(id, "id is null");
        requireNonNull(subnetId, "subnetId is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        requireNonNull(description, "description is null");
        requireNonNull(interfaceType, "interfaceType is null");
        requireNonNull(privateIpAddress, "privateIpAddress is null");
        secondaryPrivateIpAddresses = List.copyOf(requireNonNull(secondaryPrivateIpAddresses, "secondaryPrivateIpAddresses is null"));
        ipv6Addresses = List.copyOf(requireNonNull(ipv6Addresses, "ipv6Addresses is null"));
        groupIds = List.copyOf(requireNonNull(groupIds, "groupIds is null"));
        requireNonNull(macAddress, "macAddress is null");
        requireNonNull(status, "status is null");
    }

    /** Every private IPv4 address of the interface, primary first. */
    public List<String> privateIpAddresses() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(privateIpAddress);
        all.addAll(secondaryPrivateIpAddresses);
        return all;
    }

    public String privateDnsName(String region) {
        return privateDnsName(privateIpAddress, region);
    }

    /** The private DNS name EC2 gives an IPv4 address in a region: {@code ip-10-0-1-5.ec2.internal} in us-east-1. */
    public static String privateDnsName(String address, String region) {
        String host = "ip-" + address.replace('.', '-');
        return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    /** The public DNS name EC2 gives a public IPv4 address in a region: {@code ec2-3-4-5-6.compute-1.amazonaws.com} in us-east-1. */
    public static String publicDnsName(String publicIp, String region) {
        String host = "ec2-" + publicIp.replace('.', '-');
        return region.equals("us-east-1") ? host + ".compute-1.amazonaws.com" : host + "." + region + ".compute.amazonaws.com";
    }

    public NetworkInterface withDescription(String newDescription) {
        return new NetworkInterface(id, subnetId, vpcId, availabilityZone, availabilityZoneId, newDescription, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, ipv6Addresses, groupIds, sourceDestCheck, requesterManaged, requesterId, macAddress, status,
                attachment, publicIp, allocationId, associationId);
    }

    public NetworkInterface withSourceDestCheck(boolean value) {
        return new NetworkInterface(id, subnetId, vpcId, availabilityZone, availabilityZoneId, description, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, ipv6Addresses, groupIds, value, requesterManaged, requesterId, macAddress, status,
                attachment, publicIp, allocationId, associationId);
    }

    public NetworkInterface withGroupIds(List<String> newGroupIds) {
        return new NetworkInterface(id, subnetId, vpcId, availabilityZone, availabilityZoneId, description, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, ipv6Addresses, newGroupIds, sourceDestCheck, requesterManaged, requesterId, macAddress, status,
                attachment, publicIp, allocationId, associationId);
    }

    public NetworkInterface withSecondaryPrivateIpAddresses(List<String> addresses) {
        return new NetworkInterface(id, subnetId, vpcId, availabilityZone, availabilityZoneId, description, interfaceType, privateIpAddress,
                addresses, ipv6Addresses, groupIds, sourceDestCheck, requesterManaged, requesterId, macAddress, status,
                attachment, publicIp, allocationId, associationId);
    }

    /** The interface with its attachment, and the status that goes with it ({@code in-use} attached, {@code available} not). */
    public NetworkInterface withAttachment(NetworkInterfaceAttachment newAttachment) {
        return new NetworkInterface(id, subnetId, vpcId, availabilityZone, availabilityZoneId, description, interfaceType, privateIpAddress,
                secondaryPrivateIpAddresses, ipv6Addresses, groupIds, sourceDestCheck, requesterManaged, requesterId, macAddress,
                newAttachment == null ? "available" : "in-use", newAttachment, publicIp, allocationId, associationId);
    }
}
