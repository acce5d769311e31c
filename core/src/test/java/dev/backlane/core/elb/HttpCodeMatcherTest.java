package dev.backlane.core.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health check matchers as AWS writes them: codes, ranges and lists of both, within 200-599. */
class HttpCodeMatcherTest {
    @Test
    void aListOfRangesAndCodesMatchesEachAndNothingElse() {
        HttpCodeMatcher matcher = HttpCodeMatcher.parse("200-399,404");

        assertEquals(List.of(new HttpCodeMatcher.Range(200, 399), new HttpCodeMatcher.Range(404, 404)), matcher.ranges());
        assertTrue(matcher.matches(200));
        assertTrue(matcher.matches(399));
        assertTrue(matcher.matches(404));
        assertFalse(matcher.matches(400));
        assertFalse(matcher.matches(500));
    }

    @Test
    void aSingleCodeMatchesOnlyItself() {
        HttpCodeMatcher matcher = HttpCodeMatcher.parse("202");

        assertTrue(matcher.matches(202));
        assertFalse(matcher.matches(200));
    }

    @Test
    void malformedOrOutOfRangeMatchersAreAValidationErrorNamingTheValue() {
        for (String bad : List.of("", "abc", "200-", "399-200", "199", "600", "200,,404", "200-300-400", "2000")) {
            AwsException refused = assertThrows(AwsException.class, () -> HttpCodeMatcher.parse(bad), bad);
            assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
            assertTrue(refused.getMessage().contains("'" + bad + "'"), refused.getMessage());
        }
    }
}
