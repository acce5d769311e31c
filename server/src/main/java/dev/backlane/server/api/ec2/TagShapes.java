package dev.backlane.server.api.ec2;

import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags as descriptions show them: the {@code tagSet} member. {@link TagInputs} reads tags from requests. */
public final class TagShapes {
    private TagShapes() {}

    /** The {@code Tags} member of a description: the resource's tags, or null (left out) when it has none. */
    public static List<Map<String, Object>> tagSet(ScopeState state, String resourceId) {
        return state.find(ResourceTypes.TAGS, resourceId).map(TagShapes::tagList).orElse(null);
    }

    public static List<Map<String, Object>> tagSet(Transaction transaction, String resourceId) {
        return tagSet(transaction.state(), resourceId);
    }

    private static List<Map<String, Object>> tagList(ResourceTags tags) {
        List<Map<String, Object>> list = new ArrayList<>();
        tags.tags().forEach((key, value) -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("Key", key);
            tag.put("Value", value);
            list.add(tag);
        });
        return list;
    }
}
