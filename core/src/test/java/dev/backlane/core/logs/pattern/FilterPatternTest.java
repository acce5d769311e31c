package dev.backlane.core.logs.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of AWS's "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail". */
class FilterPatternTest {
    private static final List<String> UNSTRUCTURED = List.of(
            "[ERROR 400] BAD REQUEST",
            "[ERROR 401] UNAUTHORIZED REQUEST",
            "[ERROR 419] MISSING ARGUMENTS",
            "[ERROR 420] INVALID ARGUMENTS",
            "[INFO 200] OK");

    private static List<String> matching(String pattern, List<String> events) {
        FilterPattern compiled = FilterPattern.parse(pattern);
        return events.stream().filter(compiled::matches).toList();
    }

    @Test
    void aTermMatchesEventsContainingIt() {
        assertEquals(UNSTRUCTURED.subList(0, 4), matching("ERROR", UNSTRUCTURED));
    }

    @Test
    void severalTermsMustAllAppear() {
        assertEquals(UNSTRUCTURED.subList(2, 4), matching("ERROR ARGUMENTS", UNSTRUCTURED));
    }

    @Test
    void questionMarkedTermsMatchAnyOfThem() {
        assertEquals(List.of(UNSTRUCTURED.get(2), UNSTRUCTURED.get(3), UNSTRUCTURED.get(4)), matching("?ARGUMENTS ?OK", UNSTRUCTURED));
    }

    @Test
    void aQuotedPhraseMatchesExactly() {
        assertEquals(List.of(UNSTRUCTURED.get(1)), matching("\"UNAUTHORIZED REQUEST\"", UNSTRUCTURED));
    }

    @Test
    void minusExcludesATerm() {
        assertEquals(UNSTRUCTURED.subList(0, 2), matching("ERROR -ARGUMENTS", UNSTRUCTURED));
    }

    @Test
    void termsAreCaseSensitive() {
        assertEquals(List.of(), matching("error", UNSTRUCTURED));
    }

    @Test
    void anEmptyPatternMatchesEverything() {
        assertEquals(UNSTRUCTURED, matching("", UNSTRUCTURED));
        assertEquals(UNSTRUCTURED, matching("\"\"", UNSTRUCTURED));
    }

    @Test
    void aRegularExpressionBetweenPercentSignsMatchesAnywhere() {
        assertEquals(List.of(UNSTRUCTURED.get(1)), matching("%UNAUTHORIZED%", UNSTRUCTURED));
        assertEquals(UNSTRUCTURED.subList(0, 2), matching("%40[01]%", UNSTRUCTURED));
    }

