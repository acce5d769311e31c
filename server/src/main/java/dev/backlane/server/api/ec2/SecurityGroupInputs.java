package dev.backlane.server.api.ec2;

import dev.backlane.core.network.SecurityGroupPermission;
import dev.backlane.core.network.SecurityGroupPermission.Peer;
import dev.backlane.core.network.SecurityGroupPermission.PeerKind;
import dev.backlane.core.network.SecurityGroupProtocols;
import dev.backlane.server.api.Input;
import java.util.ArrayList;
import java.util.List;

/**
 * Security group permissions from the wire: {@code IpPermission} input (and the legacy top-level
 * CidrIp/IpProtocol/ports/SourceSecurityGroup parameters) to the core's permissions.
 */
final class SecurityGroupInputs {
    private SecurityGroupInputs() {}

    /** The permissions of {@code IpPermissions}, or of the legacy CidrIp/IpProtocol/ports/SourceSecurityGroup parameters. */
    static List<SecurityGroupPermission> permissions(Input input) {
        List<SecurityGroupPermission> permissions = new ArrayList<>();
        for (Input permission : input.structures("IpPermissions")) {
            permissions.add(permission(permission));
        }
        String cidr = input.string("CidrIp");
        String sourceGroup = input.string("SourceSecurityGroupName");
        if (cidr != null || sourceGroup != null || input.string("IpProtocol") != null) {
            List<Peer> peers = new ArrayList<>();
            if (cidr != null) {
                peers.add(new Peer(PeerKind.CIDR_IPV4, cidr, null, null));
            }
            if (sourceGroup != null) {
                peers.add(new Peer(PeerKind.GROUP_NAME, sourceGroup, input.string("SourceSecurityGroupOwnerId"), null));
            }
            String protocol = input.string("IpProtocol");
            permissions.add(new SecurityGroupPermission(protocol == null && sourceGroup != null ? SecurityGroupProtocols.ALL : protocol,
                    input.integer("FromPort"), input.integer("ToPort"), peers));
        }
        return permissions;
    }

    static SecurityGroupPermission permission(Input permission) {
        List<Peer> peers = new ArrayList<>();
        for (Input range : permission.structures("IpRanges")) {
            peers.add(new Peer(PeerKind.CIDR_IPV4, range.string("CidrIp"), null, range.string("Description")));
        }
        for (Input range : permission.structures("Ipv6Ranges")) {
            peers.add(new Peer(PeerKind.CIDR_IPV6, range.string("CidrIpv6"), null, range.string("Description")));
        }
        for (Input prefixList : permission.structures("PrefixListIds")) {
            peers.add(new Peer(PeerKind.PREFIX_LIST, prefixList.string("PrefixListId"), null, prefixList.string("Description")));
        }
        for (Input pair : permission.structures("UserIdGroupPairs")) {
            String groupId = pair.string("GroupId");
            peers.add(groupId != null
                    ? new Peer(PeerKind.GROUP_ID, groupId, pair.string("UserId"), pair.string("Description"))
                    : new Peer(PeerKind.GROUP_NAME, pair.string("GroupName"), pair.string("UserId"), pair.string("Description")));
        }
        return new SecurityGroupPermission(permission.string("IpProtocol"), permission.integer("FromPort"), permission.integer("ToPort"), peers);
    }
}
