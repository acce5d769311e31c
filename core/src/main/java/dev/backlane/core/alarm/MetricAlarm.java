package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudWatch metric alarm of one account and region: its definition, its state, its tags, when its configuration
 * last changed and when it was last evaluated. Immutable; {@link AlarmStore} holds the current one.
 */
public record MetricAlarm(Scope scope, String name, AlarmDefinition definition, AlarmStatus status, Instant configurationUpdatedAt,
        Map<String, String> tags, Optional<Instant> evaluatedAt) {
    public MetricAlarm {
        requireNonNull(scope, "scope is null");
        requireNonNull(name, "name is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(status, "status is null");
        requireNonNull(configurationUpdatedAt, "configurationUpdatedAt is null");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        requireNonNull(evaluatedAt, "evaluatedAt is null");
    }

    /** AWS's ARN of an alarm: {@code arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME}. */
    public static String arn(Scope scope, String name) {
        return "arn:" + partition(scope.region()) + ":cloudwatch:" + scope.region() + ":" + scope.account() + ":alarm:" + name;
    }

    public String arn() {
        return arn(scope, name);
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    MetricAlarm withDefinition(AlarmDefinition next, Instant now) {
        return new MetricAlarm(scope, name, next, status, now, tags, evaluatedAt);
    }

    MetricAlarm withStatus(AlarmStatus next) {
        return new MetricAlarm(scope, name, definition, next, configurationUpdatedAt, tags, evaluatedAt);
    }

    MetricAlarm withTags(Map<String, String> next) {
        return new MetricAlarm(scope, name, definition, status, configurationUpdatedAt, next, evaluatedAt);
    }

    MetricAlarm evaluated(Instant now) {
        return new MetricAlarm(scope, name, definition, status, configurationUpdatedAt, tags, Optional.of(now));
    }
}
