package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.InVpc;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.net.Ipv6Cidr;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Creating, changing and deleting VPCs with EC2's rules. */
public final class VpcCommands {
    /** VPC CIDR blocks must be between /16 and /28, IPv4 and subnets alike. */
    public static final int LARGEST_PREFIX = 16;
    public static final int SMALLEST_PREFIX = 28;

    private final Quotas quotas;

    public VpcCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** The parameters of CreateVpc that Backlane honours. */
    public record CreateVpc(String cidrBlock, boolean amazonProvidedIpv6CidrBlock, String instanceTenancy) {}

    public Vpc create(Transaction transaction, CreateVpc request) {
        if (request.cidrBlock() == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
        }
        Ipv4Cidr cidr = CidrRules.ipv4(request.cidrBlock(), "cidrBlock");
        checkVpcRange(cidr);
        String tenancy = request.instanceTenancy() == null ? "default" : request.instanceTenancy();
        if (tenancy.equals("host")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (host) for parameter instanceTenancy is invalid. Valid values are default, dedicated.");
        }
        quotas.check("vpcs-per-region", transaction.all(ResourceTypes.VPC).size(), ErrorCode.VPC_LIMIT_EXCEEDED,
                "The maximum number of VPCs has been reached.");
        return create(transaction, cidr, request.amazonProvidedIpv6CidrBlock(), tenancy, false);
    }

    /** Creates a VPC with its main route table, default security group and default network ACL. */
    public Vpc create(Transaction transaction, Ipv4Cidr cidr, boolean ipv6, String tenancy, boolean isDefault) {
        String id = transaction.newId(ResourceTypes.VPC);
        List<CidrAssociation> ipv6Associations = ipv6
                ? List.of(new CidrAssociation(transaction.ids().next("vpc-cidr-assoc"), amazonIpv6Block(transaction), "associated", "Amazon",
                        transaction.region()))
                : List.of();
        Vpc vpc = new Vpc(id, cidr.toString(), List.of(CidrAssociation.ipv4(transaction.ids().next("vpc-cidr-assoc"), cidr.toString())),
                ipv6Associations, "dopt-" + transaction.ids().hex(17), tenancy, isDefault, "available", true, isDefault, false);
        transaction.put(ResourceTypes.VPC, vpc);
        VpcDefaults.create(transaction, vpc);
        return vpc;
    }

