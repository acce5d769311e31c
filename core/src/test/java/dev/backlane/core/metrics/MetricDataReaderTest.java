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
        return new MetricDataQuery(id, Optional.of(new MetricDataQuery.MetricStat(BYTES, 60, "Sum", Optional.empty())), Optional.empty(),
                Optional.empty(), true);
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
        MetricDataQuery math = new MetricDataQuery("e", Optional.empty(), Optional.of("SUM(METRICS())"), Optional.empty(), true);
        assertEquals(ErrorCode.UNSUPPORTED, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(sum("a"), math), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
        MetricDataQuery badStat = new MetricDataQuery("a", Optional.of(new MetricDataQuery.MetricStat(BYTES, 60, "Total", Optional.empty())),
                Optional.empty(), Optional.empty(), true);
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(badStat), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
        MetricDataQuery hidden = new MetricDataQuery("a", sum("a").metricStat(), Optional.empty(), Optional.empty(), false);
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(AwsException.class,
                () -> reader.read(SCOPE, List.of(hidden), NOW.minusSeconds(60), NOW, false, Optional.empty(), Optional.empty(), NOW)).code());
    }
}
