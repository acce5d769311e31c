package dev.backlane.core.model;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/** Where a flow log publishes its records, with the names of the EC2 model's {@code LogDestinationType}. */
public enum FlowLogDestinationType implements WireName {
    CLOUD_WATCH_LOGS("cloud-watch-logs"),
    S3("s3"),
    KINESIS_DATA_FIREHOSE("kinesis-data-firehose");

    private final String wireName;

    FlowLogDestinationType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static FlowLogDestinationType fromWire(String value) {
        return WireName.find(FlowLogDestinationType.class, value)
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter LogDestinationType is invalid.", value));
    }
}
