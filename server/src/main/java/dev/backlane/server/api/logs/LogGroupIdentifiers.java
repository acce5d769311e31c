package dev.backlane.server.api.logs;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.logs.LogNames;
import dev.backlane.server.api.Call;

/** The log group a call names: by {@code logGroupName}, by {@code logGroupIdentifier} (name or ARN), or by a tagging {@code resourceArn}. */
final class LogGroupIdentifiers {
    private LogGroupIdentifiers() {}

    static String groupOf(Call call) {
        String name = call.input().string("logGroupName");
        String identifier = call.input().string("logGroupIdentifier");
        if (name != null && identifier != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (name != null) {
            return LogNames.requireGroupName(name, "logGroupName");
        }
        if (identifier == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Should provide either name or ARN of the log group.");
        }
        return LogNames.groupOfIdentifier(identifier, call.scope().account(), call.scope().region());
    }

    /** The group a tagging call's {@code resourceArn} names; Backlane's only taggable Logs resource is a log group. */
    static String groupOfArn(Call call) {
        String arn = call.input().string("resourceArn");
        if (!arn.startsWith("arn:")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Invalid ARN: %s", arn);
        }
        return LogNames.groupOfIdentifier(arn, call.scope().account(), call.scope().region());
    }
}
