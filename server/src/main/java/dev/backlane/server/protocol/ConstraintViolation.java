package dev.backlane.server.protocol;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.Collection;
import java.util.Locale;

/**
 * The {@code ValidationError} that services speaking the Query protocol (ELBv2, STS) answer when a
 * value breaks a constraint of their model, in AWS's words:
 * {@code 1 validation error detected: Value 'http' at 'protocol' failed to satisfy constraint: Member
 * must satisfy enum value set: [HTTP, HTTPS, ...]}. The member is named by its path in the model's
 * lower-camel form, a list element as {@code tags.1.member.key}.
 */
public final class ConstraintViolation {
    private static final String DETECTED = "1 validation error detected: ";

    private ConstraintViolation() {}

    public static AwsException enumValue(String value, String wirePath, Collection<String> allowed) {
        return AwsException.of(ErrorCode.VALIDATION_ERROR, DETECTED + "Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]",
                value, memberPath(wirePath), String.join(", ", allowed));
    }

    static AwsException lengthAtLeast(String wirePath, String bound) {
        return AwsException.of(ErrorCode.VALIDATION_ERROR, DETECTED + "Value at '%s' failed to satisfy constraint: Member must have length greater than or equal to %s",
                memberPath(wirePath), bound);
    }

    static AwsException lengthAtMost(String wirePath, String bound) {
        return AwsException.of(ErrorCode.VALIDATION_ERROR, DETECTED + "Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %s",
                memberPath(wirePath), bound);
    }

    /** {@code DefaultActions.member.1.Type} as AWS names it in these messages: {@code defaultActions.1.member.type}. */
    static String memberPath(String wirePath) {
        String[] parts = wirePath.split("\\.");
        StringBuilder path = new StringBuilder(wirePath.length());
        for (int i = 0; i < parts.length; i++) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            if (parts[i].equals("member") && i + 1 < parts.length && isIndex(parts[i + 1])) {
                path.append(parts[i + 1]).append(".member");
                i++;
            } else if (isIndex(parts[i]) || parts[i].isEmpty()) {
                path.append(parts[i]);
            } else {
                path.append(parts[i].substring(0, 1).toLowerCase(Locale.ROOT)).append(parts[i], 1, parts[i].length());
            }
        }
        return path.toString();
    }

    private static boolean isIndex(String part) {
        return !part.isEmpty() && part.chars().allMatch(Character::isDigit);
    }
}
