package dev.backlane.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricDataReaderTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-12-07T12:10:00Z");
    private static final MetricKey BYTES = new MetricKey("AWS/PrivateLinkEndpoints", "BytesProcessed", List.of(new Dimension("VPC Endpoint Id", "vpce-1")));

    private static MetricDataReader reader() {
        MetricStore store = new MetricStore(10, 100);
        for (int minute = 1; minute <= 5; minute++) {
            store.put(SCOPE, List.of(new MetricDatum(BYTES, NOW.minusSeconds(60L * minute), "Bytes", 60, Samples.of(100 * minute, 1))), NOW);
        }
        return new MetricDataReader(store);
    }

    private static MetricDataQuery sum(String id) {
        return MetricDataQuery.metric(id, new MetricDataQuery.MetricStat(BYTES, 60, "Sum", Optional.empty()), Optional.empty(), true);
    }

    @Test
    void resultsComeNewestFirstUnlessAscending() {
        MetricDataReader.Page page = reader().read(SCOPE, List.of(sum("bytes")), NOW.minusSeconds(3600), NOW, false, Optional.empty(),
                Optional.empty(), NOW);
        MetricDataResult result = page.results().get(0);
        assertEquals("bytes", result.id());
        assertEquals("BytesProcessed", result.label());
        assertEquals(List.of(100.0, 200.0, 300.0, 400.0, 500.0), result.values());
        assertEquals(Instant.parse("2026-12-07T12:09:00Z"), result.timestamps().get(0));
        assertEquals(MetricDataResult.Status.COMPLETE, result.status());
        MetricDataResult ascending = reader().read(SCOPE, List.of(sum("bytes")), NOW.minusSeconds(3600), NOW, true, Optional.empty(),
                Optional.empty(), NOW).results().get(0);
        assertEquals(List.of(500.0, 400.0, 300.0, 200.0, 100.0), ascending.values());
    }

    @Test
    void maxDatapointsPagesTheAnswer() {
        MetricDataReader reader = reader();
        MetricDataReader.Page first = reader.read(SCOPE, List.of(sum("a")), NOW.minusSeconds(3600), NOW, false, Optional.of(3), Optional.empty(), NOW);
        assertEquals(List.of(100.0, 200.0, 300.0), first.results().get(0).values());
        assertEquals(MetricDataResult.Status.PARTIAL_DATA, first.results().get(0).status());
        MetricDataReader.Page second = reader.read(SCOPE, List.of(sum("a")), NOW.minusSeconds(3600), NOW, false, Optional.of(3), first.nextToken(),
                NOW);
        assertEquals(List.of(400.0, 500.0), second.results().get(0).values());
        assertEquals(Optional.empty(), second.nextToken());
        AwsException forged = assertThrows(AwsException.class, () -> reader.read(SCOPE, List.of(sum("a")), NOW.minusSeconds(3600), NOW, false,
                Optional.empty(), Optional.of("forged"), NOW));
        assertEquals(ErrorCode.INVALID_NEXT_TOKEN, forged.code());
    }

    @Test
    void queriesAreCheckedBeforeAnyIsRead() {
        MetricDataReader reader = reader();
        MetricDataQuery upper = sum("Bytes");
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(upper), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(sum("a"), sum("a")), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
        MetricDataQuery insights = expression("e", "SELECT AVG(BytesProcessed) FROM \"AWS/PrivateLinkEndpoints\"");
        assertEquals(ErrorCode.UNSUPPORTED, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(sum("a"), insights), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
        MetricDataQuery badStat = MetricDataQuery.metric("a", new MetricDataQuery.MetricStat(BYTES, 60, "Total", Optional.empty()), Optional.empty(),
                true);
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(badStat), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
        MetricDataQuery hidden = MetricDataQuery.metric("a", sum("a").metricStat().get(), Optional.empty(), false);
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(hidden), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
    }

    private static MetricDataQuery expression(String id, String text) {
        return MetricDataQuery.expression(id, text, Optional.empty(), Optional.empty(), true);
    }

    private static MetricDataReader.Page read(MetricDataReader reader, MetricDataQuery... queries) {
        return reader.read(SCOPE, List.of(queries), NOW.minusSeconds(3600), NOW, true, Optional.empty(), Optional.empty(), NOW);
    }

    @Test
    void expressionsAreEvaluatedOverTheMetricsAndOnlyReturnedDataIsAnswered() {
        MetricDataQuery bytes = MetricDataQuery.metric("bytes", sum("bytes").metricStat().get(), Optional.empty(), false);
        MetricDataQuery kilobytes = MetricDataQuery.expression("kib", "bytes / 1024 * 1000", Optional.empty(), Optional.of("KiB x1000"), true);
        MetricDataQuery total = expression("total", "SUM(bytes)");
        MetricDataReader.Page page = read(reader(), bytes, kilobytes, total);
        assertEquals(List.of("kib", "total"), page.results().stream().map(MetricDataResult::id).toList());
        MetricDataResult scaled = page.results().get(0);
        assertEquals("KiB x1000", scaled.label());
        assertEquals(List.of(500 * 1000 / 1024.0, 400 * 1000 / 1024.0, 300 * 1000 / 1024.0, 200 * 1000 / 1024.0, 100 * 1000 / 1024.0),
                scaled.values());
        MetricDataResult line = page.results().get(1);
        // A number is answered as a flat line, one point a period over the hour asked for, labelled with the ID.
        assertEquals("total", line.label());
        assertEquals(60, line.values().size());
        assertEquals(1500.0, line.values().get(0));
    }

    @Test
    void anArrayAnswersOneResultPerSeriesLabelledAfterTheExpression() {
        MetricDataQuery first = MetricDataQuery.metric("m1", sum("m1").metricStat().get(), Optional.of("first"), false);
        MetricDataQuery second = MetricDataQuery.metric("m2", new MetricDataQuery.MetricStat(BYTES, 120, "Maximum", Optional.empty()),
                Optional.of("second"), false);
        MetricDataQuery doubled = MetricDataQuery.expression("e1", "METRICS() * 2", Optional.empty(), Optional.of("Doubled"), true);
        MetricDataQuery period = expression("e2", "PERIOD(m2)");
        List<MetricDataResult> results = read(reader(), first, second, doubled, period).results();
        assertEquals(List.of("e1", "e1", "e2"), results.stream().map(MetricDataResult::id).toList());
        assertEquals(List.of("Doubled first", "Doubled second", "e2"), results.stream().map(MetricDataResult::label).toList());
        assertEquals(List.of(1000.0, 800.0, 600.0, 400.0, 200.0), results.get(0).values());
        assertEquals(120.0, results.get(2).values().get(0));
        // PERIOD's line has the longest period of the request's metrics: 30 points of 120 s over the hour.
        assertEquals(30, results.get(2).values().size());
    }

    @Test
    void divisionByZeroDropsThePointsAndSaysSo() {
        MetricDataQuery bytes = MetricDataQuery.metric("bytes", sum("bytes").metricStat().get(), Optional.empty(), false);
        MetricDataResult result = read(reader(), bytes, expression("e1", "IF(bytes > 250, bytes, 0) / IF(bytes > 250, 1, 0)")).results().get(0);
        assertEquals(List.of(500.0, 400.0, 300.0), result.values());
        assertEquals(List.of(new MetricDataResult.Message("ArithmeticError", MetricDataReader.ARITHMETIC_ERROR)), result.messages());
    }

    @Test
    void badExpressionsAreRefusedAsValidationErrors() {
        MetricDataReader reader = reader();
        assertRefused(reader, "Error in expression e1: Syntax error at position 8: expected an operand at the end.", sum("a"), expression("e1", "a + 2 *"));
        assertRefused(reader, "Error in expression e1: Unrecognized identifier m9: it is not the Id of a query in this request.", sum("a"),
                expression("e1", "a + m9"));
        assertRefused(reader, "Error in expression e2: Circular dependency: e1 -> e2 -> e1.", sum("a"), expression("e1", "e2 + a"),
                expression("e2", "e1 * 2"));
        assertRefused(reader, "Error in expression e1: Unrecognized function NOPE with 1 arguments.", sum("a"), expression("e1", "NOPE(a)"));
        AwsException search = assertThrows(AwsException.class, () -> read(reader, expression("e1", "SEARCH('{AWS/EC2} CPUUtilization', 'Average')")));
        assertEquals(ErrorCode.UNSUPPORTED, search.code());
        assertRefused(reader, "1 validation error detected: Value '' at 'MetricDataQueries.member.2.Expression' failed to satisfy constraint: "
                + "Member must have length between 1 and 2048", sum("a"), expression("e1", ""));
    }

    private static void assertRefused(MetricDataReader reader, String message, MetricDataQuery... queries) {
        AwsException refused = assertThrows(AwsException.class, () -> read(reader, queries));
        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
        assertEquals(message, refused.getMessage());
    }
}
