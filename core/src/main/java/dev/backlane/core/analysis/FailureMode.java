package dev.backlane.core.analysis;

/**
 * The failure modes of the VPC endpoints guide that show in configuration, and the fix for each.
 * F7 (throttling) and F8 (telemetry ingestion) depend on traffic, not configuration, so they are not here.
 *
 * <p>Severities: what stops traffic that should flow is an error (F1: the name resolves to public
 * addresses, which a private subnet cannot reach; F2: the endpoint's groups drop the connection; F4:
 * AccessDenied from the endpoint policy; F6: the private subnets have no route to the service). What
 * works but fails with a zone, or pays cross-zone, is a warning (F3, single-zone endpoints). F5 works and
 * only costs money: info.
 */
public enum FailureMode {
    F1_PUBLIC_DNS("F1", AuditSeverity.ERROR, "Enable private DNS on the endpoint and enableDnsSupport and enableDnsHostnames on the VPC; flush resolver caches."),
    F2_ENDPOINT_SECURITY_GROUP("F2", AuditSeverity.ERROR, "Allow inbound TCP 443 on the endpoint's security groups from the VPC CIDR or the workloads' security groups."),
    F3_ZONE_WITHOUT_ENDPOINT("F3", AuditSeverity.WARNING, "Add a subnet in each zone with workloads to the endpoint, so every zone has an endpoint interface."),
    F4_ENDPOINT_POLICY_DENIES("F4", AuditSeverity.ERROR, "Relax the endpoint policy to allow what the identity policies grant, or narrow the identity policies."),
    F5_NAT_FOR_GATEWAY_SERVICE("F5", AuditSeverity.INFO, "Add a gateway endpoint for the service to the route table: it carries the traffic free instead of the NAT gateway's per-GB processing."),
    F6_ROUTE_TABLE_WITHOUT_GATEWAY_ENDPOINT("F6", AuditSeverity.ERROR, "Associate the gateway endpoint with the route tables of the private subnets."),
    SINGLE_AZ_INTERFACE_ENDPOINT("HA", AuditSeverity.WARNING, "Give the endpoint subnets in at least two zones, so a zone failure does not cut it.");

    private final String label;
    private final AuditSeverity severity;
    private final String fix;

    FailureMode(String label, AuditSeverity severity, String fix) {
        this.label = label;
        this.severity = severity;
        this.fix = fix;
    }

    /** The guide's name for the mode ({@code F1} ...), {@code HA} for single-zone endpoints. */
    public String label() {
        return label;
    }

    public AuditSeverity severity() {
        return severity;
    }

    public String fix() {
        return fix;
    }
}
