package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.world.ScopeState;
import java.util.HashSet;
import java.util.Set;

/**
 * Private IPv4 addresses of a subnet. AWS reserves the first four addresses and the last; the rest
 * are free until a network interface takes one. Every resource that needs an address (instances, NAT
 * gateways, endpoint and load balancer interfaces) takes it through a network interface, so the
 * interfaces in the subnet are the addresses in use.
 */
public final class SubnetAddresses {
    public static final int RESERVED_PER_SUBNET = 5;

    private SubnetAddresses() {}

    public static Set<Long> inUse(ScopeState state, Subnet subnet) {
        Set<Long> used = new HashSet<>();
        for (String id : state.idsInVpc(ResourceTypes.NETWORK_INTERFACE, subnet.vpcId())) {
            NetworkInterface networkInterface = state.find(ResourceTypes.NETWORK_INTERFACE, id).orElseThrow();
            if (networkInterface.subnetId().equals(subnet.id())) {
                networkInterface.privateIpAddresses().forEach(address -> used.add(Ipv4Address.parse(address).orElseThrow()));
            }
        }
        return used;
    }

    /** AWS's AvailableIpAddressCount: the subnet's size less the reserved addresses and those in use. */
    public static long availableCount(ScopeState state, Subnet subnet) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow();
        return cidr.size() - RESERVED_PER_SUBNET - inUse(state, subnet).size();
    }

    public static boolean isReserved(Ipv4Cidr cidr, long address) {
        return address < cidr.first() + 4 || address == cidr.last();
    }

    /**
     * An address for a new interface: {@code requested} when given (it must be inside the subnet, not
     * reserved and free), else the lowest free address. {@code alsoTaken} holds addresses this same
     * command has already handed out.
     */
    public static String allocate(ScopeState state, Subnet subnet, String requested, Set<Long> alsoTaken) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow();
        Set<Long> used = inUse(state, subnet);
        used.addAll(alsoTaken);
        if (requested != null) {
            long address = Ipv4Address.parse(requested).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter privateIpAddress is invalid. Invalid format.", requested));
            if (!cidr.contains(address) || isReserved(cidr, address)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Address %s does not fall within the subnet's address range", requested);
            }
            if (used.contains(address)) {
                throw AwsException.of(ErrorCode.INVALID_IP_ADDRESS_IN_USE, "Address %s is in use.", requested);
            }
            return requested;
        }
        for (long address = cidr.first() + 4; address < cidr.last(); address++) {
            if (!used.contains(address)) {
                return Ipv4Address.format(address);
            }
        }
        throw AwsException.of(ErrorCode.INVALID_IP_ADDRESS_NOT_AVAILABLE, "There are not enough free addresses in subnet '%s' to satisfy the requested number of instances.",
                subnet.id());
    }
}
