package dev.backlane.server.traffic;

import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.World;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether a workload's traffic through a NAT gateway crosses between Availability Zones: the workload's network
 * interface is in one zone and the gateway (its subnet) in another, which happens when a subnet routes to a NAT
 * gateway of another zone. Unknown workloads or gateways (gone since) count as not crossing.
 */
public final class NatZoneCrossing implements TrafficLedger.ZoneCrossing {
    private final Supplier<World> world;
    private final Function<String, Optional<Workload>> workloads;

    public NatZoneCrossing(Supplier<World> world, Function<String, Optional<Workload>> workloads) {
        this.world = world;
        this.workloads = workloads;
    }

    @Override
    public boolean crosses(String workloadId, String componentId) {
        Optional<Workload> workload = workloads.apply(workloadId);
        if (workload.isEmpty()) {
            return false;
        }
        World state = world.get();
        Optional<String> workloadZone = state.find(workload.get().scope(), ResourceTypes.NETWORK_INTERFACE, workload.get().networkInterfaceId())
                .map(NetworkInterface::availabilityZone);
        Optional<String> natZone = state.find(workload.get().scope(), ResourceTypes.NAT_GATEWAY, componentId).map(NatGateway::availabilityZone);
        return workloadZone.isPresent() && natZone.isPresent() && !workloadZone.equals(natZone);
    }
}
