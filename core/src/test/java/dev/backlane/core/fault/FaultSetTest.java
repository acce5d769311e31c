package dev.backlane.core.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultSetTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
    private static final FaultSubject CALL = FaultSubject.in(new Scope("111122223333", "us-east-1")).with(Field.SERVICE, "s3")
            .with(Field.VPC, "vpc-1").with(Field.NETWORK_INTERFACE, "eni-1");

    @Test
    void aScopeCoversSubjectsThatHaveEachOfItsValues() {
        assertTrue(FaultScope.everything().covers(CALL));
        assertTrue(new FaultScope(Map.of(Field.SERVICE, "S3", Field.ACCOUNT, "111122223333")).covers(CALL));
        assertFalse(new FaultScope(Map.of(Field.SERVICE, "sqs")).covers(CALL));
        assertFalse(new FaultScope(Map.of(Field.SUBNET, "subnet-1")).covers(CALL), "a subject that does not know the subnet is outside");
    }

    @Test
    void aWorkloadScopeCoversItsInterfaceWhenTheSubjectKnowsNoWorkload() {
        FaultScope workload = new FaultScope(Map.of(Field.WORKLOAD, "wl-1", Field.NETWORK_INTERFACE, "eni-1"));
        assertTrue(workload.covers(CALL));
        assertFalse(workload.covers(CALL.with(Field.WORKLOAD, "wl-2")));
        assertFalse(new FaultScope(Map.of(Field.WORKLOAD, "wl-1", Field.NETWORK_INTERFACE, "eni-2")).covers(CALL));
    }

    @Test
    void theSetAnswersByKindAndScope() {
        Fault throttle = fault("fault-1", FaultKind.F7_THROTTLING, Map.of(Field.SERVICE, "s3"));
        Fault other = fault("fault-2", FaultKind.F7_THROTTLING, Map.of(Field.SERVICE, "sqs"));
        Fault drop = fault("fault-3", FaultKind.F2_SECURITY_GROUP_DROP, Map.of());
        FaultSet set = FaultSet.of(List.of(throttle, other, drop));
        assertEquals(List.of(throttle), set.all(FaultKind.F7_THROTTLING, CALL));
        assertEquals(Optional.of(drop), set.first(FaultKind.F2_SECURITY_GROUP_DROP, CALL));
        assertEquals(Optional.empty(), set.first(FaultKind.F1_PUBLIC_DNS, CALL));
        assertFalse(set.has(FaultKind.F4_POLICY_DENY));
        assertTrue(FaultSet.of(List.of()) == FaultSet.none());
        assertEquals(set, FaultSet.of(List.of(throttle, other, drop)));
    }

    static Fault fault(String id, FaultKind kind, Map<Field, String> scope) {
        return new Fault(id, kind, new FaultScope(scope), FaultParameters.none(), START, START.plusSeconds(60));
    }
}
