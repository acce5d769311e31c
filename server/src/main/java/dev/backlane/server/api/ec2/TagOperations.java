package dev.backlane.server.api.ec2;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.TagCommands;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.DocumentedFilters;
import dev.backlane.server.api.describe.PageToken;
import dev.backlane.server.api.describe.CompiledFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateTags, DeleteTags and DescribeTags, for every taggable kind. */
public final class TagOperations implements OperationFamily {
    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateTags", this::createTags).ec2("DeleteTags", this::deleteTags).ec2("DescribeTags", this::describeTags);
    }

    private Map<String, Object> createTags(Call call) {
        List<String> resources = requireResources(call.input());
        if (call.input().structures("Tags").isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter Tag");
        }
        List<TagCommands.Tag> tags = TagInputs.tags(call.input().structures("Tags"), true);
        return call.run(transaction -> TagCommands.create(transaction, resources, tags));
    }

    private Map<String, Object> deleteTags(Call call) {
        List<String> resources = requireResources(call.input());
        List<TagCommands.Tag> tags = TagInputs.tags(call.input().structures("Tags"), false);
        return call.run(transaction -> TagCommands.delete(transaction, resources, tags));
    }

    private static List<String> requireResources(Input input) {
        List<String> resources = input.strings("Resources");
        if (resources.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ResourceId");
        }
        return resources;
    }

    private Map<String, Object> describeTags(Call call) {
        Input input = call.input();
        List<TagFilter> filters = new ArrayList<>();
        for (Input filter : input.structures("Filters")) {
            String name = filter.string("Name");
            if (name == null || !DocumentedFilters.ec2().isDocumented("DescribeTags", name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
            filters.add(new TagFilter(CompiledFilter.of(name, filter)));
        }
        Integer maxResults = input.integer("MaxResults");
        int limit = maxResults == null ? 1000 : maxResults;
        String after = PageToken.decode(input.string("NextToken"));
        List<Map<String, Object>> tags = new ArrayList<>();
        String nextToken = null;
        for (ResourceTags resource : call.read().all(ResourceTypes.TAGS)) {
            for (Map.Entry<String, String> tag : resource.tags().entrySet()) {
                String position = resource.id() + "\u0000" + tag.getKey();
                if (after != null && position.compareTo(after) <= 0) {
                    continue;
                }
                if (!filters.stream().allMatch(filter -> filter.matches(resource, tag.getKey(), tag.getValue()))) {
                    continue;
                }
                if (tags.size() == limit) {
                    Map<String, Object> last = tags.get(tags.size() - 1);
                    nextToken = PageToken.encode(last.get("ResourceId") + "\u0000" + last.get("Key"));
                    break;
                }
                tags.add(Output.create().put("Key", tag.getKey()).put("ResourceId", resource.id())
                        .put("ResourceType", resource.resourceType()).put("Value", tag.getValue()).build());
            }
            if (nextToken != null) {
                break;
            }
        }
        return Output.create().put("Tags", tags).put("NextToken", nextToken).build();
    }

    /** A DescribeTags filter: its values come from the tag and the resource it is on. */
    private record TagFilter(CompiledFilter filter) {
        boolean matches(ResourceTags resource, String key, String value) {
            String name = filter.name();
            List<String> values = switch (name) {
                case "key" -> List.of(key);
                case "value" -> List.of(value);
                case "resource-id" -> List.of(resource.id());
                case "resource-type" -> List.of(resource.resourceType());
                default -> name.startsWith("tag:") && name.substring(4).equals(key) ? List.of(value) : List.of();
            };
            return filter.matchesAny(values);
        }
    }
}
