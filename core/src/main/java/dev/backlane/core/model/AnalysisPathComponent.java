package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * One component of an analysed path as Network Insights reports it: its sequence number, ID and kind,
 * a readable sentence, and the route, security group rule or network ACL rule that decided, when one did
 * (the others null).
 */
public record AnalysisPathComponent(int sequenceNumber, String componentId, String componentType, String detail, Route route,
        String routeState, String securityGroupId, SecurityGroupRule securityGroupRule, String networkAclId, NetworkAclEntry aclRule) {
    public AnalysisPathComponent {
        requireNonNull(componentId, "componentId is null");
        requireNonNull(componentType, "componentType is null");
        requireNonNull(detail, "detail is null");
    }
}
