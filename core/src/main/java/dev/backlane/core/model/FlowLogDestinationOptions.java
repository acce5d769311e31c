package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * How an S3 flow log writes its objects: the file format ({@code plain-text} or {@code parquet}),
 * Hive-compatible key prefixes ({@code aws-account-id=.../}) and hourly instead of daily partitions.
 * AWS reports these, with their defaults, for every S3 flow log.
 */
public record FlowLogDestinationOptions(String fileFormat, boolean hiveCompatiblePartitions, boolean perHourPartition) {
    public static final String PLAIN_TEXT = "plain-text";
    public static final String PARQUET = "parquet";
    public static final FlowLogDestinationOptions DEFAULTS = new FlowLogDestinationOptions(PLAIN_TEXT, false, false);

    public FlowLogDestinationOptions {
        requireNonNull(fileFormat, "fileFormat is null");
    }
}
