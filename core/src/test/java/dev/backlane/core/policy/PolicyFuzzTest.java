package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds the validator random and mutated documents (seeded and bounded, a few seconds) and checks that
 * only findings come out: no exception, and a document without errors parses, compiles and evaluates.
 */
class PolicyFuzzTest {

    private static final int DOCUMENTS = 30_000;
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\"Statement\"", "\"Effect\"", "\"Allow\"",
            "\"Principal\"", "\"*\"", "\"Condition\"", "\"StringLike\"", "\"${aws:username}\"", "\"${\"", "null", "true", "-1e999", "0",
            "\"arn:aws:s3:::\"", "\"ForAllValues:IpAddress\"", "\"::\"", "\"10.0.0.0/99\"", "\"\\u0000\"", "\"NotPrincipal\"");

    @Test
    void validationOnlyEverReturnsFindings() {
        Random random = new Random(42);
        RandomPolicies policies = new RandomPolicies(43);
        int valid = 0;
        int malformed = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            String document = switch (random.nextInt(4)) {
                case 0 -> randomJson(random, 0);
                case 1 -> tokenSoup(random);
                default -> mutate(random, PolicyPrinter.print(policies.policy(4)));
            };
            PolicyKind kind = PolicyKind.values()[random.nextInt(PolicyKind.values().length)];
            ValidationReport report = assertDoesNotThrow(() -> PolicyValidator.validate(document, kind), document);
            report.findings().forEach(finding -> assertTrue(finding.path().startsWith("$"), finding::toString));
            if (report.findings().stream().anyMatch(finding -> finding.code() == FindingCode.MALFORMED_JSON)) {
                malformed++;
            }
            if (!report.refused()) {
                valid++;
                CompiledPolicy compiled = assertDoesNotThrow(() -> CompiledPolicy.parse(document), document);
                PolicyRequest request = policies.request();
                assertEquals(compiled.evaluate(request).decision(), compiled.decide(request), document);
            }
        }
        assertTrue(valid > DOCUMENTS / 20, "some mutants should stay valid, got " + valid);
        assertTrue(malformed > DOCUMENTS / 20, "some mutants should be malformed, got " + malformed);
    }

    private static String mutate(Random random, String document) {
        StringBuilder text = new StringBuilder(document);
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations && text.length() > 0; i++) {
            int position = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(position);
                case 1 -> text.insert(position, (char) (32 + random.nextInt(95)));
                case 2 -> text.insert(position, TOKENS.get(random.nextInt(TOKENS.size())));
                case 3 -> text.setLength(position);
                default -> {
                    int end = Math.min(text.length(), position + random.nextInt(20));
                    text.insert(position, text.substring(position, end));
                }
            }
        }
        return text.toString();
    }

    private static String tokenSoup(Random random) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(40);
        for (int i = 0; i < count; i++) {
            text.append(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return text.toString();
    }

    private static String randomJson(Random random, int depth) {
        int choice = depth > 4 ? 3 + random.nextInt(3) : random.nextInt(6);
        switch (choice) {
            case 0, 1 -> {
                StringBuilder object = new StringBuilder("{");
                int members = random.nextInt(4);
                for (int i = 0; i < members; i++) {
                    if (i > 0) {
                        object.append(',');
                    }
                    String name = List.of("Version", "Statement", "Effect", "Action", "NotAction", "Resource", "Principal", "AWS",
                            "Condition", "StringEquals", "Null", "Bool", "aws:SourceVpce", "Sid", "Id").get(random.nextInt(15));
                    object.append('"').append(name).append("\":").append(randomJson(random, depth + 1));
                }
                return object.append('}').toString();
            }
            case 2 -> {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    array.append(i > 0 ? "," : "").append(randomJson(random, depth + 1));
                }
                return array.append(']').toString();
            }
            case 3 -> {
                return List.of("\"*\"", "\"Allow\"", "\"Deny\"", "\"2012-10-17\"", "\"s3:GetObject\"", "\"arn:aws:s3:::b/*\"", "\"10.0.0.0/8\"").get(random.nextInt(7));
            }
            case 4 -> {
                return List.of("1", "true", "null", "1.5", "-0").get(random.nextInt(5));
            }
            default -> {
                return "\"" + (char) ('a' + random.nextInt(26)) + "\"";
            }
        }
    }
}
