package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One failure mode found in a VPC: the resources it concerns (the endpoint or route table first) and what was seen. */
public record AuditFinding(FailureMode mode, String vpcId, List<String> resources, String detail) {
    public AuditFinding {
        requireNonNull(mode, "mode is null");
        requireNonNull(vpcId, "vpcId is null");
        resources = List.copyOf(requireNonNull(resources, "resources is null"));
        requireNonNull(detail, "detail is null");
    }

    public AuditSeverity severity() {
        return mode.severity();
    }

    public String fix() {
        return mode.fix();
    }
}
