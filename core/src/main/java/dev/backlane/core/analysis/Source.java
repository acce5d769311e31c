package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import java.util.List;
import java.util.Optional;

/**
 * Where a path starts: the scope, the instance and interface when there are, the subnet and VPC, the
 * private address, the security groups and the public address the internet would see.
 */
record Source(ScopeIndex index, Optional<String> instanceId, Optional<NetworkInterface> networkInterface, Subnet subnet, Vpc vpc,
        long address, List<String> groups, Optional<String> publicIp) {
    Source {
        requireNonNull(index, "index is null");
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(networkInterface, "networkInterface is null");
        requireNonNull(subnet, "subnet is null");
        requireNonNull(vpc, "vpc is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(publicIp, "publicIp is null");
    }

    /** The component the source is named by: the instance, else the interface, else the subnet. */
    String componentId() {
        return instanceId.orElseGet(() -> networkInterface.map(NetworkInterface::id).orElse(subnet.id()));
    }
}
