package dev.backlane.core.elb;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/**
 * The kind of value an attribute takes, judged from its default: {@code true}/{@code false} keys take
 * booleans, numeric keys take non-negative integers, others take text.
 */
final class AttributeValues {
    private AttributeValues() {}

    static void check(String owner, String key, String current, String value) {
        if (value == null) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "%s attribute '%s' must have a value", owner, key);
        }
        boolean valid;
        if (current.equals("true") || current.equals("false")) {
            valid = value.equals("true") || value.equals("false");
        } else if (!current.isEmpty() && current.chars().allMatch(Character::isDigit)) {
            valid = !value.isEmpty() && value.length() < 10 && value.chars().allMatch(Character::isDigit);
        } else {
            valid = true;
        }
        if (!valid) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "%s attribute '%s' cannot have value '%s'", owner, key, value);
        }
    }
}
