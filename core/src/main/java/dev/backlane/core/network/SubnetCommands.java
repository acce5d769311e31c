package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.net.Ipv6Cidr;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.zone.ZoneMappings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Creating, changing and deleting subnets with EC2's rules: an IPv4 block of /16 to /28 inside one of
 * the VPC's CIDRs and clear of its other subnets, in one Availability Zone of the region. A new subnet
 * is associated with the VPC's default network ACL in the same command.
 */
public final class SubnetCommands {
    /** AWS lets a subnet's IPv6 block be /44 to /64, in steps of 4 bits. */
    static final int LARGEST_IPV6_PREFIX = 44;
    static final int SMALLEST_IPV6_PREFIX = 64;

    private final Quotas quotas;
    private final ZoneMappings zoneMappings;

    public SubnetCommands(Quotas quotas, RegionCatalog regions) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.zoneMappings = new ZoneMappings(requireNonNull(regions, "regions is null"));
    }

    /** The parameters of CreateSubnet that Backlane honours; the zone is given by name or ID, or neither. */
    public record CreateSubnet(String vpcId, String cidrBlock, String ipv6CidrBlock, String availabilityZone, String availabilityZoneId) {
        public CreateSubnet {
            requireNonNull(vpcId, "vpcId is null");
        }
    }

    public Subnet create(Transaction transaction, CreateSubnet request) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, request.vpcId());
        if (request.cidrBlock() == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
        }
        Ipv4Cidr cidr = CidrRules.ipv4(request.cidrBlock(), "cidrBlock");
        checkIpv4Range(transaction, vpc, cidr);
        String ipv6 = request.ipv6CidrBlock() == null ? null : checkIpv6Range(transaction, vpc, null, request.ipv6CidrBlock());
        AvailabilityZone zone = zone(transaction, vpc, request.availabilityZone(), request.availabilityZoneId());
        long subnetsInVpc = transaction.inVpc(ResourceTypes.SUBNET, vpc.id()).size();
        quotas.check("subnets-per-vpc", subnetsInVpc, ErrorCode.SUBNET_LIMIT_EXCEEDED, "The maximum number of subnets has been reached.");

        List<CidrAssociation> ipv6Associations = ipv6 == null ? List.of()
                : List.of(new CidrAssociation(transaction.ids().next("subnet-cidr-assoc"), ipv6, "associated", null, null));
        Subnet subnet = new Subnet(transaction.newId(ResourceTypes.SUBNET), vpc.id(), cidr.toString(), zone.name(), zone.id(),
                ipv6Associations, false, false, false, false, "ip-name", false, false, "available");
        transaction.put(ResourceTypes.SUBNET, subnet);
        associateWithDefaultAcl(transaction, subnet);
        return subnet;
    }

    /** Deletes a subnet with no network interfaces in it, with its network ACL and route table associations. */
    public void delete(Transaction transaction, String subnetId) {
        Subnet subnet = transaction.get(ResourceTypes.SUBNET, subnetId);
        for (NetworkInterface networkInterface : transaction.inVpc(ResourceTypes.NETWORK_INTERFACE, subnet.vpcId())) {
            if (networkInterface.subnetId().equals(subnet.id())) {
                throw AwsException.of(ErrorCode.DEPENDENCY_VIOLATION, "The subnet '%s' has dependencies and cannot be deleted.", subnet.id());
            }
        }
        for (NetworkAcl acl : transaction.inVpc(ResourceTypes.NETWORK_ACL, subnet.vpcId())) {
            if (acl.associations().stream().anyMatch(association -> association.subnetId().equals(subnet.id()))) {
                List<NetworkAclAssociation> remaining = new ArrayList<>(acl.associations());
                remaining.removeIf(association -> association.subnetId().equals(subnet.id()));
                transaction.put(ResourceTypes.NETWORK_ACL, acl.withAssociations(remaining));
            }
        }
        for (RouteTable table : transaction.inVpc(ResourceTypes.ROUTE_TABLE, subnet.vpcId())) {
            if (table.associations().stream().anyMatch(association -> subnet.id().equals(association.subnetId()))) {
                List<RouteTableAssociation> remaining = new ArrayList<>(table.associations());
                remaining.removeIf(association -> subnet.id().equals(association.subnetId()));
                transaction.put(ResourceTypes.ROUTE_TABLE, table.withAssociations(remaining));
            }
        }
        transaction.remove(ResourceTypes.SUBNET, subnet.id());
        WatchingFlowLogs.removeWith(transaction, subnet.id());
    }

    /** One attribute of ModifySubnetAttribute; the others are null. */
    public record SubnetAttributeChange(Boolean mapPublicIpOnLaunch, Boolean assignIpv6AddressOnCreation, Boolean enableDns64,
            String hostnameType, Boolean enableResourceNameDnsARecord, Boolean enableResourceNameDnsAaaaRecord) {

        List<String> given() {
            List<String> names = new ArrayList<>();
            if (mapPublicIpOnLaunch != null) {
                names.add("mapPublicIpOnLaunch");
            }
            if (assignIpv6AddressOnCreation != null) {
                names.add("assignIpv6AddressOnCreation");
            }
            if (enableDns64 != null) {
                names.add("enableDns64");
            }
            if (hostnameType != null) {
                names.add("privateDnsHostnameTypeOnLaunch");
            }
            if (enableResourceNameDnsARecord != null) {
                names.add("enableResourceNameDnsARecordOnLaunch");
            }
            if (enableResourceNameDnsAaaaRecord != null) {
                names.add("enableResourceNameDnsAAAARecordOnLaunch");
            }
            return names;
        }
    }

    /** Changes exactly one subnet attribute, as ModifySubnetAttribute requires. */
    public Subnet modifyAttribute(Transaction transaction, String subnetId, SubnetAttributeChange change) {
        Subnet subnet = transaction.get(ResourceTypes.SUBNET, subnetId);
        List<String> given = change.given();
        if (given.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain exactly one attribute to modify.");
        }
        if (given.size() > 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "Fields for multiple attribute types specified: %s",
                    String.join(", ", given));
        }
        boolean hasIpv6 = subnet.ipv6CidrAssociations().stream().anyMatch(CidrAssociation::isAssociated);
        if (Boolean.TRUE.equals(change.assignIpv6AddressOnCreation()) && !hasIpv6) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Invalid value 'true' for assign-ipv6-address-on-creation. Cannot set assign-ipv6-address-on-creation to true unless the subnet (%s) has an IPv6 CIDR block associated with it.",
                    subnet.id());
        }
        Subnet changed;
        if (change.mapPublicIpOnLaunch() != null) {
            changed = subnet.withMapPublicIpOnLaunch(change.mapPublicIpOnLaunch());
        } else if (change.assignIpv6AddressOnCreation() != null) {
            changed = subnet.withAssignIpv6AddressOnCreation(change.assignIpv6AddressOnCreation());
        } else {
            changed = subnet.withDnsOptions(
                    change.enableDns64() == null ? subnet.enableDns64() : change.enableDns64(),
                    change.hostnameType() == null ? subnet.hostnameType() : change.hostnameType(),
                    change.enableResourceNameDnsARecord() == null ? subnet.enableResourceNameDnsARecordOnLaunch() : change.enableResourceNameDnsARecord(),
                    change.enableResourceNameDnsAaaaRecord() == null ? subnet.enableResourceNameDnsAaaaRecordOnLaunch()
                            : change.enableResourceNameDnsAaaaRecord());
        }
        return transaction.put(ResourceTypes.SUBNET, changed);
    }

    /** Associates an IPv6 block, inside the VPC's, with a subnet that has none; returns the association. */
    public CidrAssociation associateIpv6Cidr(Transaction transaction, String subnetId, String ipv6CidrBlock) {
        Subnet subnet = transaction.get(ResourceTypes.SUBNET, subnetId);
        if (ipv6CidrBlock == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided.");
        }
        Vpc vpc = transaction.get(ResourceTypes.VPC, subnet.vpcId());
        String cidr = checkIpv6Range(transaction, vpc, subnet.id(), ipv6CidrBlock);
        if (subnet.ipv6CidrAssociations().stream().anyMatch(CidrAssociation::isAssociated)) {
            throw AwsException.of(ErrorCode.VPC_CIDR_LIMIT_EXCEEDED, "This network '%s' has met its maximum number of allowed CIDRs: 1", subnet.id());
        }
        CidrAssociation association = new CidrAssociation(transaction.ids().next("subnet-cidr-assoc"), cidr, "associated", null, null);
        List<CidrAssociation> associations = new ArrayList<>(subnet.ipv6CidrAssociations());
        associations.add(association);
        transaction.put(ResourceTypes.SUBNET, subnet.withIpv6CidrAssociations(associations));
        return association;
    }

    /** An IPv6 association removed from a subnet, now {@code disassociating}. */
    public record Disassociated(String subnetId, CidrAssociation association) {}

    public Disassociated disassociateIpv6Cidr(Transaction transaction, String associationId) {
        for (Subnet subnet : transaction.all(ResourceTypes.SUBNET)) {
            Optional<CidrAssociation> found = subnet.ipv6CidrAssociations().stream()
                    .filter(association -> association.associationId().equals(associationId)).findFirst();
            if (found.isEmpty()) {
                continue;
            }
            if (subnet.assignIpv6AddressOnCreation()) {
                throw AwsException.of(ErrorCode.INVALID_CIDR_BLOCK_IN_USE,
                        "The subnet IPv6 CIDR block with association ID %s may not be disassociated, because its subnet has assign-ipv6-address-on-creation set to true.",
                        associationId);
            }
            Ipv6Cidr block = Ipv6Cidr.parse(found.get().cidrBlock()).orElseThrow();
            for (NetworkInterface networkInterface : transaction.all(ResourceTypes.NETWORK_INTERFACE)) {
                boolean usesBlock = networkInterface.subnetId().equals(subnet.id()) && networkInterface.ipv6Addresses().stream()
                        .anyMatch(address -> block.contains(new Ipv6Cidr(Ipv6Cidr.parseAddress(address).orElseThrow(), 128)));
                if (usesBlock) {
                    throw AwsException.of(ErrorCode.INVALID_CIDR_BLOCK_IN_USE,
                            "The subnet IPv6 CIDR block with association ID %s may not be disassociated, because it has IPv6 addresses in use.",
                            associationId);
                }
            }
            List<CidrAssociation> remaining = new ArrayList<>(subnet.ipv6CidrAssociations());
            remaining.removeIf(association -> association.associationId().equals(associationId));
            transaction.put(ResourceTypes.SUBNET, subnet.withIpv6CidrAssociations(remaining));
            return new Disassociated(subnet.id(), found.get().withState("disassociating"));
        }
        throw AwsException.of(ErrorCode.INVALID_SUBNET_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND,
                "The subnet CIDR block with association ID '%s' does not exist", associationId);
    }

    private static void checkIpv4Range(Transaction transaction, Vpc vpc, Ipv4Cidr cidr) {
        if (cidr.prefixLength() < VpcCommands.LARGEST_PREFIX || cidr.prefixLength() > VpcCommands.SMALLEST_PREFIX) {
            throw AwsException.of(ErrorCode.INVALID_SUBNET_RANGE, "The CIDR '%s' is invalid.", cidr);
        }
        boolean inVpc = vpc.associatedCidrs().stream().anyMatch(block -> Ipv4Cidr.parse(block).orElseThrow().contains(cidr));
        if (!inVpc) {
            throw AwsException.of(ErrorCode.INVALID_SUBNET_RANGE, "The CIDR '%s' is invalid.", cidr);
        }
        for (Subnet other : transaction.inVpc(ResourceTypes.SUBNET, vpc.id())) {
            if (Ipv4Cidr.parse(other.cidrBlock()).orElseThrow().overlaps(cidr)) {
                throw AwsException.of(ErrorCode.INVALID_SUBNET_CONFLICT, "The CIDR '%s' conflicts with another subnet", cidr);
            }
        }
    }

    /** The IPv6 block in canonical form, checked to lie in the VPC's IPv6 block and clear of the VPC's other subnets. */
    private static String checkIpv6Range(Transaction transaction, Vpc vpc, String exceptSubnetId, String text) {
        Ipv6Cidr cidr = CidrRules.ipv6(text, "ipv6CidrBlock");
        int prefix = cidr.prefixLength();
        if (prefix < LARGEST_IPV6_PREFIX || prefix > SMALLEST_IPV6_PREFIX || prefix % 4 != 0) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for parameter ipv6-cidr-block: %s", text);
        }
        boolean inVpc = vpc.associatedIpv6Cidrs().stream().anyMatch(block -> Ipv6Cidr.parse(block).orElseThrow().contains(cidr));
        if (!inVpc) {
            throw AwsException.of(ErrorCode.INVALID_SUBNET_RANGE, "The IPv6 CIDR '%s' is invalid.", cidr);
        }
        for (Subnet other : transaction.inVpc(ResourceTypes.SUBNET, vpc.id())) {
            if (other.id().equals(exceptSubnetId)) {
                continue;
            }
            for (CidrAssociation association : other.ipv6CidrAssociations()) {
                if (Ipv6Cidr.parse(association.cidrBlock()).orElseThrow().overlaps(cidr)) {
                    throw AwsException.of(ErrorCode.INVALID_SUBNET_CONFLICT, "The CIDR '%s' conflicts with another subnet", cidr);
                }
            }
        }
        return cidr.toString();
    }

    /** The zone asked for, or when none is, the zone with the fewest of the VPC's subnets (the first of those). */
    private AvailabilityZone zone(Transaction transaction, Vpc vpc, String name, String id) {
        List<AvailabilityZone> zones = zoneMappings.of(transaction.state(), transaction.scope()).zones();
        if (name != null && id != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameter availabilityZone cannot be used with the parameter availabilityZoneId");
        }
        if (name != null) {
            return zones.stream().filter(zone -> zone.name().equals(name)).findFirst().orElseThrow(() -> AwsException.of(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: %s.",
                    name, zones.stream().map(AvailabilityZone::name).collect(Collectors.joining(", "))));
        }
        if (id != null) {
            return zones.stream().filter(zone -> zone.id().equals(id)).findFirst().orElseThrow(() -> AwsException.of(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zones: %s.",
                    id, zones.stream().map(AvailabilityZone::id).collect(Collectors.joining(", "))));
        }
        if (zones.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value () for parameter availabilityZone is invalid. The region %s has no availability zones.",
                    transaction.region());
        }
        List<Subnet> inVpc = transaction.inVpc(ResourceTypes.SUBNET, vpc.id());
        return zones.stream()
                .min(Comparator.comparingLong((AvailabilityZone zone) -> inVpc.stream().filter(s -> s.availabilityZone().equals(zone.name())).count()))
                .orElseThrow();
    }

    private static void associateWithDefaultAcl(Transaction transaction, Subnet subnet) {
        NetworkAcl acl = transaction.inVpc(ResourceTypes.NETWORK_ACL, subnet.vpcId()).stream()
                .filter(NetworkAcl::isDefault)
                .findFirst().orElseThrow(() -> new IllegalStateException("VPC " + subnet.vpcId() + " has no default network ACL"));
        List<NetworkAclAssociation> associations = new ArrayList<>(acl.associations());
        associations.add(new NetworkAclAssociation(transaction.ids().next("aclassoc"), acl.id(), subnet.id()));
        transaction.put(ResourceTypes.NETWORK_ACL, acl.withAssociations(associations));
    }
}
