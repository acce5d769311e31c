package dev.backlane.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a policy document into the model while collecting findings with the path of each element.
 * It checks the document's shape (elements, types, required and exclusive elements) and delegates the
 * syntax of values to {@link ElementChecks} and the Condition block to {@link ConditionReader}. With a
 * kind (validation) it also applies the kind's rules about principals and checks names against AWS's
 * Service Authorization Reference ({@link ServiceReferenceChecks}); without one (plain parsing) it does
 * neither. The policy is kept unless a finding is one for which AWS refuses the document.
 */
final class PolicyReader {

    /** AWS's limit for endpoint policies, counting every character including white space. */
    static final int MAXIMUM_CHARACTERS = 20_480;

    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");

    /** A read document: the policy when there were no errors, and every finding. */
    record Result(Optional<Policy> policy, ValidationReport report) {
    }

    private final Optional<PolicyKind> kind;
    private final List<Finding> findings = new ArrayList<>();
    private final ElementChecks checks = new ElementChecks(findings);
    private final Optional<ServiceReferenceChecks> referenceChecks;
    private PolicyVersion version = PolicyVersion.V2008_10_17;

    private PolicyReader(Optional<PolicyKind> kind) {
        this.kind = kind;
        this.referenceChecks = kind.map(ignored -> new ServiceReferenceChecks(findings, ServiceReference.standard()));
    }

    static Result read(String json, Optional<PolicyKind> kind) {
        return new PolicyReader(kind).readDocument(json);
    }

    private Result readDocument(String json) {
        if (json.length() > MAXIMUM_CHARACTERS) {
            findings.add(new Finding(FindingCode.POLICY_TOO_LARGE,
                    "The policy has " + json.length() + " characters; the limit is " + MAXIMUM_CHARACTERS + " including white space",
                    JsonPaths.ROOT));
        }
        Optional<JsonNode> root = new JsonDocumentReader(findings).read(json);
        if (root.isEmpty()) {
            return new Result(Optional.empty(), new ValidationReport(findings));
        }
        Optional<Policy> policy = readPolicy(root.get());
        ValidationReport report = new ValidationReport(findings);
        return new Result(report.refused() ? Optional.empty() : policy, report);
    }

