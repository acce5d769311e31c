package dev.backlane.server.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.CallError;
import dev.backlane.core.traffic.TrafficJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.dataplane.gateway.ConnectionTraffic;
import dev.backlane.server.traffic.WorkloadDecider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The faults a workload's gateway carries out itself. Faults that answer calls: a call the path lets through fails when an active F7,
 * {@code API_INTERNAL_ERROR} or {@code API_UNAVAILABLE} fault covers it — the workload's account, region, VPC, subnet
 * and zone (of its interface), the endpoint the path leaves through, the service's signing name, the workload, the
 * principal the call is made as — and the fault's gate says so. The call is then answered with the service's own
 * error ({@link CallError}: its throttle, its 500 or its 503) and never forwarded. Faults on connections: the toxics
 * ({@code TOXIC}, F7's added latency) and F6 faults covering the workload and what a connection carries (its service,
 * its endpoint) act on its bytes.
 */
public final class GatewayCallErrors implements WorkloadDecider.InjectedFaults {
    private final Faults faults;
    private final Supplier<WorldIndex> world;

    public GatewayCallErrors(Faults faults, Supplier<WorldIndex> world) {
        this.faults = requireNonNull(faults, "faults is null");
        this.world = requireNonNull(world, "world is null");
    }

    @Override
    public Optional<AwsException> throttle(Workload workload, RequestFacts facts, PathResult path, String callerAccount) {
        if (faults.active().isEmpty()) {
            return Optional.empty();
        }
        FaultSubject subject = of(workload).with(Field.SERVICE, facts.service()).with(Field.PRINCIPAL, TrafficJudge.principalOf(workload, callerAccount))
                .with(Field.ENDPOINT, path.via().filter(via -> via.startsWith("vpce-")));
        return faults.answering(subject, facts.operation()).map(fault -> errorOf(fault.kind()).of(facts.service()));
    }

    @Override
    public List<Fault> connectionFaults(Workload workload, ConnectionTraffic traffic) {
        FaultSet active = faults.active();
        if (!active.actsOnConnections()) {
            return List.of();
        }
        FaultSubject subject = of(workload).with(Field.SERVICE, traffic.service()).with(Field.ENDPOINT, traffic.endpoint());
        List<Fault> acting = new ArrayList<>(active.toxics(subject));
        acting.addAll(active.all(FaultKind.F6_ASYMMETRIC_ROUTING, subject));
        return acting;
    }

    /** What faults know of a workload's traffic before the call: the workload, its interface and where that interface is. */
    private FaultSubject of(Workload workload) {
        FaultSubject subject = FaultSubject.in(workload.scope()).with(Field.WORKLOAD, workload.id()).with(Field.NETWORK_INTERFACE,
                workload.networkInterfaceId());
        Optional<NetworkInterface> eni = world.get().scope(workload.scope()).flatMap(index -> index.networkInterface(workload.networkInterfaceId()));
        if (eni.isPresent()) {
            subject = subject.with(Field.VPC, eni.get().vpcId()).with(Field.SUBNET, eni.get().subnetId()).with(Field.ZONE, eni.get().availabilityZone());
        }
        return subject;
    }

    /** The error a fault that answers calls makes the service give. */
    static CallError errorOf(FaultKind kind) {
        return switch (kind) {
            case F7_THROTTLING -> CallError.THROTTLING;
            case API_INTERNAL_ERROR -> CallError.INTERNAL_ERROR;
            case API_UNAVAILABLE -> CallError.SERVICE_UNAVAILABLE;
            case F1_PUBLIC_DNS, F2_SECURITY_GROUP_DROP, F3_ZONE_UNAVAILABLE, F4_POLICY_DENY, F5_COST_SPIKE, F6_ASYMMETRIC_ROUTING, F8_TELEMETRY_LOSS,
                    TOXIC -> throw new IllegalArgumentException(kind.label() + " faults do not answer calls");
        };
    }
}
