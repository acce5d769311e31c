package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.net.Ipv6Cidr;
import dev.backlane.core.world.ScopeState;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * IPv6 addresses of a subnet's IPv6 block, as network interfaces take them. As for IPv4, AWS keeps the
 * first four addresses of the block for itself; Backlane hands out the lowest free address after them.
 */
public final class SubnetIpv6Addresses {
    private static final BigInteger RESERVED_AT_START = BigInteger.valueOf(4);

    private SubnetIpv6Addresses() {}

    /**
     * An IPv6 address for an interface in the subnet: {@code requested} when given (it must be in the
     * subnet's block and free), else the lowest free one. {@code alsoTaken} holds addresses this same
     * command has already handed out.
     */
    public static String allocate(ScopeState state, Subnet subnet, String requested, Set<BigInteger> alsoTaken) {
        Ipv6Cidr block = subnet.ipv6CidrAssociations().stream().filter(CidrAssociation::isAssociated).findFirst()
                .map(association -> Ipv6Cidr.parse(association.cidrBlock()).orElseThrow())
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "The subnet '%s' has no IPv6 CIDR block, so IPv6 addresses cannot be assigned in it.", subnet.id()));
        Set<BigInteger> used = inUse(state, subnet);
        used.addAll(alsoTaken);
        if (requested != null) {
            BigInteger address = Ipv6Cidr.parseAddress(requested).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter ipv6Addresses is invalid. Invalid format.", requested));
            if (!block.contains(new Ipv6Cidr(address, 128)) || address.compareTo(block.network().add(RESERVED_AT_START)) < 0) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Address %s does not fall within the subnet's address range", requested);
            }
            if (used.contains(address)) {
                throw AwsException.of(ErrorCode.INVALID_IP_ADDRESS_IN_USE, "Address %s is in use.", requested);
            }
            return format(address);
        }
        BigInteger address = block.network().add(RESERVED_AT_START);
        while (used.contains(address)) {
            address = address.add(BigInteger.ONE);
        }
        return format(address);
    }

    public static BigInteger parse(String address) {
        return Ipv6Cidr.parseAddress(address).orElseThrow();
    }

    private static Set<BigInteger> inUse(ScopeState state, Subnet subnet) {
        Set<BigInteger> used = new HashSet<>();
        for (NetworkInterface networkInterface : state.all(ResourceTypes.NETWORK_INTERFACE)) {
            if (networkInterface.subnetId().equals(subnet.id())) {
                networkInterface.ipv6Addresses().forEach(address -> used.add(parse(address)));
            }
        }
        return used;
    }

    private static String format(BigInteger address) {
        String cidr = new Ipv6Cidr(address, 128).toString();
        return cidr.substring(0, cidr.indexOf('/'));
    }
}
