package dev.backlane.core.elb;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/** ELBv2's rules for load balancer and target group names: 1 to 32 letters, digits and hyphens, no hyphen at either end. */
public final class ElbNames {
    public static final int MAX_LENGTH = 32;

    private ElbNames() {}

    public static void checkLoadBalancerName(String name) {
        check(name, "Load balancer");
        if (name.startsWith("internal-")) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Load balancer name '%s' cannot begin with 'internal-'", name);
        }
    }

    public static void checkTargetGroupName(String name) {
        check(name, "Target group");
    }

    private static void check(String name, String kind) {
        if (name == null || name.isEmpty()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "%s name cannot be empty", kind);
        }
        if (name.length() > MAX_LENGTH) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "%s name '%s' cannot be longer than '%d' characters", kind, name, MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!allowed) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                        "%s name '%s' can only contain characters that are alphanumeric characters or hyphens(-)", kind, name);
            }
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "%s name '%s' cannot begin or end with '-' character", kind, name);
        }
    }
}
