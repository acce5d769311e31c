package dev.backlane.core.metrics;

import java.time.Duration;

/**
 * CloudWatch's retention schedule: data points of a period under 60 seconds (high resolution) are available for
 * 3 hours, of 60 seconds for 15 days, of 5 minutes for 63 days and of 1 hour for 455 days; older data is rolled up
 * into the next coarser period as it ages, and gone after 455 days.
 */
final class Retention {
    static final Duration HIGH_RESOLUTION = Duration.ofHours(3);
    static final Duration ONE_MINUTE = Duration.ofDays(15);
    static final Duration FIVE_MINUTES = Duration.ofDays(63);
    static final Duration ONE_HOUR = Duration.ofDays(455);

    private Retention() {}

    /** The bucket width (seconds) data of this age is kept at, at least {@code width}; 0 once it is past retention. */
    static long widthAt(long ageSeconds, long width) {
        long needed;
        if (ageSeconds < HIGH_RESOLUTION.toSeconds()) {
            needed = width;
        } else if (ageSeconds < ONE_MINUTE.toSeconds()) {
            needed = 60;
        } else if (ageSeconds < FIVE_MINUTES.toSeconds()) {
            needed = 300;
        } else if (ageSeconds < ONE_HOUR.toSeconds()) {
            needed = 3600;
        } else {
            return 0;
        }
        return Math.max(needed, width);
    }

    /**
     * Where a query's periods start, as CloudWatch rounds a start time: to the period when it is under a minute,
     * else to the minute while the start is under 15 days old, to 5 minutes under 63 days, to the hour beyond.
     */
    static long alignedStart(long startSecond, int periodSeconds, long nowSecond) {
        long age = nowSecond - startSecond;
        long unit;
        if (periodSeconds < 60) {
            unit = periodSeconds;
        } else if (age <= ONE_MINUTE.toSeconds()) {
            unit = 60;
        } else if (age <= FIVE_MINUTES.toSeconds()) {
            unit = 300;
        } else {
            unit = 3600;
        }
        return Math.floorDiv(startSecond, unit) * unit;
    }
}
