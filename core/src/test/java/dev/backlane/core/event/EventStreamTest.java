package dev.backlane.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRcode;
import dev.backlane.core.analysis.DnsRecord;
import dev.backlane.core.analysis.DnsRecordTypes;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    private record Other(String what) implements Event {
    }

    private final EventStream stream = new EventStream();

    @Test
    void nobodyWantsAnythingUntilSomeoneSubscribes() {
        assertFalse(stream.wants(DnsQueryEvent.class));
        stream.publish(new Other("nobody hears this"));
        try (EventStream.Subscription<Event> all = stream.subscribe(Event.class, event -> { })) {
            assertTrue(stream.wants(DnsQueryEvent.class));
        }
        assertFalse(stream.wants(DnsQueryEvent.class));
    }

    @Test
    void subscribersGetOnlyTheirKindAndNothingAfterClosing() {
        List<DnsQueryEvent> queries = new ArrayList<>();
        List<Event> everything = new ArrayList<>();
        EventStream.Subscription<DnsQueryEvent> subscription = stream.subscribe(DnsQueryEvent.class, queries::add);
        stream.subscribe(Event.class, everything::add);
        DnsQueryEvent query = event();
        stream.publish(query);
        stream.publish(new Other("x"));
        subscription.close();
        stream.publish(query);
        assertEquals(List.of(query), queries);
        assertEquals(3, everything.size());
    }

    @Test
    void aThrowingSubscriberIsCountedAndOthersStillHear() {
        List<Event> heard = new ArrayList<>();
        stream.subscribe(Event.class, event -> {
            throw new IllegalStateException("broken");
        });
        stream.subscribe(Event.class, heard::add);
        stream.publish(new Other("x"));
        assertEquals(1, heard.size());
        assertEquals(1, stream.failures());
    }

    @Test
    void dnsQueryEventIsWrittenAsARoute53ResolverQueryLogRecord() {
        assertEquals("{\"version\":\"1.100000\",\"account_id\":\"111122223333\",\"region\":\"us-east-1\",\"vpc_id\":\"vpc-0abc\","
                + "\"query_timestamp\":\"2021-02-04T17:51:55Z\",\"query_name\":\"sts.us-east-1.amazonaws.com.\",\"query_type\":\"A\","
                + "\"query_class\":\"IN\",\"rcode\":\"NOERROR\",\"answers\":[{\"Rdata\":\"10.0.1.5\",\"Type\":\"A\",\"Class\":\"IN\"}],"
                + "\"srcaddr\":\"127.0.0.1\",\"srcport\":\"56067\",\"transport\":\"UDP\",\"srcids\":{\"instance\":\"i-0d15cd0d3example\"}}",
                event().toJson());
    }

    @Test
    void unknownTypesAreNamedAsRfc3597Does() {
        assertEquals("AAAA", DnsRecordTypes.name(28));
        assertEquals("TYPE4000", DnsRecordTypes.name(4000));
        assertEquals(java.util.Optional.of(28), DnsRecordTypes.number("aaaa"));
        assertEquals(java.util.Optional.of(4000), DnsRecordTypes.number("TYPE4000"));
        assertEquals(java.util.Optional.empty(), DnsRecordTypes.number("TYPE99999"));
        assertEquals(java.util.Optional.empty(), DnsRecordTypes.number("BOGUS"));
    }

    private static DnsQueryEvent event() {
        DnsAnswer answer = new DnsAnswer(DnsRcode.NOERROR, List.of(DnsRecord.a("sts.us-east-1.amazonaws.com", 60, 0x0A000105L)), "test");
        return DnsQueryEvent.of(new Scope("111122223333", "us-east-1"), "vpc-0abc", Instant.parse("2021-02-04T17:51:55.123Z"),
                "sts.us-east-1.amazonaws.com", 1, answer, "127.0.0.1", 56067, "UDP", Map.of("instance", "i-0d15cd0d3example"));
    }
}
