package dev.backlane.core.model;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/** The kinds of resource a flow log can watch, with the names of the EC2 model's {@code FlowLogsResourceType}; Backlane models the first three (transit gateways and regional NAT gateways are not modelled). */
public enum FlowLogResourceType implements WireName {
    VPC("VPC"),
    SUBNET("Subnet"),
    NETWORK_INTERFACE("NetworkInterface"),
    TRANSIT_GATEWAY("TransitGateway"),
    TRANSIT_GATEWAY_ATTACHMENT("TransitGatewayAttachment"),
    REGIONAL_NAT_GATEWAY("RegionalNatGateway");

    private final String wireName;

    FlowLogResourceType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static FlowLogResourceType fromWire(String value) {
        return WireName.find(FlowLogResourceType.class, value)
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter ResourceType is invalid.", value));
    }
}
