package dev.backlane.core.logs;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.regex.Pattern;

/**
 * The rules of CloudWatch Logs names, as its model states them, and the log group identifiers that name a
 * group by name or by ARN. A rule broken is AWS's constraint message naming the member.
 */
public final class LogNames {
    /** A log group's ARN in any partition, as destinations name it: region, account and name, with an optional {@code :*}. */
    public static final Pattern GROUP_ARN = Pattern.compile("arn:aws[a-z-]*:logs:([a-z0-9-]+):(\\d{12}):log-group:([\\w#/.-]{1,512})(:\\*)?");

    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");
    private static final int MAX_NAME_LENGTH = 512;

    private LogNames() {}

    public static String requireGroupName(String name, String member) {
        requireLength(name, member);
        if (!GROUP_NAME.matcher(name).matches()) {
            throw constraint(name, member, "Member must satisfy regular expression pattern: " + GROUP_NAME.pattern());
        }
        return name;
    }

    public static String requireStreamName(String name, String member) {
        requireLength(name, member);
        if (!STREAM_NAME.matcher(name).matches()) {
            throw constraint(name, member, "Member must satisfy regular expression pattern: " + STREAM_NAME.pattern());
        }
        return name;
    }

    /**
     * The group a {@code logGroupIdentifier} names: a name, or the group's ARN with or without AWS's {@code :*}
     * suffix. An ARN of another account or region names no group of this scope.
     */
    public static String groupOfIdentifier(String identifier, String account, String region) {
        if (!identifier.startsWith("arn:")) {
            return requireGroupName(identifier, "logGroupIdentifier");
        }
        String prefix = "arn:aws:logs:" + region + ":" + account + ":log-group:";
        String name = identifier.endsWith(":*") ? identifier.substring(0, identifier.length() - 2) : identifier;
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Invalid ARN: %s", identifier);
        }
        return requireGroupName(name.substring(prefix.length()), "logGroupIdentifier");
    }

    private static void requireLength(String name, String member) {
        if (name.isEmpty()) {
            throw constraint(name, member, "Member must have length greater than or equal to 1");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw constraint(name, member, "Member must have length less than or equal to " + MAX_NAME_LENGTH);
        }
    }

    private static AwsException constraint(String value, String member, String constraint) {
        return AwsException.of(ErrorCode.VALIDATION_EXCEPTION, "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: %s",
                value, member, constraint);
    }
}
