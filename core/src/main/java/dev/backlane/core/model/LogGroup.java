package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A CloudWatch Logs log group, identified by its name (unique in its account and region). Its tags are
 * kept in the record, not in {@link ResourceTags}: log group names share no namespace with EC2 IDs.
 * {@code retentionInDays} is null when events never expire.
 */
public record LogGroup(String id, Instant creationTime, Integer retentionInDays, String kmsKeyId, String logGroupClass,
        SortedMap<String, String> tags) implements Resource {
    public LogGroup {
        requireNonNull(id, "id is null");
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(logGroupClass, "logGroupClass is null");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String name() {
        return id;
    }

    public LogGroup withRetentionInDays(Integer days) {
        return new LogGroup(id, creationTime, days, kmsKeyId, logGroupClass, tags);
    }

    public LogGroup withTags(SortedMap<String, String> replacement) {
        return new LogGroup(id, creationTime, retentionInDays, kmsKeyId, logGroupClass, replacement);
    }

    /** The ARN AWS's {@code logGroupArn} member and the tagging APIs use. */
    public String arn(Scope scope) {
        return "arn:aws:logs:" + scope.region() + ":" + scope.account() + ":log-group:" + id;
    }
}
