package dev.backlane.core.elb;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.world.Transaction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Tagging ELBv2 resources by ARN with ELBv2's rules: 50 tags at most, keys unique per call, no {@code aws:} keys. */
public final class ElbTags {
    public static final int MAX_TAGS = 50;

    private ElbTags() {}

    /** A tag to set; {@code value} may be null, which ELBv2 keeps as an empty value. */
    public record Tag(String key, String value) {}

    public static void add(Transaction transaction, List<String> arns, List<Tag> tags) {
        checkKeys(tags);
        for (String arn : arns) {
            ResourceType<? extends Resource> kind = ElbArns.kindOf(arn);
            ElbArns.get(transaction, kind, arn);
            SortedMap<String, String> current = new TreeMap<>(transaction.tags(arn));
            tags.forEach(tag -> current.put(tag.key(), tag.value() == null ? "" : tag.value()));
            if (current.size() > MAX_TAGS) {
                throw AwsException.of(ErrorCode.TOO_MANY_TAGS, "The quota for the number of tags that can be assigned to a load balancer has been reached");
            }
            transaction.setTags(arn, kind.name(), current);
        }
    }

    public static void remove(Transaction transaction, List<String> arns, List<String> keys) {
        for (String arn : arns) {
            ResourceType<? extends Resource> kind = ElbArns.kindOf(arn);
            ElbArns.get(transaction, kind, arn);
            SortedMap<String, String> current = new TreeMap<>(transaction.tags(arn));
            keys.forEach(current::remove);
            transaction.setTags(arn, kind.name(), current);
        }
    }

    /** Tags given when a resource is created. */
    public static void tagNew(Transaction transaction, String arn, ResourceType<?> kind, List<Tag> tags) {
        checkKeys(tags);
        if (tags.size() > MAX_TAGS) {
            throw AwsException.of(ErrorCode.TOO_MANY_TAGS, "The quota for the number of tags that can be assigned to a load balancer has been reached");
        }
        SortedMap<String, String> values = new TreeMap<>();
        tags.forEach(tag -> values.put(tag.key(), tag.value() == null ? "" : tag.value()));
        if (!values.isEmpty()) {
            transaction.setTags(arn, kind.name(), values);
        }
    }

    private static void checkKeys(List<Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Tag key cannot be empty");
            }
            if (tag.key().startsWith("aws:")) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Tag key '%s' cannot start with 'aws:'", tag.key());
            }
            if (!seen.add(tag.key())) {
                throw AwsException.of(ErrorCode.DUPLICATE_TAG_KEYS, "Tag key '%s' is specified more than once", tag.key());
            }
        }
    }
}
