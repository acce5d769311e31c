package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.notFound;
import static dev.backlane.server.api.fis.FisAnswers.page;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.FisExperimentTemplate;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.Output;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * FIS experiment templates: create (once per client token), get, list, update and delete, kept in the world (and so
 * the store) as {@link FisExperimentTemplate}s of the caller's account and region.
 */
final class FisTemplates {
    private static final List<String> UPDATABLE = List.of("description", "roleArn", "stopConditions", "targets", "actions",
            "experimentOptions", "logConfiguration");

    private final FisTemplateCheck check;

    FisTemplates(FisTemplateCheck check) {
        this.check = requireNonNull(check, "check is null");
    }

    Map<String, Object> create(Call call) {
        Input input = call.input();
        String token = Optional.ofNullable(input.string("clientToken")).orElse("");
        Map<String, Object> checked = check.template(input, true, call.scope());
        return call.write(transaction -> {
            Optional<FisExperimentTemplate> made = token.isEmpty() ? Optional.empty()
                    : transaction.all(ResourceTypes.FIS_EXPERIMENT_TEMPLATE).stream().filter(template -> template.clientToken().equals(token)).findFirst();
            if (made.isPresent()) {
                for (Map.Entry<String, Object> entry : checked.entrySet()) {
                    if (!String.valueOf(entry.getValue()).equals(String.valueOf(made.get().members().get(entry.getKey())))) {
                        throw AwsException.of(ErrorCode.CONFLICT_EXCEPTION, "The request uses the same client token as a previous, but non-identical request.");
                    }
                }
                return Output.of("experimentTemplate", tree(transaction.scope(), made.get()));
            }
            Map<String, String> tags = new TreeMap<>();
            (input.has("tags") ? input.map("tags") : Map.<String, Object>of()).forEach((key, value) -> tags.put(key, String.valueOf(value)));
            FisExperimentTemplate template = new FisExperimentTemplate(FisAnswers.newId("EXT"), token, checked, transaction.now(), transaction.now(),
                    new TreeMap<>(tags));
            transaction.put(ResourceTypes.FIS_EXPERIMENT_TEMPLATE, template);
            return Output.of("experimentTemplate", tree(transaction.scope(), template));
        });
    }

    Map<String, Object> get(Call call) {
        return Output.of("experimentTemplate", tree(call.scope(), template(call.read(), call.input().string("id"))));
    }

    Map<String, Object> list(Call call) {
        return page(call, "experimentTemplates", call.read().all(ResourceTypes.FIS_EXPERIMENT_TEMPLATE).stream()
                .sorted(Comparator.comparing(FisExperimentTemplate::creationTime)).map(template -> summary(call.scope(), template)).toList());
    }

    Map<String, Object> update(Call call) {
        String id = call.input().string("id");
        Map<String, Object> merged = new LinkedHashMap<>(template(call.read(), id).members());
        for (String member : UPDATABLE) {
            if (call.input().has(member)) {
                merged.put(member, call.input().values().get(member));
            }
        }
        Map<String, Object> checked = check.template(new Input(merged), false, call.scope());
        return call.write(transaction -> {
            FisExperimentTemplate template = template(transaction.state(), id);
            Map<String, Object> members = new LinkedHashMap<>(template.members());
            members.putAll(checked);
            FisExperimentTemplate updated = template.withMembers(members, transaction.now());
            transaction.put(ResourceTypes.FIS_EXPERIMENT_TEMPLATE, updated);
            return Output.of("experimentTemplate", tree(transaction.scope(), updated));
        });
    }

    Map<String, Object> delete(Call call) {
        String id = call.input().string("id");
        return call.write(transaction -> {
            FisExperimentTemplate template = template(transaction.state(), id);
            transaction.remove(ResourceTypes.FIS_EXPERIMENT_TEMPLATE, id);
            return Output.of("experimentTemplate", tree(transaction.scope(), template));
        });
    }

    static FisExperimentTemplate template(ScopeState state, String id) {
        return state.find(ResourceTypes.FIS_EXPERIMENT_TEMPLATE, String.valueOf(id)).orElseThrow(() -> notFound("Experiment template not found."));
    }

    /** The model's {@code ExperimentTemplate}. */
    static Map<String, Object> tree(Scope scope, FisExperimentTemplate template) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", template.id());
        tree.put("arn", template.arn(scope));
        tree.putAll(template.members());
        tree.put("creationTime", template.creationTime());
        tree.put("lastUpdateTime", template.lastUpdateTime());
        tree.put("tags", template.tags());
        return tree;
    }

    private static Map<String, Object> summary(Scope scope, FisExperimentTemplate template) {
        Map<String, Object> tree = tree(scope, template);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String member : List.of("id", "arn", "description", "creationTime", "lastUpdateTime", "tags")) {
            summary.put(member, tree.get(member));
        }
        return summary;
    }
}
