package dev.backlane.server.api.ec2;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.TagCommands;
import dev.backlane.core.world.Transaction;
import dev.backlane.server.api.Input;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags from the wire: {@code Tag} structures, and the {@code TagSpecification.N} of create calls applied to what they create. */
public final class TagInputs {
    private TagInputs() {}

    /** Tags from a list of {@code Tag} structures ({@code Key}, {@code Value}). */
    public static List<TagCommands.Tag> tags(List<Input> tags, boolean valueRequired) {
        List<TagCommands.Tag> result = new ArrayList<>();
        for (Input tag : tags) {
            String value = tag.string("Value");
            result.add(new TagCommands.Tag(tag.string("Key"), value == null && valueRequired ? "" : value));
        }
        return result;
    }

    /**
     * Applies the TagSpecifications of a create call to the new resource. Each specification must
     * name the kind being created (or, where one call creates several kinds, one of them).
     */
    public static void applySpecifications(Transaction transaction, Input input, String resourceId, ResourceType<?> type) {
        applySpecifications(transaction, input, Map.of(type.name(), resourceId), type.name());
    }

    /** As above, for a call that creates several kinds: {@code created} maps each tag resource type to the new ID. */
    public static void applySpecifications(Transaction transaction, Input input, Map<String, String> created, String primaryName) {
        for (Input specification : input.structures("TagSpecifications")) {
            String resourceType = specification.string("ResourceType");
            if (resourceType == null) {
                resourceType = primaryName;
            }
            String id = created.get(resourceType);
            if (id == null) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "'%s' is not a valid taggable resource type for this operation.",
                        resourceType);
            }
            Map<String, String> tags = new LinkedHashMap<>(transaction.tags(id));
            for (TagCommands.Tag tag : tags(specification.structures("Tags"), true)) {
                tags.put(tag.key(), tag.value());
            }
            ResourceType<?> type = ResourceTypes.byId(id).orElseThrow();
            TagCommands.tagNew(transaction, id, type, tags);
        }
    }
}
