package dev.backlane.core.flowlog;

import dev.backlane.core.logs.LogNames;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.FlowLogDestinationOptions;
import dev.backlane.core.model.FlowLogDestinationType;
import dev.backlane.core.model.Scope;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a new flow log publishes, checked as AWS checks CreateFlowLogs: CloudWatch Logs needs a role
 * ({@code DeliverLogsPermissionArn}) and either a log group name or a log group ARN, not both; S3 needs
 * a bucket ARN ({@code arn:aws:s3:::bucket/optional-prefix}) and takes no role and no group name;
 * Firehose needs a delivery stream ARN. Destination options are for S3 only, which always reports them.
 */
record FlowLogDestination(FlowLogDestinationType type, String arn, String logGroupName, FlowLogDestinationOptions options) {
    private static final Pattern LOG_GROUP_NAME = Pattern.compile("[\\w#/.-]{1,512}");
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?");
    private static final Pattern FIREHOSE_ARN = Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[\\w.-]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    FlowLogDestination {
        requireNonNull(type, "type is null");
        requireNonNull(arn, "arn is null");
    }

    static FlowLogDestination of(Scope scope, FlowLogCommands.CreateFlowLogs request) {
        FlowLogDestinationType type = request.logDestinationType() == null ? FlowLogDestinationType.CLOUD_WATCH_LOGS : request.logDestinationType();
        if (request.destinationOptions() != null && type != FlowLogDestinationType.S3) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "DestinationOptions can only be provided when LogDestinationType is s3.");
        }
        if (request.deliverLogsPermissionArn() != null && !ROLE_ARN.matcher(request.deliverLogsPermissionArn()).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "DeliverLogsPermissionArn %s is not a valid IAM role ARN.",
                    request.deliverLogsPermissionArn());
        }
        return switch (type) {
            case CLOUD_WATCH_LOGS -> cloudWatchLogs(scope, request);
            case S3 -> s3(request);
            case KINESIS_DATA_FIREHOSE -> firehose(request);
        };
    }

    private static FlowLogDestination cloudWatchLogs(Scope scope, FlowLogCommands.CreateFlowLogs request) {
        if (request.deliverLogsPermissionArn() == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "DeliverLogsPermissionArn can't be empty if LogDestinationType is cloud-watch-logs.");
        }
        if (request.logGroupName() != null && request.logDestination() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Please only provide LogGroupName or only provide LogDestination.");
        }
        if (request.logGroupName() == null && request.logDestination() == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination can't be empty if LogGroupName is not provided.");
        }
        if (request.logGroupName() != null) {
            if (!LOG_GROUP_NAME.matcher(request.logGroupName()).matches()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogGroupName %s is not a valid log group name.", request.logGroupName());
            }
            String arn = "arn:aws:logs:" + scope.region() + ":" + scope.account() + ":log-group:" + request.logGroupName();
            return new FlowLogDestination(FlowLogDestinationType.CLOUD_WATCH_LOGS, arn, request.logGroupName(), null);
        }
        Matcher arn = LogNames.GROUP_ARN.matcher(request.logDestination());
        if (!arn.matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination: %s is not a valid CloudWatch Logs log group ARN.", request.logDestination());
        }
        return new FlowLogDestination(FlowLogDestinationType.CLOUD_WATCH_LOGS, request.logDestination(), arn.group(3), null);
    }

    private static FlowLogDestination s3(FlowLogCommands.CreateFlowLogs request) {
        if (request.logGroupName() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination type must be cloud-watch-logs if LogGroupName is provided.");
        }
        if (request.deliverLogsPermissionArn() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "DeliverLogsPermissionArn is not applicable for s3 delivery.");
        }
        if (request.logDestination() == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination can't be empty if LogDestinationType is s3.");
        }
        Matcher arn = BUCKET_ARN.matcher(request.logDestination());
        if (!arn.matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination: %s is not a valid S3 bucket ARN.", request.logDestination());
        }
        String prefix = arn.group(2) == null ? "" : arn.group(2).substring(1);
        if (prefix.equals("AWSLogs") || prefix.startsWith("AWSLogs/")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination: the prefix AWSLogs is reserved; choose another prefix.");
        }
        FlowLogDestinationOptions options = request.destinationOptions() == null ? FlowLogDestinationOptions.DEFAULTS : request.destinationOptions();
        if (!options.fileFormat().equals(FlowLogDestinationOptions.PLAIN_TEXT) && !options.fileFormat().equals(FlowLogDestinationOptions.PARQUET)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter DestinationOptions.FileFormat is invalid.",
                    options.fileFormat());
        }
        return new FlowLogDestination(FlowLogDestinationType.S3, request.logDestination(), null, options);
    }

    private static FlowLogDestination firehose(FlowLogCommands.CreateFlowLogs request) {
        if (request.logGroupName() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination type must be cloud-watch-logs if LogGroupName is provided.");
        }
        if (request.logDestination() == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination can't be empty if LogDestinationType is kinesis-data-firehose.");
        }
        if (!FIREHOSE_ARN.matcher(request.logDestination()).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "LogDestination: %s is not a valid Kinesis Data Firehose delivery stream ARN.",
                    request.logDestination());
        }
        return new FlowLogDestination(FlowLogDestinationType.KINESIS_DATA_FIREHOSE, request.logDestination(), null, null);
    }
}
