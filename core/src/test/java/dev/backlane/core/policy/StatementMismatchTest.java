package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sentence {@code policy eval} prints for a statement that did not apply. */
class StatementMismatchTest {

    private static final CompiledPolicy ONLY_THROUGH_ENDPOINT = CompiledPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{"
            + "\"Sid\":\"OnlyVpce\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1a2b3c4d\"}}}]}");

    private static StatementMismatch mismatch(RequestContext context) {
        PolicyRequest request = PolicyRequest.of(RequestPrincipal.aws("arn:aws:iam::111122223333:role/app"), "s3:GetObject",
                "arn:aws:s3:::reports/a", context);
        return ONLY_THROUGH_ENDPOINT.evaluate(request).mismatches().get(0);
    }

    @Test
    void absentKeyIsNamedAsAbsent() {
        StatementMismatch mismatch = mismatch(RequestContext.empty());
        assertTrue(mismatch.conditionKeyAbsent());
        assertEquals("Statement 0 (Sid \"OnlyVpce\"): Condition StringEquals aws:SourceVpce is false because the request has no aws:SourceVpce",
                mismatch.describe());
    }

    @Test
    void presentKeyWithAnotherValueDidNotMatch() {
        StatementMismatch mismatch = mismatch(RequestContext.builder().add("aws:SourceVpce", "vpce-99999999").build());
        assertFalse(mismatch.conditionKeyAbsent());
        assertEquals("Statement 0 (Sid \"OnlyVpce\"): Condition StringEquals aws:SourceVpce did not match", mismatch.describe());
    }

    @Test
    void otherElementsNeverClaimAnAbsentKey() {
        PolicyRequest request = PolicyRequest.of(RequestPrincipal.aws("arn:aws:iam::111122223333:role/app"), "s3:PutObject",
                "arn:aws:s3:::reports/a", RequestContext.empty());
        StatementMismatch mismatch = ONLY_THROUGH_ENDPOINT.evaluate(request).mismatches().get(0);
        assertEquals(StatementElement.ACTION, mismatch.element());
        assertFalse(mismatch.conditionKeyAbsent());
    }
}
