package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties that hold for every policy, checked on seeded random policies and requests. */
class PolicyPropertiesTest {

    private static final int POLICIES = 2_000;
    private static final int REQUESTS_PER_POLICY = 20;

    @Test
    void policyOfOnlyDenyStatementsNeverAllows() {
        RandomPolicies generator = new RandomPolicies(1);
        int explicitDenies = 0;
        for (int i = 0; i < POLICIES; i++) {
            Policy random = generator.policy(5);
            List<Statement> denies = random.statements().stream()
                    .map(statement -> new Statement(statement.sid(), Effect.DENY, statement.principal(), statement.action(), statement.resource(), statement.conditions()))
                    .toList();
            CompiledPolicy policy = CompiledPolicy.compile(new Policy(random.version(), random.id(), denies));
            for (int j = 0; j < REQUESTS_PER_POLICY; j++) {
                PolicyRequest request = generator.request();
                Decision decision = policy.decide(request);
                assertNotEquals(Decision.ALLOW, decision, () -> PolicyPrinter.print(policy.policy()) + " " + request);
                explicitDenies += decision == Decision.EXPLICIT_DENY ? 1 : 0;
            }
        }
        assertTrue(explicitDenies > POLICIES, "the generator should produce matching denies often, got " + explicitDenies);
    }

    @Test
    void addingADenyNeverTurnsADenyIntoAnAllow() {
        RandomPolicies generator = new RandomPolicies(2);
        int allowsSeen = 0;
        for (int i = 0; i < POLICIES; i++) {
            Policy original = generator.policy(5);
            List<Statement> statements = new ArrayList<>(original.statements());
            statements.add(generator.random().nextInt(statements.size() + 1), generator.statement(Effect.DENY, 99));
            CompiledPolicy before = CompiledPolicy.compile(original);
            CompiledPolicy after = CompiledPolicy.compile(new Policy(original.version(), original.id(), statements));
            for (int j = 0; j < REQUESTS_PER_POLICY; j++) {
                PolicyRequest request = generator.request();
                Decision was = before.decide(request);
                Decision is = after.decide(request);
                allowsSeen += was == Decision.ALLOW ? 1 : 0;
                if (was != Decision.ALLOW) {
                    assertNotEquals(Decision.ALLOW, is, () -> PolicyPrinter.print(after.policy()) + " " + request);
                }
                if (was == Decision.EXPLICIT_DENY) {
                    assertEquals(Decision.EXPLICIT_DENY, is);
                }
            }
        }
        assertTrue(allowsSeen > POLICIES, "the generator should produce allows often, got " + allowsSeen);
    }

    @Test
    void parsePrintParseGivesTheSamePolicy() {
        RandomPolicies generator = new RandomPolicies(3);
        for (int i = 0; i < POLICIES; i++) {
            Policy policy = generator.policy(6);
            String printed = PolicyPrinter.print(policy);
            Policy parsed = PolicyParser.parse(printed);
            assertEquals(policy, parsed, printed);
            assertEquals(printed, PolicyPrinter.print(parsed));
        }
    }

    @Test
    void fastAndExplainedEvaluationAgree() {
        RandomPolicies generator = new RandomPolicies(4);
        for (int i = 0; i < POLICIES; i++) {
            CompiledPolicy policy = CompiledPolicy.compile(generator.policy(6));
            for (int j = 0; j < REQUESTS_PER_POLICY; j++) {
                PolicyRequest request = generator.request();
                assertEquals(policy.evaluate(request).decision(), policy.decide(request));
            }
        }
    }
}
