package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessEvaluatorTest {

    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String EVE = "arn:aws:iam::999988887777:user/eve";
    private static final String OBJECT = "arn:aws:s3:::bucket/key";
    private static final CompiledPolicy IDENTITY_ALLOWS_GET = CompiledPolicy.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
    private static final CompiledPolicy BUCKET_ALLOWS_EVE = CompiledPolicy.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"999988887777\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}");
    private static final CompiledPolicy ENDPOINT_ONLY_OTHER_BUCKET = CompiledPolicy.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::other/*\"}]}");
    private static final CompiledPolicy ENDPOINT_DEFAULT = CompiledPolicy.parse(
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    private static final CompiledPolicy DENY_GET = CompiledPolicy.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");

    private static PolicyRequest get(String principal) {
        return PolicyRequest.of(principal, "s3:GetObject", OBJECT);
    }

    private static PolicySet set(List<CompiledPolicy> identity, CompiledPolicy resource, CompiledPolicy endpoint, CompiledPolicy scp) {
        return new PolicySet(identity, Optional.ofNullable(resource), Optional.of("111122223333"), Optional.ofNullable(endpoint), Optional.ofNullable(scp));
    }

    @Test
    void sameAccountIdentityPolicyIsEnough() {
        AccessDecision decision = AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET), null, ENDPOINT_DEFAULT, null), get(ALICE));
        assertEquals(Decision.ALLOW, decision.decision());
        assertEquals(Optional.empty(), decision.denyingLayer());
    }

    @Test
    void sameAccountResourcePolicyIsEnough() {
        CompiledPolicy bucketAllowsAlice = CompiledPolicy.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ALICE + "\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        assertEquals(Decision.ALLOW, AccessEvaluator.decide(set(List.of(), bucketAllowsAlice, null, null), get(ALICE)).decision());
    }

    @Test
    void endpointPolicyThatDoesNotAllowDeniesImplicitly() {
        AccessDecision decision = AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET), null, ENDPOINT_ONLY_OTHER_BUCKET, null), get(ALICE));
        assertEquals(Decision.IMPLICIT_DENY, decision.decision());
        assertEquals(Optional.of(PolicyLayer.ENDPOINT_POLICY), decision.denyingLayer());
        assertEquals(StatementElement.RESOURCE,
                decision.evaluations().get(PolicyLayer.ENDPOINT_POLICY).get(0).mismatches().get(0).element());
    }

    @Test
    void explicitDenyAnywhereWinsAndNamesItsLayer() {
        AccessDecision decision = AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET), DENY_GET, ENDPOINT_DEFAULT, null), get(ALICE));
        assertEquals(Decision.EXPLICIT_DENY, decision.decision());
        assertEquals(Optional.of(PolicyLayer.RESOURCE_POLICY), decision.denyingLayer());
        AccessDecision identityDeny = AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET, DENY_GET), null, null, null), get(ALICE));
        assertEquals(Optional.of(PolicyLayer.IDENTITY_POLICY), identityDeny.denyingLayer());
    }

    @Test
    void serviceControlPolicyMustAllow() {
        AccessDecision decision = AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET), null, null, ENDPOINT_ONLY_OTHER_BUCKET), get(ALICE));
        assertEquals(Optional.of(PolicyLayer.SERVICE_CONTROL_POLICY), decision.denyingLayer());
        assertEquals(Decision.ALLOW, AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET), null, null, ENDPOINT_DEFAULT), get(ALICE)).decision());
    }

    @Test
    void crossAccountNeedsBothSides() {
        assertEquals(Decision.ALLOW, AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET), BUCKET_ALLOWS_EVE, null, null), get(EVE)).decision());
        AccessDecision noIdentity = AccessEvaluator.decide(set(List.of(), BUCKET_ALLOWS_EVE, null, null), get(EVE));
        assertEquals(Optional.of(PolicyLayer.IDENTITY_POLICY), noIdentity.denyingLayer());
        AccessDecision noResource = AccessEvaluator.decide(set(List.of(IDENTITY_ALLOWS_GET), null, null, null), get(EVE));
        assertEquals(Optional.of(PolicyLayer.RESOURCE_POLICY), noResource.denyingLayer());
    }

    @Test
    void nothingAllowsIsAnImplicitDeny() {
        AccessDecision decision = AccessEvaluator.decide(set(List.of(), null, null, null), get(ALICE));
        assertEquals(Decision.IMPLICIT_DENY, decision.decision());
        assertEquals(Optional.of(PolicyLayer.IDENTITY_POLICY), decision.denyingLayer());
    }
}
