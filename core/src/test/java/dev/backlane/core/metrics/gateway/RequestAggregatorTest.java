package dev.backlane.core.metrics.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.GatewayRequestEvent.Outcome;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import dev.backlane.core.metrics.Samples;
import dev.backlane.core.metrics.Statistic;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.RequestFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestAggregatorTest {
    private static final Scope SCOPE = new Scope("111111111111", "us-east-1");
    private static final Instant MINUTE = Instant.parse("2026-12-07T12:00:00Z");

    private static GatewayRequestEvent call(String service, String operation, int status, Optional<String> errorCode, long latencyMillis, int second) {
        Optional<RequestFacts> facts = service.isEmpty() ? Optional.empty()
                : Optional.of(new RequestFacts(service, "us-east-1", Optional.empty(), service + ".us-east-1.amazonaws.com", operation, "", "*"));
        return new GatewayRequestEvent("w-1", "127.0.0.1", 50000, "POST", facts, Optional.empty(), Optional.empty(), Optional.empty(),
                Outcome.FORWARDED, status, 100, 100, MINUTE.plusSeconds(second), latencyMillis * 1_000_000L, Optional.empty(), errorCode);
    }

    /** metric name and dimensions ("Service=s3,Action=GetObject") -> samples. */
    private static Map<String, Samples> byKey(List<PrivateLinkAggregator.Published> published) {
        return published.stream().map(PrivateLinkAggregator.Published::datum).collect(Collectors.toMap(
                datum -> datum.key().metricName() + " " + datum.key().dimensions().stream().map(d -> d.name() + "=" + d.value())
                        .collect(Collectors.joining(",")), MetricDatum::samples, Samples::merge));
    }

    @Test
    void callsAreCountedAndTimedByServiceActionStatusAndErrorCode() {
        RequestAggregator aggregator = new RequestAggregator(100);
        aggregator.request(SCOPE, call("s3", "GetObject", 200, Optional.empty(), 10, 1));
        aggregator.request(SCOPE, call("s3", "GetObject", 200, Optional.empty(), 30, 2));
        aggregator.request(SCOPE, call("s3", "GetObject", 404, Optional.of("NoSuchKey"), 5, 3));
        aggregator.request(SCOPE, call("sqs", "SendMessage", 200, Optional.empty(), 7, 4));
        aggregator.request(SCOPE, call("", "", 400, Optional.empty(), 1, 5));
        assertTrue(aggregator.flush(MINUTE.plusSeconds(59)).isEmpty(), "the minute has not ended");
        List<PrivateLinkAggregator.Published> published = aggregator.flush(MINUTE.plusSeconds(60));
        assertTrue(published.stream().allMatch(p -> p.scope().equals(SCOPE) && p.datum().key().namespace().equals("Backlane/Requests")
                && p.datum().timestamp().equals(MINUTE)));
        Map<String, Samples> metrics = byKey(published);

        assertEquals(3, metrics.get("Requests Service=s3").sum());
        assertEquals(3, metrics.get("Requests Action=GetObject,Service=s3").sampleCount());
        assertEquals(2, metrics.get("Requests Action=GetObject,Service=s3,StatusCode=200").sum());
        assertEquals(1, metrics.get("Requests Action=GetObject,ErrorCode=NoSuchKey,Service=s3").sum());
        assertEquals(1, metrics.get("Requests Action=Unknown,Service=Unknown,StatusCode=400").sum(), "an unclassified request");
        Samples latency = metrics.get("Latency Action=GetObject,Service=s3");
        assertEquals(45, latency.sum());
        assertEquals(30, latency.maximum());
        assertEquals(Optional.of(10.0), latency.value(Statistic.of("p50").orElseThrow()));
        assertEquals("Milliseconds", published.stream().filter(p -> p.datum().key().metricName().equals("Latency")).findFirst().orElseThrow()
                .datum().unit());
        assertEquals(5 + 3 + 3, metrics.size() / 2, "s3: by service, action, two statuses and one error code; sqs and Unknown: 3 each");
    }

    @Test
    void combinationsPastTheCapAreCountedAsOtherKeepingTheirStatus() {
        RequestAggregator aggregator = new RequestAggregator(2);
        assertEquals("GetObject", aggregator.request(SCOPE, call("s3", "GetObject", 200, Optional.empty(), 1, 1)).action());
        aggregator.request(SCOPE, call("s3", "PutObject", 200, Optional.empty(), 1, 2));
        RequestMetrics.Key third = aggregator.request(SCOPE, call("sqs", "SendMessage", 500, Optional.of("InternalError"), 1, 3));
        assertEquals(new RequestMetrics.Key(SCOPE, "Other", "Other", 500, Optional.of("Other")), third);
        assertEquals("GetObject", aggregator.request(SCOPE, call("s3", "GetObject", 200, Optional.empty(), 1, 4)).action(), "known: kept as it is");
        assertEquals(1, aggregator.folded());
        Map<String, Samples> metrics = byKey(aggregator.flush(MINUTE.plusSeconds(60)));
        assertEquals(1, metrics.get("Requests Action=Other,Service=Other,StatusCode=500").sum());
        assertEquals(2, metrics.get("Requests Action=GetObject,Service=s3").sum());
    }

    @Test
    void pastTwoThousandDistinctLatenciesAMinuteKeepsItsStatisticsButNotItsPercentiles() {
        RequestAggregator aggregator = new RequestAggregator(10);
        double sum = 0;
        // 2,700 latencies distinct to three significant digits: 0.100-0.999 ms, 1.00-9.99 ms, 10.0-99.9 ms.
        for (long step : new long[] {1_000, 10_000, 100_000}) {
            for (long i = 100; i <= 999; i++) {
                GatewayRequestEvent event = call("s3", "GetObject", 200, Optional.empty(), 0, 1);
                aggregator.request(SCOPE, new GatewayRequestEvent(event.workloadId(), event.clientAddress(), event.clientPort(), event.method(),
                        event.facts(), event.verdict(), event.via(), event.explanationCode(), event.outcome(), event.status(), event.bytesIn(),
                        event.bytesOut(), event.start(), i * step, event.destination(), event.errorCode()));
                sum += i * step / 1e6;
            }
        }
        Samples latency = byKey(aggregator.flush(MINUTE.plusSeconds(60))).get("Latency Service=s3");
        assertEquals(2_700, latency.sampleCount());
        assertEquals(sum, latency.sum(), 1e-6);
        assertEquals(99.9, latency.maximum());
        assertEquals(0.1, latency.minimum());
        assertEquals(Optional.empty(), latency.value(Statistic.of("p50").orElseThrow()), "too many distinct values for percentiles");
    }

    @Test
    void latencyIsKeptToThreeSignificantDigits() {
        assertEquals(12.3, RequestAggregator.milliseconds(12_345_678));
        assertEquals(1230, RequestAggregator.milliseconds(1_234_567_890));
        assertEquals(0.0457, RequestAggregator.milliseconds(45_678));
    }

    @Test
    void theCurrentMinuteCanBeGivenOutEarlyAndTheRestFollows() {
        RequestAggregator aggregator = new RequestAggregator(10);
        aggregator.request(SCOPE, call("s3", "GetObject", 200, Optional.empty(), 1, 10));
        assertEquals(1, byKey(aggregator.flushIncludingCurrent(MINUTE.plusSeconds(20))).get("Requests Service=s3").sum());
        aggregator.request(SCOPE, call("s3", "GetObject", 200, Optional.empty(), 1, 30));
        assertEquals(1, byKey(aggregator.flush(MINUTE.plusSeconds(60))).get("Requests Service=s3").sum(), "only the call after the early flush");
        assertTrue(aggregator.flush(MINUTE.plusSeconds(180)).isEmpty());
    }
}
