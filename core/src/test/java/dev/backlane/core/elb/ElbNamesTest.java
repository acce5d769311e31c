package dev.backlane.core.elb;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class ElbNamesTest {
    @Test
    void loadBalancerNamesAreLettersDigitsAndInnerHyphens() {
        assertDoesNotThrow(() -> ElbNames.checkLoadBalancerName("my-lb-1"));
        assertDoesNotThrow(() -> ElbNames.checkLoadBalancerName("a".repeat(32)));
        assertRefused("a".repeat(33), "Load balancer name '" + "a".repeat(33) + "' cannot be longer than '32' characters");
        assertRefused("-lb", "Load balancer name '-lb' cannot begin or end with '-' character");
        assertRefused("lb-", "Load balancer name 'lb-' cannot begin or end with '-' character");
        assertRefused("my.lb", "Load balancer name 'my.lb' can only contain characters that are alphanumeric characters or hyphens(-)");
        assertRefused("internal-lb", "Load balancer name 'internal-lb' cannot begin with 'internal-'");
    }

    @Test
    void targetGroupsMayStartWithInternal() {
        assertDoesNotThrow(() -> ElbNames.checkTargetGroupName("internal-tg"));
        AwsException error = assertThrows(AwsException.class, () -> ElbNames.checkTargetGroupName(""));
        assertEquals(ErrorCode.VALIDATION_ERROR, error.code());
    }

    private static void assertRefused(String name, String message) {
        AwsException error = assertThrows(AwsException.class, () -> ElbNames.checkLoadBalancerName(name));
        assertEquals(ErrorCode.VALIDATION_ERROR, error.code());
        assertEquals(message, error.getMessage());
    }
}
