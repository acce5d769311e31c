package dev.backlane.core.model;

/**
 * What a target group's targets are, with the names AWS uses on the wire ({@code TargetTypeEnum} of
 * the ELBv2 model): instances, IP addresses, a Lambda function or an Application Load Balancer.
 */
public enum TargetType implements WireName {
    INSTANCE("instance"),
    IP("ip"),
    LAMBDA("lambda"),
    ALB("alb");

    private final String wireName;

    TargetType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
