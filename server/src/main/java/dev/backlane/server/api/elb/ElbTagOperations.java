package dev.backlane.server.api.elb;

import dev.backlane.core.elb.ElbArns;
import dev.backlane.core.elb.ElbTags;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** AddTags, RemoveTags and DescribeTags for load balancers, target groups and listeners, by ARN. */
public final class ElbTagOperations implements OperationFamily {
    private static final String SERVICE = "elasticloadbalancing";

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "AddTags", this::addTags)
                .add(SERVICE, "RemoveTags", this::removeTags)
                .add(SERVICE, "DescribeTags", this::describeTags);
    }

    private Map<String, Object> addTags(Call call) {
        Input input = call.input();
        List<ElbTags.Tag> tags = ElbInputs.tags(input);
        return call.run(transaction -> ElbTags.add(transaction, input.strings("ResourceArns"), tags));
    }

    private Map<String, Object> removeTags(Call call) {
        Input input = call.input();
        return call.run(transaction -> ElbTags.remove(transaction, input.strings("ResourceArns"), input.strings("TagKeys")));
    }

    private Map<String, Object> describeTags(Call call) {
        List<String> arns = call.input().strings("ResourceArns");
        ScopeState state = call.read();
        List<Map<String, Object>> descriptions = new ArrayList<>();
        for (String arn : arns) {
            ResourceType<? extends Resource> kind = ElbArns.kindOf(arn);
            state.find(kind, arn).orElseThrow(() -> kind.notFound(arn));
            descriptions.add(ElbShapes.tagDescription(state, arn));
        }
        return Output.of("TagDescriptions", descriptions);
    }
}
