package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.net.Ipv6Cidr;

/** Parses CIDR parameters with the error EC2 gives for a value that is not a CIDR block. */
public final class CidrRules {
    private CidrRules() {}

    public static Ipv4Cidr ipv4(String value, String parameter) {
        return Ipv4Cidr.parse(value).orElseThrow(() -> notCidr(value, parameter));
    }

    /** An IPv4 CIDR whose host bits are cleared rather than refused, as security group and ACL rules take them. */
    public static Ipv4Cidr ipv4Lenient(String value, String parameter) {
        return Ipv4Cidr.parseLenient(value).orElseThrow(() -> notCidr(value, parameter));
    }

    public static Ipv6Cidr ipv6(String value, String parameter) {
        return Ipv6Cidr.parse(value).orElseThrow(() -> notCidr(value, parameter));
    }

    public static Ipv6Cidr ipv6Lenient(String value, String parameter) {
        return Ipv6Cidr.parseLenient(value).orElseThrow(() -> notCidr(value, parameter));
    }

    private static AwsException notCidr(String value, String parameter) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. This is not a valid CIDR block.",
                value, parameter);
    }
}
