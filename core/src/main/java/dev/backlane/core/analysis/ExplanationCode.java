package dev.backlane.core.analysis;

/**
 * Why a path is blocked, or what is worth knowing about it. Codes Reachability Analyzer has keep its
 * names; the others are Backlane's own, for what Reachability Analyzer does not look at (DNS, endpoint
 * states and policies). Each is documented in {@code docs/explanation-codes.md}.
 */
public enum ExplanationCode {
    NO_ROUTE_TO_DESTINATION(Origin.AWS, true, "No route in the route table matches the destination address."),
    BAD_STATE_ROUTE(Origin.AWS, true, "The matching route is a blackhole: its target is gone or detached."),
    BAD_STATE(Origin.AWS, true, "The component is not in a functional state (a NAT gateway pending or deleted, a peering connection not active)."),
    ENI_SG_RULES_MISMATCH(Origin.AWS, true, "No security group rule allows the traffic."),
    SUBNET_ACL_RESTRICTION(Origin.AWS, true, "A network ACL rule denies the traffic or its reply."),
    VPCE_SERVICE_NOT_INSTALLED_IN_AZ(Origin.AWS, true, "The endpoint service is not offered in the Availability Zone of the endpoint interface."),
    IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS(Origin.AWS, true, "The source has no public IPv4 address, so the internet gateway cannot carry its traffic."),
    PCX_REQUIRES_ADDRESS_IN_VPC_CIDR(Origin.AWS, true, "Traffic crosses a peering connection only to an address inside the peer VPC's CIDRs."),
    NO_POSSIBLE_DESTINATION(Origin.AWS, true, "The component cannot deliver the packet to any destination Backlane knows (for example a peer VPC of another account or region that is not loaded)."),
    ELBV2_LISTENERS_MISMATCH(Origin.AWS, true, "The endpoint service's load balancer has no listener that accepts the traffic (protocol and port)."),
    ELBV2_LISTENER_REQUIRES_TG_ACCEPT(Origin.AWS, true, "The listener has no target group that accepts the traffic."),
    ELBV2_LISTENER_HAS_NO_TG(Origin.AWS, true, "The listener's target group has no targets that can take traffic."),
    ELBV2_NO_TARGETS_IN_AZ(Origin.AWS, true, "Cross-zone load balancing is off and the load balancer has no targets in the zone of the endpoint interface."),
    ELB_INSTALLED_AZ_RESTRICTION(Origin.AWS, true, "The targets are only in Availability Zones that are not enabled for the load balancer."),
    DESTINATION_NOT_RESOLVED(Origin.BACKLANE, true, "The destination name does not resolve in the source's VPC."),
    NO_INTERFACE_AT_ADDRESS(Origin.BACKLANE, true, "The address is inside the VPC but no network interface holds it."),
    NO_RETURN_ROUTE(Origin.BACKLANE, true, "The destination's route table has no active route back to the source."),
    ROUTE_TARGET_NOT_ANALYZED(Origin.BACKLANE, true, "The route's target is of a kind Backlane does not follow (transit gateway, appliance, ...)."),
    NAT_GATEWAY_PRIVATE(Origin.BACKLANE, true, "A private NAT gateway cannot reach the internet."),
    ENDPOINT_PENDING_ACCEPTANCE(Origin.BACKLANE, true, "The endpoint waits for the service owner to accept it."),
    ENDPOINT_REJECTED(Origin.BACKLANE, true, "The service owner rejected the endpoint."),
    ENDPOINT_PENDING(Origin.BACKLANE, true, "The endpoint is still being created."),
    ENDPOINT_NOT_AVAILABLE(Origin.BACKLANE, true, "The endpoint is failed, expired, deleting or deleted."),
    ENDPOINT_POLICY_DENIES(Origin.BACKLANE, true, "The endpoint policy does not allow the call."),
    FAULT_SECURITY_GROUP_DROP(Origin.BACKLANE, true, "An injected F2 fault makes the endpoint's security groups drop the traffic."),
    FAULT_ZONE_UNAVAILABLE(Origin.BACKLANE, true, "An injected F3 fault takes the zone of the endpoint's interface down: it does not answer."),
    IDENTITY_POLICY_DENIES(Origin.BACKLANE, true, "The caller's identity policies do not allow the call."),
    RESOURCE_POLICY_DENIES(Origin.BACKLANE, true, "The resource policy does not allow the call."),
    FAULT_PUBLIC_DNS(Origin.BACKLANE, false, "An injected F1 fault replaces the endpoint's private DNS answers by the service's public ones."),
    PRIVATE_DNS_DISABLED(Origin.BACKLANE, false, "An interface endpoint for the service exists in the VPC, but its private DNS is off: the name resolves publicly."),
    VPC_DNS_ATTRIBUTES_DISABLED(Origin.BACKLANE, false, "The VPC's enableDnsSupport or enableDnsHostnames is off, so the endpoint's private DNS name does not apply."),
    PRIVATE_DNS_INBOUND_RESOLVER_ONLY(Origin.BACKLANE, false, "The endpoint's private DNS answers only the inbound Resolver: in the VPC the name resolves to the gateway endpoint's public addresses."),
    AVAILABILITY_ZONE_CROSSED(Origin.AWS, false, "The endpoint has no interface in the source's Availability Zone; traffic crosses zones (cost, and a zone failure cuts it)."),
    TARGETS_FAIL_OPEN(Origin.BACKLANE, false, "No target in reach is healthy: the Network Load Balancer fails open and sends new connections to all of them."),
    SOURCE_WITHOUT_SECURITY_GROUPS(Origin.BACKLANE, false, "The source is a bare address with no network interface, so no security group egress was evaluated.");

    /** Whether Reachability Analyzer has the code, or Backlane made it. */
    public enum Origin {
        AWS,
        BACKLANE
    }

    private final Origin origin;
    private final boolean blocking;
    private final String description;

    ExplanationCode(Origin origin, boolean blocking, String description) {
        this.origin = origin;
        this.blocking = blocking;
        this.description = description;
    }

    public Origin origin() {
        return origin;
    }

    /** Whether the code stops the path; the others only report. */
    public boolean blocking() {
        return blocking;
    }

    public String description() {
        return description;
    }
}
