package dev.backlane.core.flowlog;

/** A flow log record's {@code action}: security groups and network ACLs let the traffic through, or one of them dropped it. */
public enum FlowAction {
    ACCEPT,
    REJECT
}
