package dev.backlane.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Condition block: operator names, keys and values, checking that operators exist, that
 * values parse for their operator (numbers, dates, booleans, CIDR blocks), and flagging the patterns
 * Access Analyzer warns about: set operators on single-valued keys, ForAllValues in an Allow without a
 * Null check, and (in endpoint policies) wildcards or numeric operators on system-generated identifiers.
 */
final class ConditionReader {

    // Keys AWS documents as single-valued that people often qualify with ForAnyValue/ForAllValues.
    private static final Set<String> SINGLE_VALUED_KEYS = Set.of(
            "aws:sourcevpce", "aws:sourcevpc", "aws:vpcsourceip", "aws:sourceip", "aws:principalarn",
            "aws:principalaccount", "aws:principalorgid", "aws:username", "aws:userid", "aws:securetransport",
            "aws:sourceaccount", "aws:sourcearn", "aws:resourceaccount", "aws:requestedregion", "aws:currenttime",
            "aws:epochtime", "aws:principaltype");

    // The VPC documentation forbids wildcards and numeric operators on these in endpoint policies.
    private static final Set<String> ENDPOINT_IDENTIFIER_KEYS = Set.of(
            "aws:principalaccount", "aws:sourcevpc", "aws:sourcevpce", "aws:resourceaccount", "aws:sourceaccount",
            "aws:principalorgid", "aws:resourceorgid");

    private final List<Finding> findings;
    private final Optional<PolicyKind> kind;
    private final PolicyVersion version;
    private final Optional<ServiceReferenceChecks> referenceChecks;

    ConditionReader(List<Finding> findings, Optional<PolicyKind> kind, PolicyVersion version, Optional<ServiceReferenceChecks> referenceChecks) {
        this.findings = findings;
        this.kind = kind;
        this.version = version;
        this.referenceChecks = referenceChecks;
    }

