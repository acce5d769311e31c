package dev.backlane.core.fault;

/**
 * The telemetry an F8 fault loses or delays: VPC flow logs, CloudWatch metrics (the PrivateLink and data-plane
 * metrics) and Route 53 Resolver query logs.
 */
public enum TelemetryKind {
    FLOW_LOGS("flowLogs"),
    METRICS("metrics"),
    QUERY_LOGS("queryLogs");

    private final String wireName;

    TelemetryKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
