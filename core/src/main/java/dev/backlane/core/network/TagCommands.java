package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Tagging any resource with EC2's rules: key and value lengths, the reserved {@code aws:} prefix, 50 tags at most. */
public final class TagCommands {
    public static final int MAX_TAGS = 50;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;

    private TagCommands() {}

    /** A tag to set ({@code value} may be empty) or, for DeleteTags, to match ({@code value} null matches any). */
    public record Tag(String key, String value) {}

    public static void create(Transaction transaction, List<String> resourceIds, List<Tag> tags) {
        tags.forEach(TagCommands::validate);
        for (String id : resourceIds) {
            ResourceType<?> type = requireTaggable(transaction, id);
            SortedMap<String, String> current = new TreeMap<>(transaction.tags(id));
            tags.forEach(tag -> current.put(tag.key(), tag.value() == null ? "" : tag.value()));
            if (current.size() > MAX_TAGS) {
                throw AwsException.of(ErrorCode.TAG_LIMIT_EXCEEDED, "The maximum number of Tags for a resource has been reached.");
            }
            transaction.setTags(id, type.name(), current);
        }
    }

    /** Sets the tags of a resource being created (TagSpecifications). */
    public static void tagNew(Transaction transaction, String id, ResourceType<?> type, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        tags.forEach((key, value) -> validate(new Tag(key, value)));
        if (tags.size() > MAX_TAGS) {
            throw AwsException.of(ErrorCode.TAG_LIMIT_EXCEEDED, "The maximum number of Tags for a resource has been reached.");
        }
        transaction.setTags(id, type.name(), new TreeMap<>(tags));
    }

    public static void delete(Transaction transaction, List<String> resourceIds, List<Tag> tags) {
        for (String id : resourceIds) {
            ResourceType<?> type = requireTaggable(transaction, id);
            SortedMap<String, String> current = new TreeMap<>(transaction.tags(id));
            if (tags.isEmpty()) {
                current.entrySet().removeIf(entry -> !entry.getKey().startsWith("aws:"));
            }
            for (Tag tag : tags) {
                if (tag.key().startsWith("aws:")) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value ( %s ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use", tag.key());
                }
                String value = current.get(tag.key());
                if (value != null && (tag.value() == null || tag.value().equals(value))) {
                    current.remove(tag.key());
                }
            }
            transaction.setTags(id, type.name(), current);
        }
    }

    private static ResourceType<?> requireTaggable(Transaction transaction, String id) {
        ResourceType<?> type = ResourceTypes.byId(id).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ID, "Invalid id: \"%s\"", id));
        type.requireWellFormed(id);
        Resource resource = transaction.find(type, id).orElse(null);
        if (resource == null) {
            throw type.notFound(id);
        }
        return type;
    }

    private static void validate(Tag tag) {
        if (tag.key() == null || tag.key().isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Tag keys must not be empty");
        }
        if (tag.key().length() > MAX_KEY_LENGTH) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Tag key exceeds the maximum length of %d characters", MAX_KEY_LENGTH);
        }
        if (tag.value() != null && tag.value().length() > MAX_VALUE_LENGTH) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Tag value exceeds the maximum length of %d characters", MAX_VALUE_LENGTH);
        }
        if (tag.key().startsWith("aws:")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value ( %s ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use", tag.key());
        }
    }
}
