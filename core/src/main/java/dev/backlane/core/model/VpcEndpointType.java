package dev.backlane.core.model;

import java.util.Optional;

/** The kinds of VPC endpoint Backlane provides, with the names AWS uses on the wire. */
public enum VpcEndpointType {
    GATEWAY("Gateway"),
    INTERFACE("Interface"),
    GATEWAY_LOAD_BALANCER("GatewayLoadBalancer");

    private final String awsName;

    VpcEndpointType(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    public static Optional<VpcEndpointType> fromAwsName(String name) {
        for (VpcEndpointType type : values()) {
            if (type.awsName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
