package dev.backlane.server.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.cost.CostModel;
import dev.backlane.core.cost.CostReport;
import dev.backlane.core.cost.PriceList;
import dev.backlane.core.cost.TrafficVolumes;
import dev.backlane.core.cost.TrafficVolumes.Volume;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliCounters;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SliWindow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The executive page's trends ({@code GET /_backlane/trends?window=6h}): the window cut into steps, and for each step
 * the calls the gateways carried (and of them the errors, 4xx other than 429 and 5xx, and the 429s: the On-call page's
 * rates), the p95 latency of each service's calls (M4) and what a month of the world's
 * endpoints and NAT gateways would cost at the endpoints' traffic of that step (their M5 bytes, scaled from the step to
 * a month, priced by the cost model with today's endpoints). Read from the SLIs' per-minute and per-hour counts.
 */
public final class TrendJson {
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);

    private TrendJson() {}

    /** How a window is cut: enough points to draw a line, each a whole number of the SLIs' minutes or hours. */
    static Duration step(SliWindow window) {
        return switch (window) {
            case FIVE_MINUTES -> Duration.ofMinutes(1);
            case ONE_HOUR -> Duration.ofMinutes(5);
            case SIX_HOURS -> Duration.ofMinutes(30);
            case ONE_DAY -> Duration.ofHours(1);
            case THIRTY_DAYS -> Duration.ofDays(1);
        };
    }

    public static ObjectNode trend(SliBook book, SliWindow window, Instant now, WorldIndex world) {
        Duration step = step(window);
        int points = (int) (window.length().toSeconds() / step.toSeconds());
        PriceList prices = PriceList.standard();
        CostModel model = new CostModel(prices);
        List<SliKey> keys = book.keys();
        ObjectNode answer = PathJson.mapper().createObjectNode().put("window", window.label()).put("step", step.toString())
                .put("time", now.toString()).put("currency", prices.currency());
        ArrayNode list = answer.putArray("points");
        for (int i = points - 1; i >= 0; i--) {
            Instant end = now.minus(step.multipliedBy(i));
            Optional<SliCounters> all = counters(book, SliKey.ALL, step, end);
            ObjectNode point = list.addObject().put("start", end.minus(step).toString()).put("end", end.toString())
                    .put("calls", all.map(SliCounters::requests).orElse(0L))
                    .put("errors", all.map(counts -> counts.clientErrors() + counts.serverErrors()).orElse(0L))
                    .put("throttled", all.map(SliCounters::throttles).orElse(0L));
            ObjectNode latency = point.putObject("p95Millis");
            Map<String, Volume> traffic = new TreeMap<>();
            for (SliKey key : keys) {
                switch (key.kind()) {
                    case SERVICE -> counters(book, key, step, end).filter(counts -> counts.latencies().count() > 0)
                            .ifPresent(counts -> latency.put(key.id(), counts.latencies().percentile(0.95) / 1e6));
                    case ENDPOINT -> counters(book, key, step, end).filter(counts -> counts.bytes() > 0)
                            .ifPresent(counts -> traffic.put(key.id(), new Volume(gbPerMonth(counts.bytes(), step, prices), Map.of())));
                    case ALL, ZONE, WORKLOAD, VPC, SINK -> {
                        // Not drawn as trends.
                    }
                }
            }
            BigDecimal month = model.estimate(world.scopes(), TrafficVolumes.assumed(traffic, Volume.NONE), now).scopes().stream()
                    .map(CostReport.ScopeCost::total).reduce(BigDecimal.ZERO, BigDecimal::add);
            point.put("monthlyCost", month.setScale(4, RoundingMode.HALF_UP));
        }
        return answer;
    }

    /** A step of whole hours is read from the hourly counts, which reach back further than the minutes' six hours. */
    private static Optional<SliCounters> counters(SliBook book, SliKey key, Duration step, Instant end) {
        return step.toSeconds() % 3600 == 0 ? book.countersByHours(key, step, end) : book.counters(key, step, end);
    }

    /** The step's bytes as GB a month at the same rate. */
    private static BigDecimal gbPerMonth(long bytes, Duration step, PriceList prices) {
        BigDecimal scale = BigDecimal.valueOf(prices.hoursPerMonth() * 3600L).divide(BigDecimal.valueOf(step.toSeconds()), MathContext.DECIMAL64);
        return BigDecimal.valueOf(bytes).divide(BYTES_PER_GB, MathContext.DECIMAL64).multiply(scale, MathContext.DECIMAL64);
    }
}
