package dev.backlane.server.api.ec2;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Network interfaces as the EC2 model's {@code NetworkInterface} shape and its parts. */
final class NetworkInterfaceShapes {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private NetworkInterfaceShapes() {}

    static Map<String, Object> networkInterface(NetworkInterface eni, Scope scope, ScopeState state) {
        Map<String, Object> association = association(eni, scope, state);
        List<Map<String, Object>> addresses = privateIpAddresses(eni, scope, association);
        return Output.create()
                .put("Association", association)
                .put("Attachment", eni.attachment() == null ? null : attachment(eni.attachment()))
                .put("AvailabilityZone", eni.availabilityZone())
                .put("AvailabilityZoneId", eni.availabilityZoneId())
                .put("Description", eni.description())
                .put("Groups", groups(eni, state))
                .put("InterfaceType", eni.interfaceType())
                .put("Ipv6Addresses", eni.ipv6Addresses().stream()
                        .map(address -> Output.create().put("Ipv6Address", address).put("IsPrimaryIpv6", false).build()).toList())
                .put("MacAddress", eni.macAddress())
                .put("NetworkInterfaceId", eni.id())
                .put("OwnerId", scope.account())
                .put("PrivateDnsName", eni.privateDnsName(scope.region()))
                .put("PrivateIpAddress", eni.privateIpAddress())
                .put("PrivateIpAddresses", addresses)
                .put("RequesterId", eni.requesterId())
                .put("RequesterManaged", eni.requesterManaged())
                .put("SourceDestCheck", eni.sourceDestCheck())
                .put("Status", eni.status())
                .put("SubnetId", eni.subnetId())
                .put("VpcId", eni.vpcId())
                .put("Ipv6Native", false)
                .put("TagSet", TagShapes.tagSet(state, eni.id()))
                .build();
    }

    /** Each private address, primary first, the primary one with the interface's public address. */
    static List<Map<String, Object>> privateIpAddresses(NetworkInterface eni, Scope scope, Map<String, Object> association) {
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (String address : eni.privateIpAddresses()) {
            boolean primary = address.equals(eni.privateIpAddress());
            addresses.add(Output.create()
                    .put("Association", primary ? association : null)
                    .put("Primary", primary)
                    .put("PrivateDnsName", NetworkInterface.privateDnsName(address, scope.region()))
                    .put("PrivateIpAddress", address)
                    .build());
        }
        return addresses;
    }

    static List<Map<String, Object>> groups(NetworkInterface eni, ScopeState state) {
        return eni.groupIds().stream()
                .map(groupId -> Output.create()
                        .put("GroupId", groupId)
                        .put("GroupName", state.find(ResourceTypes.SECURITY_GROUP, groupId).map(SecurityGroup::name).orElse(null))
                        .build())
                .toList();
    }

    static Map<String, Object> attachment(NetworkInterfaceAttachment attachment) {
        return Output.create()
                .put("AttachTime", attachment.attachTime())
                .put("AttachmentId", attachment.attachmentId())
                .put("DeleteOnTermination", attachment.deleteOnTermination())
                .put("DeviceIndex", attachment.deviceIndex())
                .put("NetworkCardIndex", 0)
                .put("InstanceId", attachment.instanceId())
                .put("InstanceOwnerId", attachment.instanceOwnerId())
                .put("Status", attachment.status())
                .build();
    }

    /** The public address of the primary private address, or null when it has none. */
    static Map<String, Object> association(NetworkInterface eni, Scope scope, ScopeState state) {
        if (eni.publicIp() == null) {
            return null;
        }
        return Output.create()
                .put("AllocationId", eni.allocationId())
                .put("AssociationId", eni.associationId())
                .put("IpOwnerId", ipOwnerId(eni, scope))
                .put("PublicDnsName", publicDnsName(eni, scope, state))
                .put("PublicIp", eni.publicIp())
                .build();
    }

    /** The account for an Elastic IP; {@code amazon} for an address AWS assigned from its pool. */
    static String ipOwnerId(NetworkInterface eni, Scope scope) {
        return eni.publicIp() == null ? null : eni.allocationId() != null ? scope.account() : "amazon";
    }

    /** EC2's public host name, given only when the VPC has DNS hostnames on. */
    static String publicDnsName(NetworkInterface eni, Scope scope, ScopeState state) {
        boolean hostnames = state.find(ResourceTypes.VPC, eni.vpcId()).map(Vpc::enableDnsHostnames).orElse(false);
        if (eni.publicIp() == null || !hostnames) {
            return null;
        }
        return NetworkInterface.publicDnsName(eni.publicIp(), scope.region());
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
