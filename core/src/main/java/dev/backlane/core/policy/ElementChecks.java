package dev.backlane.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the values of Principal, Action and Resource elements, after Access Analyzer's rules: an
 * action is {@code *} or {@code service:name} with no wildcard in the service prefix; a resource is
 * {@code *} or an ARN of six parts; a principal is {@code *}, an account ID or an IAM/STS ARN, with no
 * partial wildcards, since AWS does not expand wildcards in principals.
 */
final class ElementChecks {

    private final List<Finding> findings;

    ElementChecks(List<Finding> findings) {
        this.findings = findings;
    }

    /** A string or a non-empty list of strings. */
    Optional<List<String>> stringList(JsonNode node, String path, String name) {
        if (node.isTextual()) {
            return Optional.of(List.of(node.asText()));
        }
        if (!node.isArray()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, name + " must be a string or a list of strings", path));
            return Optional.empty();
        }
        if (node.isEmpty()) {
            findings.add(new Finding(FindingCode.EMPTY_ELEMENT, name + " must list at least one value", path));
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean valid = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isTextual()) {
                findings.add(new Finding(FindingCode.WRONG_TYPE, name + " values must be strings", JsonPaths.index(path, i)));
                valid = false;
                continue;
            }
            if (!seen.add(value.asText())) {
                findings.add(new Finding(FindingCode.REDUNDANT_VALUE,
                        value.asText() + " is listed more than once in " + name, JsonPaths.index(path, i)));
            }
            values.add(value.asText());
        }
        return valid ? Optional.of(values) : Optional.empty();
    }

    void actions(List<String> values, String path, boolean listed) {
        for (int i = 0; i < values.size(); i++) {
            String action = values.get(i);
            String valuePath = listed ? JsonPaths.index(path, i) : path;
            actionProblem(action).ifPresent(problem -> findings.add(new Finding(FindingCode.MALFORMED_ACTION,
                    "Action " + action + " " + problem, valuePath)));
            if (action.contains("${")) {
                findings.add(new Finding(FindingCode.VARIABLE_NOT_SUPPORTED,
                        "Policy variables are not replaced in actions; " + action + " is matched as written", valuePath));
            }
        }
    }

    /** Why an Action value is not {@code *} or {@code service:name}, if it is not. */
    static Optional<String> actionProblem(String action) {
        if (action.equals("*")) {
            return Optional.empty();
        }
        int colon = action.indexOf(':');
        if (colon < 0) {
            return Optional.of("must be * or service:action");
        }
        String service = action.substring(0, colon);
        String name = action.substring(colon + 1);
        if (service.isEmpty() || !service.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
            return Optional.of("has an invalid service prefix " + (service.isEmpty() ? "(empty)" : service)
                    + "; the prefix takes letters, digits and hyphens and no wildcards");
        }
        if (name.isEmpty()) {
            return Optional.of("has no action name after the colon");
        }
        if (!name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '*' || c == '?' || c == '-' || c == '_')) {
            return Optional.of("has characters that cannot appear in an action name");
        }
        return Optional.empty();
    }

    void resources(List<String> values, String path, boolean listed, PolicyVersion version) {
        for (int i = 0; i < values.size(); i++) {
            String resource = values.get(i);
            String valuePath = listed ? JsonPaths.index(path, i) : path;
            arnProblem(resource).ifPresent(problem -> findings.add(new Finding(FindingCode.INVALID_ARN,
                    "Resource " + resource + " " + problem, valuePath)));
            if (!version.supportsVariables() && resource.contains("${")) {
                findings.add(new Finding(FindingCode.VARIABLE_IN_OLD_VERSION,
                        "Policy variables need Version 2012-10-17; in this policy " + resource + " is plain text", valuePath));
            }
        }
    }

    /** Why a Resource value is not {@code *} or a well-formed ARN, if it is not. */
    static Optional<String> arnProblem(String resource) {
        if (resource.equals("*")) {
            return Optional.empty();
        }
        if (!resource.startsWith("arn:")) {
            return Optional.of("must be * or an ARN starting with arn:");
        }
        int[] bounds = Arn.bounds(resource);
        if (bounds == null) {
            return Optional.of("must have six parts, arn:partition:service:region:account:resource");
        }
        if (Arn.part(resource, bounds, 1).isEmpty()) {
            return Optional.of("has no partition");
        }
        if (Arn.part(resource, bounds, 2).isEmpty()) {
            return Optional.of("has no service");
        }
        if (Arn.part(resource, bounds, 5).isEmpty()) {
            return Optional.of("has no resource part");
        }
        String account = Arn.part(resource, bounds, 4);
        if (!account.isEmpty() && !account.contains("*") && !account.contains("?") && !account.contains("${")
                && !PrincipalNames.isAccountId(account) && !account.equals("aws")) {
            return Optional.of("has an account " + account + " that is not 12 digits");
        }
        return Optional.empty();
    }

    Optional<PrincipalElement> principal(JsonNode node, String path, boolean negated) {
        if (node.isTextual()) {
            if (node.asText().equals("*")) {
                return Optional.of(PrincipalElement.everyone(negated));
            }
            findings.add(new Finding(FindingCode.INVALID_PRINCIPAL,
                    "A principal given as a string must be \"*\"; name others as {\"AWS\": \"" + node.asText() + "\"}", path));
            return Optional.empty();
        }
        if (!node.isObject()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, "A principal must be \"*\" or an object such as {\"AWS\": ...}", path));
            return Optional.empty();
        }
        if (node.isEmpty()) {
            findings.add(new Finding(FindingCode.EMPTY_ELEMENT, "The principal names no one", path));
            return Optional.empty();
        }
        Map<PrincipalType, List<String>> identifiers = new EnumMap<>(PrincipalType.class);
        boolean valid = true;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String typePath = JsonPaths.member(path, field.getKey());
            Optional<PrincipalType> type = PrincipalType.fromKey(field.getKey());
            if (type.isEmpty()) {
                findings.add(new Finding(FindingCode.INVALID_PRINCIPAL,
                        field.getKey() + " is not a principal type; use AWS, Service, Federated or CanonicalUser", typePath));
                valid = false;
                continue;
            }
            Optional<List<String>> values = stringList(field.getValue(), typePath, field.getKey());
            if (values.isEmpty()) {
                valid = false;
                continue;
            }
            boolean listed = field.getValue().isArray();
            for (int i = 0; i < values.get().size(); i++) {
                String value = values.get().get(i);
                valid &= principalValue(type.get(), value, listed ? JsonPaths.index(typePath, i) : typePath);
            }
            identifiers.put(type.get(), values.get());
        }
        return valid ? Optional.of(new PrincipalElement(negated, false, identifiers)) : Optional.empty();
    }

    private boolean principalValue(PrincipalType type, String value, String path) {
        switch (type) {
            case AWS:
                return awsPrincipal(value, path);
            case SERVICE:
                if (value.isEmpty() || value.contains("*") || value.contains("?")) {
                    findings.add(new Finding(FindingCode.INVALID_PRINCIPAL,
                            "Service principal " + value + " must be a service name such as s3.amazonaws.com, without wildcards", path));
                    return false;
                }
                if (!value.toLowerCase(Locale.ROOT).contains(".amazonaws.com")) {
                    findings.add(new Finding(FindingCode.UNKNOWN_SERVICE_PRINCIPAL,
                            "Service principal " + value + " does not look like an AWS service name (NAME.amazonaws.com)", path));
                }
                return true;
            case FEDERATED:
            case CANONICAL_USER:
                if (value.isEmpty() || value.contains("*") || value.contains("?")) {
                    findings.add(new Finding(FindingCode.INVALID_PRINCIPAL,
                            type.key() + " principal " + value + " must name one identity, without wildcards", path));
                    return false;
                }
                return true;
        }
        throw new AssertionError(type);
    }

    private boolean awsPrincipal(String value, String path) {
        if (value.equals("*") || PrincipalNames.isAccountId(value)) {
            return true;
        }
        if (value.contains("*") || value.contains("?")) {
            findings.add(new Finding(FindingCode.INVALID_PRINCIPAL,
                    "AWS principal " + value + " has a wildcard; only \"*\" alone is allowed, use a condition such as aws:PrincipalArn with ArnLike instead",
                    path));
            return false;
        }
        int[] bounds = value.startsWith("arn:") ? Arn.bounds(value) : null;
        if (bounds == null) {
            findings.add(new Finding(FindingCode.INVALID_PRINCIPAL,
                    "AWS principal " + value + " must be \"*\", a 12-digit account ID or an IAM or STS ARN", path));
            return false;
        }
        String service = Arn.part(value, bounds, 2);
        String account = Arn.part(value, bounds, 4);
        if (!(service.equals("iam") || service.equals("sts")) || !PrincipalNames.isAccountId(account)
                || Arn.part(value, bounds, 5).isEmpty()) {
            findings.add(new Finding(FindingCode.INVALID_PRINCIPAL,
                    "AWS principal " + value + " must be an IAM or STS ARN with a 12-digit account", path));
            return false;
        }
        return true;
    }
}
