package dev.backlane.core.model;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/**
 * Whether a NAT gateway reaches the internet (public, through an Elastic IP) or only other networks
 * (private), with the names AWS uses on the wire ({@code ConnectivityType} of the EC2 model).
 */
public enum ConnectivityType implements WireName {
    PUBLIC("public"),
    PRIVATE("private");

    private final String wireName;

    ConnectivityType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static ConnectivityType fromWire(String value) {
        return WireName.find(ConnectivityType.class, value)
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter ConnectivityType is invalid.",
                        value));
    }
}
