package dev.backlane.core.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the date forms the Date condition operators accept: ISO 8601 (with an offset or Z, with or
 * without time; a time without offset is UTC) and epoch seconds (aws:EpochTime's form).
 */
final class DateValues {

    static final long INVALID = Long.MIN_VALUE;

    private DateValues() {
    }

    /** Milliseconds since the epoch, or {@link #INVALID}. */
    static long parseMillis(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return INVALID;
        }
        if (isEpochSeconds(trimmed)) {
            try {
                return Math.multiplyExact(Long.parseLong(trimmed), 1000L);
            } catch (ArithmeticException | NumberFormatException e) {
                return INVALID;
            }
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Instant.parse(trimmed).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    private static boolean isEpochSeconds(String text) {
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length() || text.length() > 19) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
