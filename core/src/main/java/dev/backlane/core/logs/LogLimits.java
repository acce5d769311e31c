package dev.backlane.core.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * CloudWatch Logs' documented limits, read from {@code cloudwatch-logs.json}: the retention periods a
 * group may have, what one PutLogEvents call may carry and when its events are too old or too new, and
 * how much one read answers.
 */
public record LogLimits(Set<Integer> retentionDays, long maxBatchBytes, int maxEvents, Duration maxBatchSpan, Duration maxEventAge,
        Duration maxEventFuture, int maxReadEvents, long maxReadBytes, int tagsPerResource) {
    private static final LogLimits STANDARD = load();

    public LogLimits {
        retentionDays = Set.copyOf(retentionDays);
    }

    public static LogLimits standard() {
        return STANDARD;
    }

    /** The allowed retention periods in ascending order, as AWS lists them in its error message. */
    public String retentionDaysListed() {
        return new TreeSet<>(retentionDays).toString();
    }

    private static LogLimits load() {
        try (InputStream in = LogLimits.class.getResourceAsStream("/dev/backlane/core/data/cloudwatch-logs.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Set<Integer> days = new TreeSet<>();
            root.path("retentionInDays").forEach(day -> days.add(day.asInt()));
            JsonNode put = root.path("putLogEvents");
            JsonNode read = root.path("readResponse");
            return new LogLimits(days, put.path("maxBatchBytes").asLong(), put.path("maxEvents").asInt(),
                    Duration.ofHours(put.path("maxBatchSpanHours").asLong()), Duration.ofDays(put.path("maxEventAgeDays").asLong()),
                    Duration.ofHours(put.path("maxEventFutureHours").asLong()), read.path("maxEvents").asInt(), read.path("maxBytes").asLong(),
                    root.path("tagsPerResource").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
