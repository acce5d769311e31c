package dev.backlane.server.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.ThrottlingError;
import dev.backlane.core.traffic.TrafficJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.server.traffic.WorkloadDecider;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * F7 at a workload's gateway: a call the path lets through is throttled when an active F7 fault covers it — the
 * workload's account, region, VPC, subnet and zone (of its interface), the endpoint the path leaves through, the
 * service's signing name, the workload, the principal the call is made as — and the fault's gate says so. The call
 * is then answered with the service's own throttling error ({@link ThrottlingError}) and never forwarded.
 */
public final class GatewayThrottling implements WorkloadDecider.Throttling {
    private final Faults faults;
    private final Supplier<WorldIndex> world;

    public GatewayThrottling(Faults faults, Supplier<WorldIndex> world) {
        this.faults = requireNonNull(faults, "faults is null");
        this.world = requireNonNull(world, "world is null");
    }

    @Override
    public Optional<AwsException> throttle(Workload workload, RequestFacts facts, PathResult path, String callerAccount) {
        if (!faults.active().has(FaultKind.F7_THROTTLING)) {
            return Optional.empty();
        }
        FaultSubject subject = FaultSubject.in(workload.scope()).with(Field.WORKLOAD, workload.id())
                .with(Field.NETWORK_INTERFACE, workload.networkInterfaceId()).with(Field.SERVICE, facts.service())
                .with(Field.PRINCIPAL, TrafficJudge.principalOf(workload, callerAccount))
                .with(Field.ENDPOINT, path.via().filter(via -> via.startsWith("vpce-")));
        Optional<NetworkInterface> eni = world.get().scope(workload.scope()).flatMap(index -> index.networkInterface(workload.networkInterfaceId()));
        if (eni.isPresent()) {
            subject = subject.with(Field.VPC, eni.get().vpcId()).with(Field.SUBNET, eni.get().subnetId())
                    .with(Field.ZONE, eni.get().availabilityZone());
        }
        return faults.throttling(subject, facts.operation()).map(fault -> ThrottlingError.of(facts.service()));
    }
}
