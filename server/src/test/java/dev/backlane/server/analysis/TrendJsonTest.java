package dev.backlane.server.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SliWindow;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:30Z");
    private static final SliKey S3 = new SliKey(SliKey.Kind.SERVICE, "s3");
    private final SliBook book = new SliBook(100);

    @Test
    void anHourIsTwelvePointsOfFiveMinutesEachWithItsCallsAndItsServicesP95() {
        book.request(NOW.minusSeconds(20 * 60), List.of(S3), 200, 40_000_000, 100);
        book.request(NOW.minusSeconds(60), List.of(S3), 200, 8_000_000, 100);
        book.request(NOW.minusSeconds(50), List.of(S3), 503, 8_000_000, 100);
        JsonNode trend = TrendJson.trend(book, SliWindow.ONE_HOUR, NOW, WorldIndex.of(World.empty()));
        assertEquals("PT5M", trend.path("step").asText());
        JsonNode points = trend.path("points");
        assertEquals(12, points.size());
        assertEquals(NOW.toString(), points.get(11).path("end").asText());
        assertEquals(NOW.minusSeconds(300).toString(), points.get(11).path("start").asText());
        assertEquals(2, points.get(11).path("calls").asLong());
        assertEquals(1, points.get(11).path("errors").asLong(), "the 503");
        assertEquals(0, points.get(11).path("throttled").asLong());
        assertEquals(1, points.get(7).path("calls").asLong(), "twenty minutes ago is the fourth step back");
        assertEquals(40, points.get(7).path("p95Millis").path("s3").asDouble(), 40 * 0.05, "within the histogram's 4.5%");
        assertEquals(8, points.get(11).path("p95Millis").path("s3").asDouble(), 8 * 0.05);
        assertFalse(points.get(0).path("p95Millis").has("s3"), "no calls, no latency");
        assertEquals(0, points.get(11).path("monthlyCost").decimalValue().signum(), "a world without endpoints costs nothing");
    }

    @Test
    void eachStepCountsItsErrorsApartFromItsThrottledCalls() {
        book.request(NOW.minusSeconds(30), List.of(S3), 200, 1_000_000, 100);
        book.request(NOW.minusSeconds(30), List.of(S3), 404, 1_000_000, 100);
        book.request(NOW.minusSeconds(30), List.of(S3), 429, 1_000_000, 100);
        book.request(NOW.minusSeconds(30), List.of(S3), 429, 1_000_000, 100);
        book.request(NOW.minusSeconds(90), List.of(S3), 500, 1_000_000, 100);
        JsonNode points = TrendJson.trend(book, SliWindow.FIVE_MINUTES, NOW, WorldIndex.of(World.empty())).path("points");
        assertEquals(5, points.size());
        JsonNode last = points.get(4);
        assertEquals(4, last.path("calls").asLong());
        assertEquals(1, last.path("errors").asLong(), "the 404; a 429 is no error here");
        assertEquals(2, last.path("throttled").asLong());
        assertEquals(1, points.get(3).path("errors").asLong(), "the 500, a minute earlier");
        assertEquals(0, points.get(0).path("errors").asLong());
    }

    @Test
    void aMonthIsThirtyDailyPointsFromTheHourlyCounts() {
        book.request(NOW.minusSeconds(10 * 86_400), List.of(S3), 200, 1_000_000, 100);
        JsonNode points = TrendJson.trend(book, SliWindow.THIRTY_DAYS, NOW, WorldIndex.of(World.empty())).path("points");
        assertEquals(30, points.size());
        long calls = 0;
        for (JsonNode point : points) {
            calls += point.path("calls").asLong();
        }
        assertEquals(1, calls, "ten days ago is still counted, by its hour");
        assertEquals(1, points.get(19).path("calls").asLong());
    }
}
