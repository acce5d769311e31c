package dev.backlane.core.endpoint;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * EC2's rules for the settings of interface (and Gateway Load Balancer) endpoints: subnets of the
 * endpoint's VPC, one per Availability Zone, in zones the service is offered in; security groups of the
 * VPC; private DNS only with the VPC's DNS attributes on and without another endpoint's private DNS for
 * the service in the VPC; IP address types the service and the subnets support.
 */
final class InterfaceEndpointRules {
    private InterfaceEndpointRules() {}

    /** The subnets, checked, without repeats, in the order given. */
    static List<Subnet> subnets(Transaction transaction, Vpc vpc, EndpointService service, List<String> subnetIds) {
        List<Subnet> subnets = new ArrayList<>();
        Map<String, String> byZone = new HashMap<>();
        for (String id : new LinkedHashSet<>(subnetIds)) {
            Subnet subnet = transaction.get(ResourceTypes.SUBNET, id);
            if (!subnet.vpcId().equals(vpc.id())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "The subnet ID '%s' does not belong to VPC '%s'.", subnet.id(), vpc.id());
            }
            if (!service.offeredIn(subnet.availabilityZoneId(), subnet.availabilityZone())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                        "The VPC endpoint service %s does not support the availability zone of the subnet: %s.", service.serviceName(),
                        subnet.id());
            }
            if (byZone.putIfAbsent(subnet.availabilityZone(), subnet.id()) != null) {
                throw duplicateZone(subnet.id());
            }
            subnets.add(subnet);
        }
        return subnets;
    }

    static AwsException duplicateZone(String subnetId) {
        return AwsException.of(ErrorCode.DUPLICATE_SUBNETS_IN_SAME_ZONE,
                "Found another VPC endpoint subnet in the availability zone of %s. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.",
                subnetId);
    }

    /** The groups, each of the VPC, without repeats, in the order given. */
    static List<String> groups(Transaction transaction, Vpc vpc, List<String> groupIds) {
        List<String> checked = new ArrayList<>();
        for (String id : new LinkedHashSet<>(groupIds)) {
            SecurityGroup group = transaction.get(ResourceTypes.SECURITY_GROUP, id);
            if (!group.vpcId().equals(vpc.id())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "The security group '%s' does not belong to VPC '%s'.", group.id(), vpc.id());
            }
            checked.add(group.id());
        }
        return checked;
    }

    static String defaultGroup(Transaction transaction, Vpc vpc) {
        return transaction.all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> group.vpcId().equals(vpc.id()) && group.isDefault())
                .map(SecurityGroup::id)
                .findFirst().orElseThrow(() -> new IllegalStateException("VPC " + vpc.id() + " has no default security group"));
    }

    /** Private DNS may be on only for a service with a private name, in a VPC with DNS, once per service and VPC. */
    static void checkPrivateDns(Transaction transaction, Vpc vpc, EndpointService service, String endpointId) {
        if (service.privateDnsName() == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Private DNS can't be enabled because the service %s does not provide a private DNS name.",
                    service.serviceName());
        }
        if (!vpc.enableDnsSupport() || !vpc.enableDnsHostnames()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                    "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for %s", vpc.id());
        }
        for (VpcEndpoint other : transaction.all(ResourceTypes.VPC_ENDPOINT)) {
            if (!other.id().equals(endpointId) && !other.isBeingDeleted() && other.vpcId().equals(vpc.id()) && other.privateDnsEnabled()
                    && other.serviceName().equals(service.serviceName())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                        "private-dns-enabled cannot be set because there is already a conflicting DNS domain for %s in the VPC %s",
                        service.privateDnsName().replaceFirst("^\\*\\.", ""), vpc.id());
            }
        }
    }

    /**
     * The inbound-resolver-only option: for services with both endpoint types, with private DNS on, and
     * only where the VPC has a gateway endpoint for the service.
     */
    static void checkInboundResolverOnly(Transaction transaction, Vpc vpc, EndpointService service, boolean privateDns) {
        if (!service.offers(VpcEndpointType.GATEWAY) || !service.offers(VpcEndpointType.INTERFACE)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "PrivateDnsOnlyForInboundResolverEndpoint not supported for this service.");
        }
        if (!privateDns) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                    "PrivateDnsOnlyForInboundResolverEndpoint can only be set to true when private DNS is enabled.");
        }
        boolean hasGateway = transaction.all(ResourceTypes.VPC_ENDPOINT).stream()
                .anyMatch(other -> other.isGateway() && !other.isBeingDeleted() && other.vpcId().equals(vpc.id())
                        && other.serviceName().equals(service.serviceName()));
        if (!hasGateway) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                    "To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC %s must have a Gateway endpoint for the service.", vpc.id());
        }
    }

    /** Checks the endpoint's IP address type against the service and the subnets. */
    static void checkIpAddressType(EndpointService service, List<Subnet> subnets, String ipAddressType) {
        boolean supported = switch (ipAddressType) {
            case "ipv4" -> service.supportedIpAddressTypes().contains("ipv4");
            case "ipv6" -> service.supportedIpAddressTypes().contains("ipv6");
            case "dualstack" -> service.supportedIpAddressTypes().containsAll(List.of("ipv4", "ipv6"));
            default -> throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter IpAddressType is invalid. Valid values are ipv4, dualstack, ipv6.", ipAddressType);
        };
        if (!supported) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "The VPC endpoint service %s does not support the IP address type %s.",
                    service.serviceName(), ipAddressType);
        }
        if (!ipAddressType.equals("ipv4")) {
            for (Subnet subnet : subnets) {
                if (subnet.ipv6CidrAssociations().stream().noneMatch(association -> association.state().equals("associated"))) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER, "IP address type %s requires IPv6 subnets; subnet %s has no IPv6 CIDR block.",
                            ipAddressType, subnet.id());
                }
            }
        }
    }

    /** The DNS record type: the one asked for if the address type allows it, else the address type's own. */
    static String dnsRecordIpType(String ipAddressType, String requested) {
        if (requested == null) {
            return ipAddressType;
        }
        boolean allowed = switch (requested) {
            case "ipv4" -> !ipAddressType.equals("ipv6");
            case "ipv6" -> !ipAddressType.equals("ipv4");
            case "dualstack" -> ipAddressType.equals("dualstack");
            case "service-defined" -> true;
            default -> false;
        };
        if (!allowed) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "DNS record IP type %s is not compatible with the endpoint's IP address type %s.",
                    requested, ipAddressType);
        }
        return requested;
    }
}
