package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A subnet: an IPv4 CIDR inside its VPC, in one Availability Zone. The addresses in use are those of
 * the network interfaces in it; AWS reserves the first four and the last of every subnet.
 */
public record Subnet(
        String id,
        String vpcId,
        String cidrBlock,
        String availabilityZone,
        String availabilityZoneId,
        List<CidrAssociation> ipv6CidrAssociations,
        boolean mapPublicIpOnLaunch,
        boolean assignIpv6AddressOnCreation,
        boolean defaultForAz,
        boolean enableDns64,
        String hostnameType,
        boolean enableResourceNameDnsARecordOnLaunch,
        boolean enableResourceNameDnsAaaaRecordOnLaunch,
        String state) implements Resource, InVpc {

    public Subnet {
        requireNonNull(id, "id is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(cidrBlock, "cidrBlock is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        requireNonNull(availabilityZoneId, "availabilityZoneId is null");
        ipv6CidrAssociations = List.copyOf(requireNonNull(ipv6CidrAssociations, "ipv6CidrAssociations is null"));
        requireNonNull(hostnameType, "hostnameType is null");
        requireNonNull(state, "state is null");
    }

    public String arn(Scope scope) {
        return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":subnet/" + id;
    }

    public Subnet withMapPublicIpOnLaunch(boolean value) {
        return new Subnet(id, vpcId, cidrBlock, availabilityZone, availabilityZoneId, ipv6CidrAssociations, value,
                assignIpv6AddressOnCreation, defaultForAz, enableDns64, hostnameType, enableResourceNameDnsARecordOnLaunch,
                enableResourceNameDnsAaaaRecordOnLaunch, state);
    }

    public Subnet withAssignIpv6AddressOnCreation(boolean value) {
        return new Subnet(id, vpcId, cidrBlock, availabilityZone, availabilityZoneId, ipv6CidrAssociations, mapPublicIpOnLaunch,
                value, defaultForAz, enableDns64, hostnameType, enableResourceNameDnsARecordOnLaunch,
                enableResourceNameDnsAaaaRecordOnLaunch, state);
    }

    public Subnet withIpv6CidrAssociations(List<CidrAssociation> associations) {
        return new Subnet(id, vpcId, cidrBlock, availabilityZone, availabilityZoneId, associations, mapPublicIpOnLaunch,
                assignIpv6AddressOnCreation, defaultForAz, enableDns64, hostnameType, enableResourceNameDnsARecordOnLaunch,
                enableResourceNameDnsAaaaRecordOnLaunch, state);
    }

    public Subnet withDnsOptions(boolean dns64, String newHostnameType, boolean aRecord, boolean aaaaRecord) {
        return new Subnet(id, vpcId, cidrBlock, availabilityZone, availabilityZoneId, ipv6CidrAssociations, mapPublicIpOnLaunch,
                assignIpv6AddressOnCreation, defaultForAz, dns64, newHostnameType, aRecord, aaaaRecord, state);
    }

    /** The subnet with its zone's name and ID as its account's zone mapping gives them. */
    public Subnet withZone(String name, String zoneId) {
        return new Subnet(id, vpcId, cidrBlock, name, zoneId, ipv6CidrAssociations, mapPublicIpOnLaunch,
                assignIpv6AddressOnCreation, defaultForAz, enableDns64, hostnameType, enableResourceNameDnsARecordOnLaunch,
                enableResourceNameDnsAaaaRecordOnLaunch, state);
    }
}
