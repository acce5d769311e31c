package dev.backlane.core.model;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/** Which traffic a flow log records: what security groups and network ACLs accepted, what they rejected, or both. */
public enum FlowLogTrafficType implements WireName {
    ACCEPT("ACCEPT"),
    REJECT("REJECT"),
    ALL("ALL");

    private final String wireName;

    FlowLogTrafficType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static FlowLogTrafficType fromWire(String value) {
        return WireName.find(FlowLogTrafficType.class, value)
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter TrafficType is invalid.", value));
    }
}