    /** The clauses, or empty when the block is broken; no block gives an empty list. */
    Optional<List<ConditionClause>> read(JsonNode node, String path, Optional<Effect> effect) {
        if (node == null) {
            return Optional.of(List.of());
        }
        if (!node.isObject()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE, "Condition must be an object of operators", path));
            return Optional.empty();
        }
        if (node.isEmpty()) {
            findings.add(new Finding(FindingCode.EMPTY_CONDITION, "The Condition block is empty; remove it", path));
        }
        List<ConditionClause> clauses = new ArrayList<>();
        boolean valid = true;
        Iterator<Map.Entry<String, JsonNode>> operators = node.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> entry = operators.next();
            String operatorPath = JsonPaths.member(path, entry.getKey());
            Optional<ConditionOperator> operator = ConditionOperator.parse(entry.getKey());
            if (operator.isEmpty()) {
                findings.add(new Finding(FindingCode.UNKNOWN_CONDITION_OPERATOR,
                        entry.getKey() + " is not a condition operator (operators are case-sensitive)", operatorPath));
                valid = false;
                continue;
            }
            if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
                findings.add(new Finding(FindingCode.WRONG_TYPE,
                        entry.getKey() + " must map at least one condition key to its values", operatorPath));
                valid = false;
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> keyEntry = keys.next();
                String keyPath = JsonPaths.member(operatorPath, keyEntry.getKey());
                Optional<List<String>> values = values(keyEntry.getValue(), keyPath, operator.get());
                if (values.isEmpty()) {
                    valid = false;
                    continue;
                }
                ConditionClause clause = new ConditionClause(operator.get(), keyEntry.getKey(), values.get());
                clauseFindings(clause, keyPath, keyEntry.getValue().isArray());
                clauses.add(clause);
            }
        }
        if (valid) {
            forAllValuesFindings(clauses, path, effect);
        }
        return valid ? Optional.of(clauses) : Optional.empty();
    }

    private Optional<List<String>> values(JsonNode node, String path, ConditionOperator operator) {
        if (isScalar(node)) {
            return Optional.of(List.of(text(node)));
        }
        if (!node.isArray() || node.isEmpty()) {
            findings.add(new Finding(FindingCode.WRONG_TYPE,
                    "A condition value must be a string, number or boolean, or a non-empty list of them", path));
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!isScalar(node.get(i))) {
                findings.add(new Finding(FindingCode.WRONG_TYPE,
                        "A condition value must be a string, number or boolean", JsonPaths.index(path, i)));
                return Optional.empty();
            }
            values.add(text(node.get(i)));
        }
        if (operator.function() == ConditionFunction.NULL && values.size() > 1) {
            findings.add(new Finding(FindingCode.REDUNDANT_VALUE, "Null takes one value, true or false", path));
        }
        return Optional.of(values);
    }

    private static boolean isScalar(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean();
    }

    /** The text AWS compares: strings as they are, numbers as written, booleans as true/false. */
    static String text(JsonNode node) {
        if (node.isBigDecimal() || node.isFloatingPointNumber()) {
            return node.decimalValue().toPlainString();
        }
        return node.asText();
    }

    private void clauseFindings(ConditionClause clause, String path, boolean listed) {
        ConditionOperator operator = clause.operator();
        String key = clause.key().toLowerCase(Locale.ROOT);
        if (clause.key().indexOf(':') < 0) {
            findings.add(new Finding(FindingCode.CONDITION_KEY_WITHOUT_PREFIX,
                    "Condition key " + clause.key() + " has no service prefix such as aws: and will match no request key", path));
        }
        referenceChecks.ifPresent(reference -> reference.conditionKey(clause.key(), path));
        if (operator.qualifier() != SetQualifier.NONE && SINGLE_VALUED_KEYS.contains(key)) {
            findings.add(new Finding(FindingCode.SET_OPERATOR_ON_SINGLE_VALUED_KEY,
                    clause.key() + " is single-valued; " + operator.qualifier().prefix()
                            + " is meant for multivalued keys and can make the condition always true or false",
                    path));
        }
        if (operator.function() == ConditionFunction.NULL && operator.qualifier() != SetQualifier.NONE) {
            findings.add(new Finding(FindingCode.SET_OPERATOR_ON_SINGLE_VALUED_KEY,
                    "Null checks whether a key exists; a set operator has no meaning for it", path));
        }
        if (kind.orElse(PolicyKind.IDENTITY) == PolicyKind.ENDPOINT && ENDPOINT_IDENTIFIER_KEYS.contains(key)) {
            boolean numeric = operator.function().valueType() == ConditionFunction.ValueType.NUMBER;
            boolean wildcard = (operator.function() == ConditionFunction.STRING_LIKE || operator.function() == ConditionFunction.STRING_NOT_LIKE)
                    || clause.values().stream().anyMatch(value -> value.contains("*") || value.contains("?"));
            if (numeric || wildcard) {
                findings.add(new Finding(FindingCode.UNSUPPORTED_ENDPOINT_CONDITION,
                        "Endpoint policies cannot use wildcards or numeric operators with " + clause.key(), path));
            }
        }
        for (int i = 0; i < clause.values().size(); i++) {
            String value = clause.values().get(i);
            String valuePath = listed ? JsonPaths.index(path, i) : path;
            valueProblem(operator.function(), value).ifPresent(problem -> findings.add(new Finding(
                    FindingCode.INVALID_CONDITION_VALUE, operator.text() + " value " + value + " " + problem, valuePath)));
            if (value.contains("${") && !version.supportsVariables() && operator.function().supportsVariables()) {
                findings.add(new Finding(FindingCode.VARIABLE_IN_OLD_VERSION,
                        "Policy variables need Version 2012-10-17; in this policy " + value + " is plain text", valuePath));
            }
            if (value.contains("${") && version.supportsVariables() && !operator.function().supportsVariables()) {
                findings.add(new Finding(FindingCode.VARIABLE_NOT_SUPPORTED,
                        operator.function().text() + " does not replace policy variables; " + value + " is matched as written", valuePath));
            }
        }
    }

    private static Optional<String> valueProblem(ConditionFunction function, String value) {
        switch (function.valueType()) {
            case STRING:
            case BINARY:
                return Optional.empty();
            case ARN:
                if (value.equals("*") || value.contains("${") || value.startsWith("arn:") && Arn.bounds(value) != null) {
                    return Optional.empty();
                }
                return Optional.of("is not an ARN of six parts");
            case NUMBER:
                return Double.isNaN(NumericValues.parse(value)) ? Optional.of("is not a number") : Optional.empty();
            case DATE:
                return DateValues.parseMillis(value) == DateValues.INVALID
                        ? Optional.of("is not an ISO 8601 date or epoch seconds") : Optional.empty();
            case BOOLEAN:
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                        ? Optional.empty() : Optional.of("is not true or false");
            case IP_ADDRESS:
                return IpRange.parse(value) == null ? Optional.of("is not an IPv4 or IPv6 address or CIDR block") : Optional.empty();
        }
        throw new AssertionError(function);
    }

    private void forAllValuesFindings(List<ConditionClause> clauses, String path, Optional<Effect> effect) {
        if (effect.orElse(Effect.DENY) != Effect.ALLOW) {
            return;
        }
        Set<String> nullChecked = new HashSet<>();
        for (ConditionClause clause : clauses) {
            if (clause.operator().function() == ConditionFunction.NULL && clause.values().contains("false")) {
                nullChecked.add(clause.key().toLowerCase(Locale.ROOT));
            }
        }
        for (ConditionClause clause : clauses) {
            if (clause.operator().qualifier() == SetQualifier.FOR_ALL_VALUES && !clause.operator().function().negated()
                    && !nullChecked.contains(clause.key().toLowerCase(Locale.ROOT))) {
                findings.add(new Finding(FindingCode.FOR_ALL_VALUES_WITH_ALLOW,
                        "ForAllValues is true when " + clause.key() + " is missing, so this Allow also applies to requests without it; add a Null check with false",
                        JsonPaths.member(JsonPaths.member(path, clause.operator().text()), clause.key())));
            }
        }
    }
}
