package dev.backlane.core.alarm;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an alarm compares its statistic with the threshold. The last three compare with an anomaly detection band
 * ({@code ThresholdMetricId}); they are accepted only with one, and Backlane does not evaluate bands.
 */
public enum ComparisonOperator {
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD("GreaterThanOrEqualToThreshold", "greater than or equal to"),
    GREATER_THAN_THRESHOLD("GreaterThanThreshold", "greater than"),
    LESS_THAN_THRESHOLD("LessThanThreshold", "less than"),
    LESS_THAN_OR_EQUAL_TO_THRESHOLD("LessThanOrEqualToThreshold", "less than or equal to"),
    LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD("LessThanLowerOrGreaterThanUpperThreshold", "outside the band"),
    LESS_THAN_LOWER_THRESHOLD("LessThanLowerThreshold", "less than the lower band"),
    GREATER_THAN_UPPER_THRESHOLD("GreaterThanUpperThreshold", "greater than the upper band");

    private final String wireName;
    private final String words;

    ComparisonOperator(String wireName, String words) {
        this.wireName = wireName;
        this.words = words;
    }

    public String wireName() {
        return wireName;
    }

    /** How AWS's state reasons say it: "was greater than or equal to the threshold". */
    public String words() {
        return words;
    }

    public static Optional<ComparisonOperator> of(String wireName) {
        return Arrays.stream(values()).filter(value -> value.wireName.equals(wireName)).findFirst();
    }

    /** Whether it compares with an anomaly detection band rather than a static threshold. */
    public boolean comparesWithBand() {
        return switch (this) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD, GREATER_THAN_THRESHOLD, LESS_THAN_THRESHOLD, LESS_THAN_OR_EQUAL_TO_THRESHOLD -> false;
            case LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD, LESS_THAN_LOWER_THRESHOLD, GREATER_THAN_UPPER_THRESHOLD -> true;
        };
    }

    /** Whether the value breaches the static threshold; never for a band operator. */
    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
            case LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD, LESS_THAN_LOWER_THRESHOLD, GREATER_THAN_UPPER_THRESHOLD -> false;
        };
    }
}
