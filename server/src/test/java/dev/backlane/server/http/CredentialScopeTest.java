package dev.backlane.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialScopeTest {
    @Test
    void readsServiceRegionAndKeyFromTheAuthorizationHeader() {
        CredentialScope scope = CredentialScope.from(
                "AWS4-HMAC-SHA256 Credential=111111111111/20260101/eu-west-1/ec2/aws4_request, SignedHeaders=host, Signature=abc",
                Map.of()).orElseThrow();
        assertEquals(new CredentialScope("111111111111", "eu-west-1", "ec2"), scope);
        assertEquals("111111111111", scope.account("000000000000"));
    }

    @Test
    void readsPresignedQueryCredentials() {
        CredentialScope scope = CredentialScope.from(null, Map.of("X-Amz-Credential", "test/20260101/us-west-2/sts/aws4_request")).orElseThrow();
        assertEquals("sts", scope.service());
        assertEquals("us-west-2", scope.region());
        assertEquals("000000000000", scope.account("000000000000"), "a key that is not 12 digits selects the default account");
    }

    @Test
    void unsignedRequestsHaveNoScope() {
        assertTrue(CredentialScope.from(null, Map.of()).isEmpty());
        assertTrue(CredentialScope.from("Basic xyz", Map.of()).isEmpty());
    }
}