    @Test
    void aRegularExpressionWithParenthesesIsRefused() {
        AwsException error = assertThrows(AwsException.class, () -> FilterPattern.parse("%(a|b)%"));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, error.code());
    }

    private static final String JSON_EVENT = """
            {"eventType": "UpdateTrail", "sourceIPAddress": "123.123.123.123", "arrayKey": ["value", "another value"],
             "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}], "SomeObject": null, "ThisFlag": true,
             "bandwidth": 80, "latency": 20, "user": {"id": 1, "email": "John.Doe@example.com"},
             "users": [{"id": 2, "email": "John.Doe@example.com"}], "actions": ["GET", "PUT", "DELETE"],
             "coordinates": [[0, 1], [2, 3]]}""";

    private static boolean json(String pattern) {
        return FilterPattern.parse(pattern).matches(JSON_EVENT);
    }

    @Test
    void jsonPatternsCompareStringsNumbersAndWildcards() {
        assertTrue(json("{ $.eventType = \"UpdateTrail\" }"));
        assertFalse(json("{ $.eventType = \"DeleteTrail\" }"));
        assertFalse(json("{ $.sourceIPAddress != 123.123.* }"));
        assertTrue(json("{ $.sourceIPAddress = 123.123.* }"));
        assertTrue(json("{ $.arrayKey[0] = \"value\" }"));
        assertTrue(json("{ $.objectList[1].id = 2 }"));
        assertTrue(json("{ $.bandwidth > 75 }"));
        assertTrue(json("{ $.latency < 50 }"));
        assertFalse(json("{ $.latency >= 50 }"));
        assertTrue(json("{ $.eventType = %Update% }"));
    }

    @Test
    void jsonPatternsTestNullsBooleansAndAbsentFields() {
        assertTrue(json("{ $.SomeObject IS NULL }"));
        assertTrue(json("{ $.SomeOtherObject NOT EXISTS }"));
        assertFalse(json("{ $.eventType NOT EXISTS }"));
        assertTrue(json("{ $.ThisFlag IS TRUE }"));
        assertFalse(json("{ $.ThisFlag IS FALSE }"));
    }

    @Test
    void jsonPatternsCombineWithAndOrAndParentheses() {
        assertTrue(json("{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }"));
        assertTrue(json("{ ($.user.id = 2 && $.users[0].email = \"nonmatch\") || $.actions[2] = \"DELETE\" }"));
        assertFalse(json("{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }"));
        assertTrue(json("{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = 1 && $.actions[2] = DELETE }"));
        assertFalse(json("{ ($.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = 1) && $.actions[2] = nomatch }"));
    }

    @Test
    void aJsonPatternMatchesNoEventThatIsNotJson() {
        assertFalse(FilterPattern.parse("{ $.eventType = \"UpdateTrail\" }").matches("eventType = UpdateTrail"));
    }

    private static final String ACCESS_LOG = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 404 1534";

    @Test
    void spaceDelimitedFieldsCountQuotesAndBracketsAsOne() {
        assertEquals(List.of("127.0.0.1", "-", "frank", "10/Oct/2000:13:25:15 -0700", "GET /apache_pb.gif HTTP/1.0", "404", "1534"),
                DelimitedPattern.fields(ACCESS_LOG));
    }

    @Test
    void spaceDelimitedPatternsTestFieldsByPosition() {
        assertTrue(FilterPattern.parse("[ip, user, username, timestamp, request, status_code, bytes]").matches(ACCESS_LOG));
        assertTrue(FilterPattern.parse("[ip, user, username, timestamp, request = \"*gif*\", status_code = 4*, bytes]").matches(ACCESS_LOG));
        assertFalse(FilterPattern.parse("[ip, user, username, timestamp, request = \"*html*\", status_code = 4*, bytes]").matches(ACCESS_LOG));
        assertTrue(FilterPattern.parse("[ip, user, username, timestamp, request, status_code = 404 || status_code = 410, bytes]")
                .matches(ACCESS_LOG));
        assertTrue(FilterPattern.parse("[ip, user, username, timestamp, request, status_code >= 400 && status_code < 500, bytes > 1000]")
                .matches(ACCESS_LOG));
        assertFalse(FilterPattern.parse("[ip, user, username, timestamp, request, status_code != 404, bytes]").matches(ACCESS_LOG));
    }

    @Test
    void withoutAnEllipsisTheFieldCountMustMatch() {
        assertFalse(FilterPattern.parse("[ip, user, username]").matches(ACCESS_LOG));
        assertTrue(FilterPattern.parse("[ip, user, ...]").matches(ACCESS_LOG));
        assertTrue(FilterPattern.parse("[..., status_code = 404, bytes]").matches(ACCESS_LOG));
        assertTrue(FilterPattern.parse("[ip = 127.0.0.1, ..., bytes = 1534]").matches(ACCESS_LOG));
        assertFalse(FilterPattern.parse("[..., status_code = 200, ...]").matches(ACCESS_LOG));
    }

    @Test
    void manyEllipsesOverManyFieldsStayCheap() {
        String message = "f ".repeat(2_000) + "end";
        String pattern = "[" + "..., ".repeat(30) + "last = nomatch]";
        assertFalse(FilterPattern.parse(pattern).matches(message));
    }

    @Test
    void flowLogRejectsAreFoundByAction() {
        String reject = "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK";
        String accept = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
        String pattern = "[version, account, eni, source, destination, srcport, destport=\"3389\", protocol=\"6\", packets, bytes, "
                + "windowstart, windowend, action=\"REJECT\", flowlogstatus]";
        assertEquals(List.of(reject), matching(pattern, List.of(reject, accept)));
        assertEquals(List.of(reject), matching("[..., action=\"REJECT\", status]", List.of(reject, accept)));
    }

    @Test
    void malformedPatternsAreInvalidParameters() {
        for (String bad : List.of("{ $.a = }", "{ a = 1 }", "[a, b", "{ $.a > abc }", "\"unterminated", "[a = 1 || b = 2]", "- ERROR")) {
            AwsException error = assertThrows(AwsException.class, () -> FilterPattern.parse(bad), bad);
            assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, error.code(), bad);
        }
    }
}
