package dev.backlane.core.logs;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** CloudWatch Logs log groups: create and delete (with their streams and events), retention and tags. */
public final class LogGroupCommands {
    /** The classes a group may have (model {@code LogGroupClass}); AWS's default is STANDARD. */
    public static final Set<String> CLASSES = Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");
    private static final Pattern TAG_KEY = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$");
    private static final Pattern TAG_VALUE = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    private final LogLimits limits;

    public LogGroupCommands(LogLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    public LogGroup create(Transaction transaction, String name, String kmsKeyId, String logGroupClass, Map<String, String> tags) {
        LogNames.requireGroupName(name, "logGroupName");
        String groupClass = logGroupClass == null ? "STANDARD" : logGroupClass;
        if (!CLASSES.contains(groupClass)) {
            throw AwsException.of(ErrorCode.VALIDATION_EXCEPTION,
                    "1 validation error detected: Value '%s' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: "
                            + "[STANDARD, INFREQUENT_ACCESS, DELIVERY]", groupClass);
        }
        SortedMap<String, String> checked = checkedTags(tags);
        if (transaction.find(ResourceTypes.LOG_GROUP, name).isPresent()) {
            throw AwsException.of(ErrorCode.RESOURCE_ALREADY_EXISTS_EXCEPTION, "The specified log group already exists");
        }
        return transaction.put(ResourceTypes.LOG_GROUP, new LogGroup(name, transaction.now(), null, kmsKeyId, groupClass, checked));
    }

    /** Deletes the group with every stream and event in it. */
    public void delete(Transaction transaction, String name) {
        group(transaction, name);
        for (LogStream stream : LogGroupQueries.streamsOf(transaction.state(), name)) {
            LogStreamCommands.removeStream(transaction, stream);
        }
        transaction.remove(ResourceTypes.LOG_GROUP, name);
    }

    public LogGroup putRetentionPolicy(Transaction transaction, String name, Integer days) {
        if (days == null || !limits.retentionDays().contains(days)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION,
                    "1 validation error detected: Value '%s' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: %s",
                    days, limits.retentionDaysListed());
        }
        return transaction.put(ResourceTypes.LOG_GROUP, group(transaction, name).withRetentionInDays(days));
    }

    public LogGroup deleteRetentionPolicy(Transaction transaction, String name) {
        return transaction.put(ResourceTypes.LOG_GROUP, group(transaction, name).withRetentionInDays(null));
    }

    public LogGroup tag(Transaction transaction, String name, Map<String, String> tags) {
        LogGroup group = group(transaction, name);
        SortedMap<String, String> merged = new TreeMap<>(group.tags());
        merged.putAll(checkedTags(tags));
        if (merged.size() > limits.tagsPerResource()) {
            throw AwsException.of(ErrorCode.TOO_MANY_TAGS_EXCEPTION, "A resource can have no more than %d tags.", limits.tagsPerResource());
        }
        return transaction.put(ResourceTypes.LOG_GROUP, group.withTags(merged));
    }

    public LogGroup untag(Transaction transaction, String name, Collection<String> keys) {
        LogGroup group = group(transaction, name);
        SortedMap<String, String> remaining = new TreeMap<>(group.tags());
        keys.forEach(remaining::remove);
        return transaction.put(ResourceTypes.LOG_GROUP, group.withTags(remaining));
    }

    static LogGroup group(Transaction transaction, String name) {
        return transaction.find(ResourceTypes.LOG_GROUP, name).orElseThrow(() -> ResourceTypes.LOG_GROUP.notFound(name));
    }

    private SortedMap<String, String> checkedTags(Map<String, String> tags) {
        SortedMap<String, String> checked = new TreeMap<>();
        if (tags == null) {
            return checked;
        }
        if (tags.size() > limits.tagsPerResource()) {
            throw AwsException.of(ErrorCode.TOO_MANY_TAGS_EXCEPTION, "A resource can have no more than %d tags.", limits.tagsPerResource());
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || !TAG_KEY.matcher(tag.getKey()).matches()
                    || tag.getKey().startsWith("aws:")) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Invalid tag key: %s", tag.getKey());
            }
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (value.length() > 256 || !TAG_VALUE.matcher(value).matches()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Invalid tag value for key %s: %s", tag.getKey(), value);
            }
            checked.put(tag.getKey(), value);
        }
        return checked;
    }
}
