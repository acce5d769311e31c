package dev.backlane.core.network;

import dev.backlane.core.model.NetworkInterface;

/** Copies of network interface records with one aspect changed, for the commands that touch interfaces they do not own. */
public final class NetworkInterfaces {
    private NetworkInterfaces() {}

    public static NetworkInterface withPublicAddress(NetworkInterface networkInterface, String publicIp, String allocationId, String associationId) {
        NetworkInterface n = networkInterface;
        return new NetworkInterface(n.id(), n.subnetId(), n.vpcId(), n.availabilityZone(), n.availabilityZoneId(), n.description(),
                n.interfaceType(), n.privateIpAddress(), n.secondaryPrivateIpAddresses(), n.ipv6Addresses(), n.groupIds(), n.sourceDestCheck(),
                n.requesterManaged(), n.requesterId(), n.macAddress(), n.status(), n.attachment(), publicIp, allocationId, associationId);
    }
}
