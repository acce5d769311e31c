package dev.backlane.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.fault.FaultCommand;
import dev.backlane.core.fault.FaultRequest;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.api.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API port's gate: calls made as a role meet the faults naming it, in the service's own error; others pass. */
class ApiCallErrorsTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final String ROLE = "arn:aws:iam::111122223333:role/orders";
    private static final Caller AS_ROLE = new Caller(SCOPE, "arn:aws:sts::111122223333:assumed-role/orders/s1", Optional.of(ROLE), false);

    private final SteppingClock clock = new SteppingClock();
    private final Faults faults = new Faults(new FaultCommand(RegionCatalog.standard()), clock, IdSource.sequential(), new EventStream());
    private final ApiCallErrors gate = new ApiCallErrors(faults);

    @AfterEach
    void close() {
        faults.close();
    }

    private void fault(String kind) {
        faults.create(FaultRequest.of(kind, Map.of("account", SCOPE.account(), "region", SCOPE.region(), "service", "ec2", "principal", ROLE))
                .withOperations(List.of("DescribeVpcs")).withPercentage(100), World.empty(), id -> Optional.empty());
    }

    @Test
    void withNoFaultEveryCallPasses() {
        assertTrue(gate.refusal("ec2", AS_ROLE, "DescribeVpcs").isEmpty());
    }

    @Test
    void theRolesCallsToTheNamedOperationGetEc2sThrottle() {
        fault("F7");
        var refused = gate.refusal("ec2", AS_ROLE, "DescribeVpcs").orElseThrow();
        assertEquals("RequestLimitExceeded", refused.code().code());
        assertEquals(503, refused.code().httpStatus());
        assertTrue(gate.refusal("ec2", AS_ROLE, "DescribeSubnets").isEmpty(), "an operation the fault does not name");
        assertTrue(gate.refusal("ec2", Caller.root(SCOPE), "DescribeVpcs").isEmpty(), "the account's root is not the role");
        assertTrue(gate.refusal("ec2", AS_ROLE.forwardedByGateway(), "DescribeVpcs").isEmpty(), "the gateway asked already");
        assertTrue(gate.refusal("ec2", new Caller(new Scope("111122223333", "eu-west-1"), AS_ROLE.principalArn(), AS_ROLE.roleArn(), false),
                "DescribeVpcs").isEmpty(), "another region");
    }

    @Test
    void internalAndUnavailableFaultsGiveEc2sOwnErrors() {
        fault("API_INTERNAL_ERROR");
        assertEquals("InternalError", gate.refusal("ec2", AS_ROLE, "DescribeVpcs").orElseThrow().code().code());
        faults.list().forEach(fault -> faults.remove(fault.id()));
        fault("API_UNAVAILABLE");
        assertEquals("ServiceUnavailable", gate.refusal("ec2", AS_ROLE, "DescribeVpcs").orElseThrow().code().code());
    }
}