    private Optional<Policy> readPolicy(JsonNode root) {
        String path = JsonPaths.ROOT;
        if (!root.isObject()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, "The policy document must be a JSON object", path));
            return Optional.empty();
        }
        unknownElements(root, path, DOCUMENT_ELEMENTS, "policy");
        Optional<PolicyVersion> declared = readVersion(root.get("Version"), JsonPaths.member(path, "Version"));
        version = declared.orElse(PolicyVersion.V2008_10_17);
        Optional<String> id = optionalText(root.get("Id"), JsonPaths.member(path, "Id"), "Id");
        JsonNode statementNode = root.get("Statement");
        String statementPath = JsonPaths.member(path, "Statement");
        List<Statement> statements = new ArrayList<>();
        boolean complete = true;
        if (statementNode == null) {
            findings.add(new Finding(FindingCode.MISSING_STATEMENT, "The policy has no Statement element", path));
            complete = false;
        } else if (statementNode.isObject()) {
            complete = addStatement(statements, statementNode, statementPath);
        } else if (statementNode.isArray()) {
            if (statementNode.isEmpty()) {
                findings.add(new Finding(FindingCode.EMPTY_ELEMENT, "The Statement list is empty", statementPath));
                complete = false;
            }
            for (int i = 0; i < statementNode.size(); i++) {
                complete &= addStatement(statements, statementNode.get(i), JsonPaths.index(statementPath, i));
            }
        } else {
            findings.add(new Finding(FindingCode.WRONG_TYPE, "Statement must be an object or a list of objects", statementPath));
            complete = false;
        }
        duplicateSids(statementNode, statementPath);
        return complete ? Optional.of(new Policy(declared, id, statements)) : Optional.empty();
    }

    private Optional<PolicyVersion> readVersion(JsonNode node, String path) {
        if (node == null) {
            findings.add(new Finding(FindingCode.MISSING_VERSION,
                    "The policy has no Version, so AWS reads it as 2008-10-17, where policy variables are plain text; add \"Version\": \"2012-10-17\"",
                    JsonPaths.ROOT));
            return Optional.empty();
        }
        if (!node.isTextual()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, "Version must be a string", path));
            return Optional.empty();
        }
        Optional<PolicyVersion> version = PolicyVersion.fromText(node.asText());
        if (version.isEmpty()) {
            findings.add(new Finding(FindingCode.INVALID_VERSION,
                    "Version " + node.asText() + " is not one of 2012-10-17 and 2008-10-17", path));
        }
        return version;
    }

    private boolean addStatement(List<Statement> statements, JsonNode node, String path) {
        Optional<Statement> statement = readStatement(node, path);
        statement.ifPresent(statements::add);
        return statement.isPresent();
    }

    private Optional<Statement> readStatement(JsonNode node, String path) {
        if (!node.isObject()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, "A statement must be a JSON object", path));
            return Optional.empty();
        }
        unknownElements(node, path, STATEMENT_ELEMENTS, "statement");
        Optional<String> sid = optionalText(node.get("Sid"), JsonPaths.member(path, "Sid"), "Sid");
        Optional<Effect> effect = readEffect(node.get("Effect"), path);
        Optional<Optional<PrincipalElement>> principal = readPrincipal(node, path, effect);
        Optional<ValueElement> action = readValues(node, path, "Action", "NotAction", FindingCode.MISSING_ACTION);
        action.ifPresent(element -> actionFindings(element, node, path, effect));
        Optional<ValueElement> resource = readValues(node, path, "Resource", "NotResource", FindingCode.MISSING_RESOURCE);
        resource.ifPresent(element -> resourceFindings(element, node, path));
        Optional<List<ConditionClause>> conditions =
                new ConditionReader(findings, kind, version, referenceChecks).read(node.get("Condition"), JsonPaths.member(path, "Condition"), effect);
        if (effect.isEmpty() || principal.isEmpty() || action.isEmpty() || resource.isEmpty() || conditions.isEmpty()) {
            return Optional.empty();
        }
        Statement statement = new Statement(sid, effect.get(), principal.get(), action.get(), resource.get(), conditions.get());
        referenceChecks.ifPresent(reference -> {
            String name = resource.get().negated() ? "NotResource" : "Resource";
            reference.resources(action.get(), resource.get(), JsonPaths.member(path, name), node.get(name).isArray());
        });
        grantFindings(statement, path);
        return Optional.of(statement);
    }

    private Optional<Effect> readEffect(JsonNode node, String statementPath) {
        String path = JsonPaths.member(statementPath, "Effect");
        if (node == null) {
            findings.add(new Finding(FindingCode.MISSING_EFFECT, "The statement has no Effect", statementPath));
            return Optional.empty();
        }
        if (!node.isTextual()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, "Effect must be the string Allow or Deny", path));
            return Optional.empty();
        }
        Optional<Effect> effect = Effect.fromText(node.asText());
        if (effect.isEmpty()) {
            findings.add(new Finding(FindingCode.INVALID_EFFECT, "Effect " + node.asText() + " is neither Allow nor Deny", path));
        }
        return effect;
    }

    /** Empty when the element is broken; a present empty Optional when the statement has no principal. */
    private Optional<Optional<PrincipalElement>> readPrincipal(JsonNode node, String path, Optional<Effect> effect) {
        JsonNode positive = node.get("Principal");
        JsonNode negative = node.get("NotPrincipal");
        if (positive != null && negative != null) {
            findings.add(new Finding(FindingCode.MUTUALLY_EXCLUSIVE_ELEMENTS,
                    "A statement cannot have both Principal and NotPrincipal", JsonPaths.member(path, "NotPrincipal")));
            return Optional.empty();
        }
        if (positive == null && negative == null) {
            if (kind.isPresent() && kind.get().requiresPrincipal()) {
                findings.add(new Finding(FindingCode.MISSING_PRINCIPAL,
                        "The statement has no Principal; " + kindName() + " policies must name principals", path));
                return Optional.empty();
            }
            return Optional.of(Optional.empty());
        }
        boolean negated = negative != null;
        String name = negated ? "NotPrincipal" : "Principal";
        String elementPath = JsonPaths.member(path, name);
        if (kind.isPresent() && !kind.get().requiresPrincipal()) {
            findings.add(new Finding(FindingCode.PRINCIPAL_NOT_ALLOWED,
                    "Identity policies cannot have a " + name + " element; the principal is the identity the policy is attached to",
                    elementPath));
        }
        if (negated && effect.orElse(Effect.DENY) == Effect.ALLOW) {
            findings.add(new Finding(FindingCode.ALLOW_WITH_NOT_PRINCIPAL,
                    "Allow with NotPrincipal grants access to every principal not listed, including anonymous callers",
                    elementPath));
        }
        return checks.principal(negated ? negative : positive, elementPath, negated).map(Optional::of);
    }

    private String kindName() {
        return kind.map(value -> value.name().toLowerCase(java.util.Locale.ROOT)).orElse("these");
    }

    private Optional<ValueElement> readValues(JsonNode node, String path, String name, String negatedName, FindingCode missing) {
        JsonNode positive = node.get(name);
        JsonNode negative = node.get(negatedName);
        if (positive != null && negative != null) {
            findings.add(new Finding(FindingCode.MUTUALLY_EXCLUSIVE_ELEMENTS,
                    "A statement cannot have both " + name + " and " + negatedName, JsonPaths.member(path, negatedName)));
            return Optional.empty();
        }
        if (positive == null && negative == null) {
            findings.add(new Finding(missing, "The statement has neither " + name + " nor " + negatedName, path));
            return Optional.empty();
        }
        boolean negated = negative != null;
        String elementPath = JsonPaths.member(path, negated ? negatedName : name);
        return checks.stringList(negated ? negative : positive, elementPath, negated ? negatedName : name)
                .map(values -> new ValueElement(negated, values));
    }

    private void actionFindings(ValueElement element, JsonNode node, String path, Optional<Effect> effect) {
        String elementPath = JsonPaths.member(path, element.negated() ? "NotAction" : "Action");
        boolean listed = node.get(element.negated() ? "NotAction" : "Action").isArray();
        checks.actions(element.values(), elementPath, listed);
        referenceChecks.ifPresent(reference -> reference.actions(element.values(), elementPath, listed));
        if (element.negated() && effect.orElse(Effect.DENY) == Effect.ALLOW) {
            findings.add(new Finding(FindingCode.ALLOW_WITH_NOT_ACTION,
                    "Allow with NotAction allows every action not listed, including actions added to AWS later", elementPath));
        }
    }

    private void resourceFindings(ValueElement element, JsonNode node, String path) {
        String name = element.negated() ? "NotResource" : "Resource";
        checks.resources(element.values(), JsonPaths.member(path, name), node.get(name).isArray(), version);
    }

    private void grantFindings(Statement statement, String path) {
        if (statement.effect() != Effect.ALLOW || !statement.conditions().isEmpty()) {
            return;
        }
        boolean allActions = statement.action().negated() || statement.action().values().contains("*");
        boolean allResources = statement.resource().negated() || statement.resource().values().contains("*");
        boolean everyone = statement.principal().map(principal -> principal.negated() || principal.anyone()
                || principal.identifiers(PrincipalType.AWS).contains("*")).orElse(false);
        if (allActions && allResources) {
            findings.add(new Finding(FindingCode.BROAD_GRANT,
                    "The statement allows every action on every resource" + (everyone ? " to everyone" : "")
                            + " without a condition; grant only what is needed",
                    path));
        } else if (everyone && kind.orElse(PolicyKind.IDENTITY) == PolicyKind.RESOURCE) {
            findings.add(new Finding(FindingCode.PUBLIC_ACCESS,
                    "The statement allows access to everyone, including anonymous callers, without a condition", path));
        }
    }

    private Optional<String> optionalText(JsonNode node, String path, String name) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, name + " must be a string", path));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private void unknownElements(JsonNode node, String path, Set<String> known, String where) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (!known.contains(name)) {
                findings.add(new Finding(FindingCode.UNKNOWN_ELEMENT,
                        name + " is not a " + where + " element (elements are case-sensitive)", JsonPaths.member(path, name)));
            }
        }
    }

    private void duplicateSids(JsonNode statementNode, String statementPath) {
        if (statementNode == null || !statementNode.isArray()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < statementNode.size(); i++) {
            JsonNode sid = statementNode.get(i).get("Sid");
            if (sid != null && sid.isTextual() && !seen.add(sid.asText())) {
                findings.add(new Finding(FindingCode.DUPLICATE_SID,
                        "Sid " + sid.asText() + " is used by more than one statement; Sids must be unique within a policy",
                        JsonPaths.member(JsonPaths.index(statementPath, i), "Sid")));
            }
        }
    }
}
