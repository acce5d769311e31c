package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * An entry of a network ACL: rule number (1-32766, or 32767 for the unchangeable {@code *} rule),
 * direction, protocol ({@code -1} or a number as text), allow or deny, an IPv4 or IPv6 CIDR, and the
 * port range or ICMP type and code when the protocol has them.
 */
public record NetworkAclEntry(
        int ruleNumber,
        boolean egress,
        String protocol,
        String ruleAction,
        String cidrBlock,
        String ipv6CidrBlock,
        Integer icmpType,
        Integer icmpCode,
        Integer fromPort,
        Integer toPort) {

    public static final int DEFAULT_RULE_NUMBER = 32767;

    public NetworkAclEntry {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(ruleAction, "ruleAction is null");
    }

    public boolean isDefaultRule() {
        return ruleNumber == DEFAULT_RULE_NUMBER;
    }
}
