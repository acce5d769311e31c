package dev.backlane.core.analysis;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Address;
import java.util.List;
import java.util.Optional;

/**
 * Finds a query's source in the world: an instance (by its primary interface), an interface, or a
 * subnet with an address ({@code subnet-...:10.0.1.5}; the interface holding the address, if any, gives
 * the security groups). Unknown IDs give AWS's not-found errors.
 */
final class SourceResolver {
    private SourceResolver() {}

    static Source resolve(WorldIndex world, Optional<Scope> only, String text) {
        String source = text.trim();
        if (source.startsWith("i-")) {
            for (ScopeIndex index : scopes(world, only)) {
                Optional<NetworkInterface> eni = index.primaryInterfaceOf(source);
                if (eni.isPresent()) {
                    return fromInterface(index, Optional.of(source), eni.get());
                }
            }
            throw AwsException.of(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, "The instance ID '%s' does not exist", source);
        }
        if (source.startsWith("eni-")) {
            for (ScopeIndex index : scopes(world, only)) {
                Optional<NetworkInterface> eni = index.networkInterface(source);
                if (eni.isPresent()) {
                    String instance = eni.get().attachment() == null ? null : eni.get().attachment().instanceId();
                    return fromInterface(index, Optional.ofNullable(instance), eni.get());
                }
            }
            throw ResourceTypes.NETWORK_INTERFACE.notFound(source);
        }
        if (source.startsWith("subnet-")) {
            int separator = Math.max(source.indexOf(':'), source.indexOf('@'));
            if (separator < 0) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "A subnet source needs an address: '%s' should read subnet-...:10.0.1.5", source);
            }
            String subnetId = source.substring(0, separator);
            String addressText = source.substring(separator + 1);
            long address = Ipv4Address.parse(addressText).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Invalid IPv4 address '%s' for the source", addressText));
            for (ScopeIndex index : scopes(world, only)) {
                Optional<Subnet> subnet = index.subnet(subnetId);
                if (subnet.isPresent()) {
                    return fromSubnet(index, subnet.get(), address, addressText);
                }
            }
            throw ResourceTypes.SUBNET.notFound(subnetId);
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                "The source '%s' is not an instance (i-...), a network interface (eni-...) or a subnet and address (subnet-...:ADDRESS)", source);
    }

    private static List<ScopeIndex> scopes(WorldIndex world, Optional<Scope> only) {
        if (only.isPresent()) {
            return world.scope(only.get()).map(List::of).orElse(List.of());
        }
        return List.copyOf(world.scopes());
    }

    private static Source fromInterface(ScopeIndex index, Optional<String> instanceId, NetworkInterface eni) {
        Subnet subnet = index.subnet(eni.subnetId()).orElseThrow(() -> ResourceTypes.SUBNET.notFound(eni.subnetId()));
        Vpc vpc = index.vpc(subnet.vpcId()).orElseThrow(() -> ResourceTypes.VPC.notFound(subnet.vpcId()));
        long address = Ipv4Address.parse(eni.privateIpAddress()).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                "The interface %s has no IPv4 address", eni.id()));
        return new Source(index, instanceId, Optional.of(eni), subnet, vpc, address, eni.groupIds(), index.publicIp(eni.id()));
    }

    private static Source fromSubnet(ScopeIndex index, Subnet subnet, long address, String addressText) {
        Vpc vpc = index.vpc(subnet.vpcId()).orElseThrow(() -> ResourceTypes.VPC.notFound(subnet.vpcId()));
        boolean inSubnet = dev.backlane.core.net.Ipv4Cidr.parseLenient(subnet.cidrBlock()).map(cidr -> cidr.contains(address)).orElse(false);
        if (!inSubnet) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The address %s is not in subnet %s (%s)", addressText, subnet.id(),
                    subnet.cidrBlock());
        }
        Optional<NetworkInterface> eni = index.interfaceAt(vpc.id(), address).filter(found -> found.subnetId().equals(subnet.id()));
        if (eni.isPresent()) {
            String instance = eni.get().attachment() == null ? null : eni.get().attachment().instanceId();
            return new Source(index, Optional.ofNullable(instance), eni, subnet, vpc, address, eni.get().groupIds(),
                    index.publicIp(eni.get().id()));
        }
        return new Source(index, Optional.empty(), Optional.empty(), subnet, vpc, address, List.of(), Optional.empty());
    }
}
