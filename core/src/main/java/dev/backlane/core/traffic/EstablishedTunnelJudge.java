package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Judges a PrivateLink connection that is already open, after the world changed, and says whether AWS would cut it
 * now. The path engine is asked about TCP from the workload's interface to the endpoint interface's address (not its
 * name: an open connection resolved it once) and port, as an established connection ({@link PathQuery#asEstablished()}):
 * security groups are stateful, and connections through interface endpoints and network load balancers are always
 * tracked, so a rule removed from the consumer's, the endpoint's or the load balancer's groups lets them go on. What
 * the engine still finds blocking cuts the connection when AWS stops carrying its packets: the endpoint rejected,
 * deleted or no longer available, a network ACL that now denies it (ACLs are stateless) or a fault (F2, F3). The
 * provider side's own findings (listeners, target health and zones) do not: the load balancer keeps an established
 * flow on the target it chose until the target's deregistration ends it.
 */
public final class EstablishedTunnelJudge {
    /** Why AWS stops carrying an open connection (the data plane's closed events name it). */
    public enum Cut {
        /** The service owner rejected the endpoint. */
        ENDPOINT_REJECTED,
        /** The endpoint, and its network interfaces, were deleted; or it is no longer available. */
        ENDPOINT_DELETED,
        /** A network ACL denies it now: ACLs are stateless. */
        NETWORK_ACL,
        /** An injected fault: the endpoint interface's zone down (F3), its groups dropping (F2). */
        FAULT
    }

    private final PathEngine engine;

    public EstablishedTunnelJudge(PathEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** The question asked for the workload's open connection to the endpoint interface's address and port. */
    public static PathQuery query(Workload workload, String endpointAddress, int port) {
        return PathQuery.of(workload.networkInterfaceId(), endpointAddress, Protocol.TCP, port).inScope(workload.scope()).asEstablished();
    }

    /** Why AWS would end the workload's open connection to the endpoint's address and port on this world; empty when it carries on. */
    public Optional<Cut> judge(WorldIndex world, Workload workload, String endpointAddress, int port, Instant at) {
        requireNonNull(world, "world is null");
        requireNonNull(workload, "workload is null");
        requireNonNull(endpointAddress, "endpointAddress is null");
        requireNonNull(at, "at is null");
        return cutBy(engine.explain(world, query(workload, endpointAddress, port), at));
    }

    /** Whether the path of an open connection, judged again, cuts it, and why. */
    public static Optional<Cut> cutBy(PathResult path) {
        if (path.verdict() != Verdict.BLOCKED) {
            return Optional.empty();
        }
        List<Explanation> explanations = path.explanations();
        for (int i = explanations.size() - 1; i >= 0; i--) {
            ExplanationCode code = explanations.get(i).code();
            if (code.blocking()) {
                return cutBy(code);
            }
        }
        return Optional.empty();
    }

    private static Optional<Cut> cutBy(ExplanationCode code) {
        return switch (code) {
            case ENDPOINT_REJECTED -> Optional.of(Cut.ENDPOINT_REJECTED);
            // The endpoint's interface is gone with it: its address is held by no interface any more.
            case ENDPOINT_NOT_AVAILABLE, NO_INTERFACE_AT_ADDRESS -> Optional.of(Cut.ENDPOINT_DELETED);
            case SUBNET_ACL_RESTRICTION -> Optional.of(Cut.NETWORK_ACL);
            case FAULT_ZONE_UNAVAILABLE, FAULT_SECURITY_GROUP_DROP -> Optional.of(Cut.FAULT);
            // Stateful, or the provider's side: an established flow carries on.
            case ENI_SG_RULES_MISMATCH, ELBV2_LISTENERS_MISMATCH, ELBV2_LISTENER_REQUIRES_TG_ACCEPT, ELBV2_LISTENER_HAS_NO_TG, ELBV2_NO_TARGETS_IN_AZ,
                    ELB_INSTALLED_AZ_RESTRICTION, VPCE_SERVICE_NOT_INSTALLED_IN_AZ, TARGETS_FAIL_OPEN -> Optional.empty();
            // No open connection goes through an endpoint not yet accepted or created.
            case ENDPOINT_PENDING, ENDPOINT_PENDING_ACCEPTANCE -> Optional.empty();
            // An interface endpoint's address is local to the VPC: routes, gateways and peering do not decide it, nor
            // does DNS (the connection has its address) or a policy (a tunnel is not judged by one).
            case NO_ROUTE_TO_DESTINATION, BAD_STATE_ROUTE, BAD_STATE, IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, PCX_REQUIRES_ADDRESS_IN_VPC_CIDR,
                    NO_POSSIBLE_DESTINATION, DESTINATION_NOT_RESOLVED, NO_RETURN_ROUTE, ROUTE_TARGET_NOT_ANALYZED, NAT_GATEWAY_PRIVATE,
                    ENDPOINT_POLICY_DENIES, IDENTITY_POLICY_DENIES, RESOURCE_POLICY_DENIES, FAULT_PUBLIC_DNS, PRIVATE_DNS_DISABLED,
                    VPC_DNS_ATTRIBUTES_DISABLED, PRIVATE_DNS_INBOUND_RESOLVER_ONLY, AVAILABILITY_ZONE_CROSSED, SOURCE_WITHOUT_SECURITY_GROUPS ->
                    Optional.empty();
        };
    }
}
