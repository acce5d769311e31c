package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.Locale;

/**
 * The protocol and port rules of security group rules. Protocols are names ({@code tcp}, {@code udp},
 * {@code icmp}, {@code icmpv6}, any case), numbers 0-255 or {@code -1}/{@code all}; EC2 keeps the four
 * named protocols by name even when given by number (6 is {@code tcp}). TCP and UDP need a port range
 * 0-65535; ICMP takes a type and code of -1 to 255; other protocols have no ports (-1).
 */
public final class SecurityGroupProtocols {
    public static final String ALL = "-1";

    private SecurityGroupProtocols() {}

    /** A protocol with its ports, checked and normalised. */
    public record ProtocolAndPorts(String protocol, int fromPort, int toPort) {}

    public static String normalize(String protocol) {
        if (protocol == null || protocol.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ipProtocol");
        }
        String lower = protocol.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "-1", "all":
                return ALL;
            case "tcp", "6":
                return "tcp";
            case "udp", "17":
                return "udp";
            case "icmp", "1":
                return "icmp";
            case "icmpv6", "58":
                return "icmpv6";
            default:
                break;
        }
        if (!lower.isEmpty() && lower.length() <= 3 && lower.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(lower);
            if (number <= 255) {
                return Integer.toString(number);
            }
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '%s' for IP protocol. Unknown protocol.", protocol);
    }

    public static ProtocolAndPorts check(String rawProtocol, Integer fromPort, Integer toPort) {
        String protocol = normalize(rawProtocol);
        switch (protocol) {
            case "tcp", "udp" -> {
                if (fromPort == null || toPort == null) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                            "Invalid value 'null' for portRange. Must specify both from and to ports with TCP/UDP.");
                }
                if (fromPort < 0 || fromPort > 65535 || toPort < 0 || toPort > 65535) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                            "Invalid value '%d-%d' for portRange. Ports must be in the range 0-65535.", fromPort, toPort);
                }
                if (fromPort > toPort) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                            "Invalid value '%d-%d' for portRange. The from port must not be greater than the to port.", fromPort, toPort);
                }
                return new ProtocolAndPorts(protocol, fromPort, toPort);
            }
            case "icmp", "icmpv6" -> {
                int type = fromPort == null ? -1 : fromPort;
                int code = toPort == null ? -1 : toPort;
                if (type < -1 || type > 255) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '%d' for icmp type. Must be in the range -1-255.", type);
                }
                if (code < -1 || code > 255) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '%d' for icmp code. Must be in the range -1-255.", code);
                }
                return new ProtocolAndPorts(protocol, type, code);
            }
            default -> {
                return new ProtocolAndPorts(protocol, -1, -1);
            }
        }
    }

    /** Whether the protocol has ports or an ICMP type that DescribeSecurityGroups shows. */
    public static boolean hasPorts(String protocol) {
        return !protocol.equals(ALL);
    }
}
