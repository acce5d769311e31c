package dev.backlane.server.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogLineTest {
    private static final Instant TIME = Instant.parse("2026-12-07T09:40:01.123456Z");

    @Test
    void retriedSdkCallIsOneLogfmtLineWithItsAttempt() {
        RequestRecord record = new RequestRecord(TIME, "5f0c", "000000000000", "us-east-1", "ec2", "AuthorizeSecurityGroupEgress",
                List.of("sg-0123456789abcdef0"), 400, "InvalidPermission.Duplicate", 1_234_567, "d1f0e7c2-aaaa", "attempt=2; max=3",
                "127.0.0.1:53422", true);
        assertEquals("time=2026-12-07T09:40:01.123456Z request_id=5f0c account=000000000000 region=us-east-1 service=ec2 "
                + "action=AuthorizeSecurityGroupEgress ids=sg-0123456789abcdef0 status=400 error=InvalidPermission.Duplicate latency_ms=1.234 "
                + "invocation_id=d1f0e7c2-aaaa attempt=2 max_attempts=3 client=127.0.0.1:53422 sent=true", new RequestLogLine().format(record));
    }

    @Test
    void fieldsACallDidNotHaveAreLeftOut() {
        RequestRecord record = new RequestRecord(TIME, "r", "000000000000", "us-east-1", "sts", "GetCallerIdentity", List.of(), 200, null,
                5_000, null, null, null, false);
        assertEquals("time=2026-12-07T09:40:01.123456Z request_id=r account=000000000000 region=us-east-1 service=sts "
                + "action=GetCallerIdentity status=200 latency_ms=0.005 sent=false", new RequestLogLine().format(record));
    }

    @Test
    void valuesWithSpacesQuotesOrEqualsAreQuotedAndEscaped() {
        RequestRecord record = new RequestRecord(TIME, "r", "a b", "us-east-1", "ec2", "", List.of(), 400, "x=\"y\"", 0, null,
                "retry later", null, true);
        assertEquals("time=2026-12-07T09:40:01.123456Z request_id=r account=\"a b\" region=us-east-1 service=ec2 action=\"\" status=400 "
                + "error=\"x=\\\"y\\\"\" latency_ms=0.000 sdk_request=\"retry later\" sent=true", new RequestLogLine().format(record));
    }

    @Test
    void timeKeepsMicrosecondsWithinASecondAndAcrossSeconds() {
        RequestLogLine lines = new RequestLogLine();
        assertEquals("time=2026-12-07T09:40:01.000005Z", time(lines, Instant.parse("2026-12-07T09:40:01.000005Z")));
        assertEquals("time=2026-12-07T09:40:01.999999Z", time(lines, Instant.parse("2026-12-07T09:40:01.999999Z")));
        assertEquals("time=2026-12-07T09:40:02.000000Z", time(lines, Instant.parse("2026-12-07T09:40:02Z")));
        assertEquals("time=2026-12-07T09:40:01.500000Z", time(lines, Instant.parse("2026-12-07T09:40:01.5Z")));
    }

    private static String time(RequestLogLine lines, Instant time) {
        String line = lines.format(new RequestRecord(time, "r", "a", "r", "s", null, List.of(), 200, null, 0, null, null, null, true));
        return line.substring(0, line.indexOf(' '));
    }
}
