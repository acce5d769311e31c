package dev.backlane.server.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.world.World;
import org.junit.jupiter.api.Test;

/** The audit request's contract: a principal alone is refused rather than silently checking nothing. */
class AuditJsonTest {
    private static final WorldIndex EMPTY = WorldIndex.of(World.empty());

    @Test
    void aPrincipalWithoutIdentityPoliciesIsRefusedSayingWhatItNeeds() {
        ObjectNode request = PathJson.mapper().createObjectNode().put("principal", "arn:aws:iam::111122223333:role/app");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AuditJson.audit(EMPTY, request));
        assertTrue(refused.getMessage().startsWith("principal needs identityPolicies"), refused.getMessage());
    }

    @Test
    void identityPoliciesWithoutAPrincipalAreAccepted() {
        ObjectNode request = PathJson.mapper().createObjectNode();
        request.putArray("identityPolicies").add("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        assertEquals(0, AuditJson.audit(EMPTY, request).get("vpcs").size());
    }
}
