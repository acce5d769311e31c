package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** An internet gateway, attached to at most one VPC ({@code attachedVpcId} null when detached). */
public record InternetGateway(String id, String attachedVpcId) implements Resource, InVpc {
    @Override
    public String vpcId() {
        return attachedVpcId;
    }

    public InternetGateway {
        requireNonNull(id, "id is null");
    }

    public InternetGateway withAttachedVpc(String vpcId) {
        return new InternetGateway(id, vpcId);
    }
}
