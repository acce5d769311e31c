package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalKeysTest {
    @Test
    void principalTypeAndTheIdsTheArnCarries() {
        assertEquals(Map.of("aws:PrincipalType", "Account", "aws:userid", "111122223333"), PrincipalKeys.of("arn:aws:iam::111122223333:root"));
        assertEquals(Map.of("aws:PrincipalType", "Account", "aws:userid", "111122223333"), PrincipalKeys.of("111122223333"));
        assertEquals(Map.of("aws:PrincipalType", "User", "aws:username", "alice"), PrincipalKeys.of("arn:aws:iam::111122223333:user/dev/alice"));
        assertEquals(Map.of("aws:PrincipalType", "AssumedRole"), PrincipalKeys.of("arn:aws:iam::111122223333:role/app"));
        assertEquals(Map.of("aws:PrincipalType", "AssumedRole"), PrincipalKeys.of("arn:aws:sts::111122223333:assumed-role/app/session-1"));
        assertEquals(Map.of("aws:PrincipalType", "FederatedUser", "aws:userid", "111122223333:bob"),
                PrincipalKeys.of("arn:aws:sts::111122223333:federated-user/bob"));
        assertEquals(Map.of("aws:PrincipalType", "Anonymous", "aws:userid", "anonymous"), PrincipalKeys.of("*"));
        assertEquals(Map.of(), PrincipalKeys.of("s3.amazonaws.com"));
    }
}
