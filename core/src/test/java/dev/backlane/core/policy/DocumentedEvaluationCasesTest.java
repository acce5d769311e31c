package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the table of cases in {@code evaluation-cases.jsonl}: one group per line, a policy and the
 * requests to try against it, each expected answer written from the IAM documentation's rules (the
 * group names its source). Each request is its own test. Unset request fields default to alice in
 * account 111122223333 calling s3:GetObject on arn:aws:s3:::bucket/key with no context.
 */
class DocumentedEvaluationCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_PRINCIPAL = "arn:aws:iam::111122223333:user/alice";
    private static final String DEFAULT_ACTION = "s3:GetObject";
    private static final String DEFAULT_RESOURCE = "arn:aws:s3:::bucket/key";

    @TestFactory
    Stream<DynamicNode> documentedCases() throws IOException {
        List<DynamicNode> groups = new ArrayList<>();
        for (JsonNode group : readGroups()) {
            String policyText = JSON.writeValueAsString(group.get("policy"));
            List<DynamicTest> tests = new ArrayList<>();
            int index = 0;
            for (JsonNode testCase : group.get("cases")) {
                String name = "#" + index++ + " " + describe(testCase);
                tests.add(DynamicTest.dynamicTest(name, () -> check(policyText, testCase)));
            }
            groups.add(DynamicContainer.dynamicContainer(group.get("group").asText(), tests));
        }
        return groups.stream();
    }

    @org.junit.jupiter.api.Test
    void tableHasAtLeastThreeHundredCases() throws IOException {
        int cases = 0;
        for (JsonNode group : readGroups()) {
            cases += group.get("cases").size();
            assertTrue(group.hasNonNull("source"), "every group names its documentation source");
        }
        assertTrue(cases >= 300, "only " + cases + " cases");
    }

    private static void check(String policyText, JsonNode testCase) {
        CompiledPolicy policy = CompiledPolicy.parse(policyText);
        PolicyRequest request = request(testCase);
        PolicyEvaluation evaluation = policy.evaluate(request);
        String expected = testCase.get("expect").asText();
        assertEquals(expected, evaluation.decision().text(), () -> "evaluation " + evaluation);
        assertEquals(expected, policy.decide(request).text(), "the fast path agrees with the explained one");
        if (testCase.has("statements")) {
            List<Integer> indexes = new ArrayList<>();
            testCase.get("statements").forEach(node -> indexes.add(node.asInt()));
            assertEquals(indexes, evaluation.decidingStatements().stream().map(StatementReference::index).toList());
        }
        if (testCase.has("mismatch")) {
            String element = testCase.get("mismatch").asText();
            assertTrue(evaluation.mismatches().stream().anyMatch(mismatch -> mismatch.element().text().equals(element)),
                    () -> "expected a " + element + " mismatch in " + evaluation.mismatches());
        }
        if (evaluation.decision() == Decision.IMPLICIT_DENY) {
            assertEquals(policy.policy().statements().size(), evaluation.mismatches().size(),
                    "an implicit deny explains every statement");
        }
    }

    static PolicyRequest request(JsonNode testCase) {
        String principalText = text(testCase, "principal", DEFAULT_PRINCIPAL);
        RequestPrincipal principal = switch (text(testCase, "principalType", "")) {
            case "federated" -> RequestPrincipal.federated(principalText);
            case "service" -> RequestPrincipal.service(principalText);
            default -> RequestPrincipal.parse(principalText);
        };
        RequestContext.Builder context = RequestContext.builder();
        JsonNode contextNode = testCase.get("context");
        if (contextNode != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = contextNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<String> values = new ArrayList<>();
                if (field.getValue().isArray()) {
                    field.getValue().forEach(value -> values.add(value.asText()));
                } else {
                    values.add(field.getValue().asText());
                }
                context.put(field.getKey(), values);
            }
        }
        return PolicyRequest.of(principal, text(testCase, "action", DEFAULT_ACTION), text(testCase, "resource", DEFAULT_RESOURCE), context.build());
    }

    private static String describe(JsonNode testCase) {
        StringBuilder text = new StringBuilder(testCase.get("expect").asText());
        for (String field : List.of("principal", "action", "resource", "context")) {
            if (testCase.has(field)) {
                text.append(' ').append(field).append('=').append(testCase.get(field));
            }
        }
        return text.toString();
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node.has(field) ? node.get(field).asText() : fallback;
    }

    private static List<JsonNode> readGroups() throws IOException {
        List<JsonNode> groups = new ArrayList<>();
        try (InputStream stream = DocumentedEvaluationCasesTest.class.getResourceAsStream("evaluation-cases.jsonl")) {
            assertNotNull(stream, "evaluation-cases.jsonl is on the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    groups.add(JSON.readTree(line));
                }
            }
        }
        return groups;
    }
}
