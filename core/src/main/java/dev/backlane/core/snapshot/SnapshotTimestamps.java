package dev.backlane.core.snapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times as snapshots write them: the AWS CLI's Python form {@code 2020-05-08 03:45:53+00:00} (a space
 * for the {@code T}, an offset, optional fractions) and ISO-8601 ({@code 2020-05-08T03:45:53.000Z}).
 */
final class SnapshotTimestamps {
    private SnapshotTimestamps() {}

    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String iso = text.trim().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(Instant.parse(iso));
            } catch (DateTimeParseException notInstant) {
                return Optional.empty();
            }
        }
    }
}
