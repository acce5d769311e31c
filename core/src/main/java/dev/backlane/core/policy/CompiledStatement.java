package dev.backlane.core.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A statement compiled for evaluation: action patterns lowercased (action names ignore case),
 * resource patterns split into ARN parts, conditions compiled. Resources that contain policy variables
 * are resolved per request; everything else is ready before the first request.
 */
final class CompiledStatement {

    private final StatementReference reference;
    private final Effect effect;
    private final CompiledPrincipal principal;
    private final boolean actionNegated;
    private final Glob[] actions;
    private final boolean anyAction;
    private final boolean resourceNegated;
    private final ArnPattern[] resources;
    private final Template[] resourceTemplates;
    private final boolean anyResource;
    private final CompiledCondition[] conditions;

    CompiledStatement(int index, Statement statement, boolean variablesEnabled) {
        this.reference = new StatementReference(index, statement.sid());
        this.effect = statement.effect();
        this.principal = statement.principal().map(CompiledPrincipal::new).orElse(null);
        this.actionNegated = statement.action().negated();
        this.actions = statement.action().values().stream()
                .map(action -> Glob.compile(action.toLowerCase(Locale.ROOT)))
                .toArray(Glob[]::new);
        this.anyAction = java.util.Arrays.stream(actions).anyMatch(Glob::matchesEverything);
        this.resourceNegated = statement.resource().negated();
        List<Template> templates = statement.resource().values().stream()
                .map(resource -> Template.parse(resource, variablesEnabled))
                .toList();
        this.resources = templates.stream().filter(Template::isConstant)
                .map(template -> ArnPattern.fromGlob(template.resolvePattern(RequestContext.empty()).orElseThrow()))
                .toArray(ArnPattern[]::new);
        this.resourceTemplates = templates.stream().filter(template -> !template.isConstant()).toArray(Template[]::new);
        this.anyResource = templates.stream().anyMatch(template -> template.isConstant() && !template.hasEscapes() && template.source().equals("*"));
        this.conditions = statement.conditions().stream()
                .map(clause -> new CompiledCondition(clause, variablesEnabled))
                .toArray(CompiledCondition[]::new);
    }

    StatementReference reference() {
        return reference;
    }

    Effect effect() {
        return effect;
    }

    /**
     * Whether every element matches; the hot path, which allocates nothing for constant patterns. It
     * tests the action first because that is the cheapest test and the one that most often fails.
     */
    boolean applies(PolicyRequest request) {
        return actionMatches(request) != actionNegated
                && resourceMatches(request) != resourceNegated
                && (principal == null || principal.applies(request))
                && conditionsHold(request.context()) < 0;
    }

    /** The first element that does not match, or empty when the statement applies. */
    Optional<StatementMismatch> mismatch(PolicyRequest request) {
        if (principal != null && !principal.applies(request)) {
            return Optional.of(mismatch(principal.element()));
        }
        if (actionMatches(request) == actionNegated) {
            return Optional.of(mismatch(actionNegated ? StatementElement.NOT_ACTION : StatementElement.ACTION));
        }
        if (resourceMatches(request) == resourceNegated) {
            return Optional.of(mismatch(resourceNegated ? StatementElement.NOT_RESOURCE : StatementElement.RESOURCE));
        }
        int failed = conditionsHold(request.context());
        if (failed >= 0) {
            CompiledCondition condition = conditions[failed];
            return Optional.of(new StatementMismatch(reference, StatementElement.CONDITION, Optional.of(condition.clause().operator().text()),
                    Optional.of(condition.clause().key()), condition.failsForAbsentKey(request.context())));
        }
        return Optional.empty();
    }

    private StatementMismatch mismatch(StatementElement element) {
        return new StatementMismatch(reference, element, Optional.empty(), Optional.empty(), false);
    }

    private boolean actionMatches(PolicyRequest request) {
        if (anyAction) {
            return true;
        }
        String action = request.lowercaseAction();
        for (Glob pattern : actions) {
            if (pattern.matches(action)) {
                return true;
            }
        }
        return false;
    }

    private boolean resourceMatches(PolicyRequest request) {
        if (anyResource) {
            return true;
        }
        String resource = request.resource();
        int[] bounds = request.resourceBounds();
        for (ArnPattern pattern : resources) {
            if (pattern.matches(resource, bounds)) {
                return true;
            }
        }
        for (Template template : resourceTemplates) {
            Optional<Glob> resolved = template.resolvePattern(request.context());
            if (resolved.isPresent() && ArnPattern.fromGlob(resolved.get()).matches(resource, bounds)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first condition that does not hold, or -1 when all hold. */
    private int conditionsHold(RequestContext context) {
        for (int i = 0; i < conditions.length; i++) {
            if (!conditions[i].matches(context)) {
                return i;
            }
        }
        return -1;
    }
}