    /** Deletes a VPC that has nothing left in it but its defaults, which go with it. */
    public void delete(Transaction transaction, String vpcId) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, vpcId);
        List<Runnable> removals = new ArrayList<>();
        for (ResourceType<?> type : ResourceTypes.all()) {
            if (!InVpc.class.isAssignableFrom(type.recordClass())) {
                continue;
            }
            for (Resource resource : transaction.inVpc(type, vpc.id())) {
                if (((InVpc) resource).releasesVpc()) {
                    continue;
                }
                if (!((InVpc) resource).isVpcDefault()) {
                    throw AwsException.of(ErrorCode.DEPENDENCY_VIOLATION, "The vpc '%s' has dependencies and cannot be deleted.", vpc.id());
                }
                removals.add(() -> transaction.remove(type, resource.id()));
            }
        }
        removals.forEach(Runnable::run);
        transaction.remove(ResourceTypes.VPC, vpc.id());
        WatchingFlowLogs.removeWith(transaction, vpc.id());
    }

    public CidrAssociation associateCidr(Transaction transaction, String vpcId, String cidrBlock, boolean amazonProvidedIpv6) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, vpcId);
        if (amazonProvidedIpv6) {
            if (cidrBlock != null) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "The parameter cidrBlock cannot be used with the parameter amazonProvidedIpv6CidrBlock");
            }
            if (!vpc.associatedIpv6Cidrs().isEmpty()) {
                throw AwsException.of(ErrorCode.VPC_CIDR_LIMIT_EXCEEDED, "This network '%s' has met its maximum number of allowed CIDRs: 1", vpc.id());
            }
            CidrAssociation association = new CidrAssociation(transaction.ids().next("vpc-cidr-assoc"), amazonIpv6Block(transaction),
                    "associated", "Amazon", transaction.region());
            List<CidrAssociation> associations = new ArrayList<>(vpc.ipv6CidrAssociations());
            associations.add(association);
            transaction.put(ResourceTypes.VPC, vpc.withIpv6CidrAssociations(associations));
            addLocalRoute(transaction, vpc.id(), association.cidrBlock(), true);
            return association;
        }
        if (cidrBlock == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Either 'cidrBlock' or 'amazonProvidedIpv6CidrBlock' should be provided.");
        }
        Ipv4Cidr cidr = CidrRules.ipv4(cidrBlock, "cidrBlock");
        checkVpcRange(cidr);
        for (String existing : vpc.associatedCidrs()) {
            if (Ipv4Cidr.parse(existing).orElseThrow().overlaps(cidr)) {
                throw AwsException.of(ErrorCode.INVALID_VPC_RANGE, "The CIDR '%s' conflicts with another subnet", cidr);
            }
        }
        quotas.check("ipv4-cidrs-per-vpc", vpc.associatedCidrs().size(), ErrorCode.VPC_CIDR_LIMIT_EXCEEDED,
                "This network '" + vpc.id() + "' has met its maximum number of allowed CIDRs: " + quotas.get("ipv4-cidrs-per-vpc"));
        CidrAssociation association = CidrAssociation.ipv4(transaction.ids().next("vpc-cidr-assoc"), cidr.toString());
        List<CidrAssociation> associations = new ArrayList<>(vpc.cidrAssociations());
        associations.add(association);
        transaction.put(ResourceTypes.VPC, vpc.withCidrAssociations(associations));
        addLocalRoute(transaction, vpc.id(), cidr.toString(), false);
        return association;
    }

    /** Disassociates a secondary CIDR; returns the VPC and the association, now {@code disassociated}. */
    public Disassociated disassociateCidr(Transaction transaction, String associationId) {
        for (Vpc vpc : transaction.all(ResourceTypes.VPC)) {
            Optional<CidrAssociation> ipv4 = vpc.cidrAssociations().stream().filter(a -> a.associationId().equals(associationId)).findFirst();
            Optional<CidrAssociation> ipv6 = vpc.ipv6CidrAssociations().stream().filter(a -> a.associationId().equals(associationId)).findFirst();
            if (ipv4.isEmpty() && ipv6.isEmpty()) {
                continue;
            }
            CidrAssociation association = ipv4.orElseGet(ipv6::orElseThrow);
            boolean isIpv6 = ipv4.isEmpty();
            if (!isIpv6 && association.cidrBlock().equals(vpc.cidrBlock())) {
                throw AwsException.of(ErrorCode.OPERATION_NOT_PERMITTED, "The vpc CIDR block with association ID %s may not be disassociated. It is the primary IPv4 CIDR block of the VPC",
                        associationId);
            }
            checkNoSubnetIn(transaction, vpc, association.cidrBlock(), isIpv6);
            List<CidrAssociation> remaining = new ArrayList<>(isIpv6 ? vpc.ipv6CidrAssociations() : vpc.cidrAssociations());
            remaining.removeIf(a -> a.associationId().equals(associationId));
            transaction.put(ResourceTypes.VPC, isIpv6 ? vpc.withIpv6CidrAssociations(remaining) : vpc.withCidrAssociations(remaining));
            removeLocalRoute(transaction, vpc.id(), association.cidrBlock());
            return new Disassociated(vpc.id(), association.withState("disassociating"), isIpv6);
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The vpc CIDR block association ID '%s' does not exist", associationId);
    }

    /** A CIDR association that was removed, and from which VPC. */
    public record Disassociated(String vpcId, CidrAssociation association, boolean ipv6) {}

    /** The VPC attributes; exactly one is changed per call, as ModifyVpcAttribute requires. */
    public Vpc modifyAttribute(Transaction transaction, String vpcId, Boolean dnsSupport, Boolean dnsHostnames, Boolean addressUsageMetrics) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, vpcId);
        int given = (dnsSupport == null ? 0 : 1) + (dnsHostnames == null ? 0 : 1) + (addressUsageMetrics == null ? 0 : 1);
        if (given != 1) {
            throw AwsException.of(given == 0 ? ErrorCode.MISSING_PARAMETER : ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "Fields for multiple attribute types specified: exactly one of enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics must be given");
        }
        boolean support = dnsSupport == null ? vpc.enableDnsSupport() : dnsSupport;
        boolean hostnames = dnsHostnames == null ? vpc.enableDnsHostnames() : dnsHostnames;
        if (hostnames && !support) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (true) for parameter enableDnsHostnames is invalid. The VPC must have DNS support enabled.");
        }
        Vpc changed = vpc.withAttributes(support, hostnames, addressUsageMetrics == null ? vpc.enableNetworkAddressUsageMetrics() : addressUsageMetrics);
        return transaction.put(ResourceTypes.VPC, changed);
    }

    static void checkVpcRange(Ipv4Cidr cidr) {
        if (cidr.prefixLength() < LARGEST_PREFIX || cidr.prefixLength() > SMALLEST_PREFIX) {
            throw AwsException.of(ErrorCode.INVALID_VPC_RANGE, "The CIDR '%s' is invalid.", cidr);
        }
    }

    private static void checkNoSubnetIn(Transaction transaction, Vpc vpc, String cidrBlock, boolean ipv6) {
        for (Subnet subnet : transaction.inVpc(ResourceTypes.SUBNET, vpc.id())) {
            boolean inside = ipv6
                    ? subnet.ipv6CidrAssociations().stream().anyMatch(a -> Ipv6Cidr.parse(cidrBlock).orElseThrow()
                            .contains(Ipv6Cidr.parse(a.cidrBlock()).orElseThrow()))
                    : Ipv4Cidr.parse(cidrBlock).orElseThrow().contains(Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow());
            if (inside) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The vpc CIDR block %s cannot be disassociated: subnet %s uses it",
                        cidrBlock, subnet.id());
            }
        }
    }

    private static void addLocalRoute(Transaction transaction, String vpcId, String cidr, boolean ipv6) {
        for (RouteTable table : transaction.inVpc(ResourceTypes.ROUTE_TABLE, vpcId)) {
            List<Route> routes = new ArrayList<>(table.routes());
            routes.add(Route.local(cidr, ipv6));
            transaction.put(ResourceTypes.ROUTE_TABLE, table.withRoutes(routes));
        }
    }

    private static void removeLocalRoute(Transaction transaction, String vpcId, String cidr) {
        for (RouteTable table : transaction.inVpc(ResourceTypes.ROUTE_TABLE, vpcId)) {
            List<Route> routes = new ArrayList<>(table.routes());
            routes.removeIf(route -> route.isLocal() && cidr.equals(route.destination()));
            transaction.put(ResourceTypes.ROUTE_TABLE, table.withRoutes(routes));
        }
    }

    /** An Amazon-provided /56 from AWS's 2600:1f00::/24 space, distinct per call, in canonical form. */
    private static String amazonIpv6Block(Transaction transaction) {
        String hex = transaction.ids().hex(6);
        String block = "2600:1f" + hex.substring(0, 2) + ":" + hex.substring(2, 6) + ":" + transaction.ids().hex(2) + "00::/56";
        return Ipv6Cidr.parse(block).orElseThrow().toString();
    }
}
