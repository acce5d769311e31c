package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkAclEntry;

/**
 * How EC2 checks a network ACL entry: rule number 1-32766; protocol {@code -1} or a number 0-255 (names
 * are refused: only the CLI translates them); one IPv4 or IPv6 CIDR; a port range for TCP (6) and UDP
 * (17); an ICMP type and code for ICMP (1) and ICMPv6 (58). Other protocols allow all ports.
 */
public final class NetworkAclEntryRules {
    public static final int MAX_RULE_NUMBER = 32766;

    private NetworkAclEntryRules() {}

    public static NetworkAclEntry entry(NetworkAclCommands.EntryRequest request) {
        checkRuleNumber(request.ruleNumber());
        String protocol = protocol(request.protocol());
        if (request.cidrBlock() == null && request.ipv6CidrBlock() == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter cidrBlock or ipv6CidrBlock");
        }
        if (request.cidrBlock() != null && request.ipv6CidrBlock() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameter cidrBlock cannot be used with the parameter ipv6CidrBlock");
        }
        String cidr = request.cidrBlock() == null ? null : CidrRules.ipv4Lenient(request.cidrBlock(), "cidrBlock").toString();
        String ipv6Cidr = request.ipv6CidrBlock() == null ? null : CidrRules.ipv6Lenient(request.ipv6CidrBlock(), "ipv6CidrBlock").toString();
        Integer fromPort = null;
        Integer toPort = null;
        Integer icmpType = null;
        Integer icmpCode = null;
        switch (protocol) {
            case "6", "17" -> {
                if (request.fromPort() == null || request.toPort() == null) {
                    throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter portRange");
                }
                if (request.fromPort() < 0 || request.toPort() > 65535 || request.fromPort() > request.toPort()) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '%d-%d' for portRange. Must be a valid range of ports 0-65535.",
                            request.fromPort(), request.toPort());
                }
                fromPort = request.fromPort();
                toPort = request.toPort();
            }
            case "1", "58" -> {
                if (request.icmpType() == null || request.icmpCode() == null) {
                    throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter icmpTypeCode");
                }
                if (request.icmpType() < -1 || request.icmpType() > 255 || request.icmpCode() < -1 || request.icmpCode() > 255) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '%d:%d' for icmpTypeCode. Type and code must be -1 to 255.",
                            request.icmpType(), request.icmpCode());
                }
                icmpType = request.icmpType();
                icmpCode = request.icmpCode();
            }
            default -> {
                // Every other protocol covers all ports; AWS ignores a port range given with it.
            }
        }
        return new NetworkAclEntry(request.ruleNumber(), request.egress(), protocol, request.ruleAction(), cidr, ipv6Cidr, icmpType, icmpCode,
                fromPort, toPort);
    }

    public static void checkRuleNumber(int ruleNumber) {
        if (ruleNumber < 1 || ruleNumber > MAX_RULE_NUMBER) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%d) for parameter ruleNumber is invalid. Rule number must be between 1 and %d.", ruleNumber, MAX_RULE_NUMBER);
        }
    }

    /** {@code -1} or a protocol number 0-255, as text without leading zeros. */
    public static String protocol(String value) {
        if (value != null && value.equals("-1")) {
            return value;
        }
        if (value != null && !value.isEmpty() && value.length() <= 3 && value.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(value);
            if (number <= 255) {
                return Integer.toString(number);
            }
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '%s' for IP protocol. Unknown protocol.", value);
    }

}
