package dev.backlane.core.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.AnalysisWorld;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.traffic.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultCommandTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String WORKLOAD = "wl-0123456789abcdef0";

    private final AnalysisWorld world = new AnalysisWorld();
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    private final FaultCommand command = new FaultCommand(RegionCatalog.standard());
    private final Workload workload = new Workload(WORKLOAD, AnalysisWorld.SCOPE, "eni-0123456789abcdef0", Optional.empty(),
            "arn:aws:iam::111122223333:role/app", true);

    @Test
    void throttlingFaultDefaultsToEveryCallForTenMinutesFromNow() {
        Fault fault = create(FaultRequest.of("f7", Map.of("service", "s3", "vpcId", vpc.id())));
        assertEquals(FaultKind.F7_THROTTLING, fault.kind());
        assertTrue(fault.id().matches("fault-[0-9a-f]{17}"), fault.id());
        assertEquals(Optional.of(100), fault.parameters().percentage());
        assertEquals(NOW, fault.startTime());
        assertEquals(NOW.plus(Duration.ofMinutes(10)), fault.endTime());
        assertEquals(Optional.of("s3"), fault.scope().get(FaultScope.Field.SERVICE));
    }

    @Test
    void workloadScopeRecordsTheWorkloadsInterface() {
        Fault fault = create(FaultRequest.of("F2", Map.of("workloadId", WORKLOAD)));
        assertEquals(Optional.of(workload.networkInterfaceId()), fault.scope().get(FaultScope.Field.NETWORK_INTERFACE));
    }

    @Test
    void startTimeAndDurationAreTheTimeBox() {
        Fault fault = create(FaultRequest.of("F1", Map.of()).withStartTime("2026-01-02T04:00:00Z").withDuration("PT30S"));
        assertEquals(Instant.parse("2026-01-02T04:00:00Z"), fault.startTime());
        assertEquals(Instant.parse("2026-01-02T04:00:30Z"), fault.endTime());
        assertTrue(!fault.activeAt(NOW) && fault.activeAt(fault.startTime()) && !fault.activeAt(fault.endTime()));
    }

    @Test
    void badInputIsRefusedNamingTheParameter() {
        assertRefused(ErrorCode.MISSING_PARAMETER, "kind", new FaultRequest(Optional.empty(), Map.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "kind", FaultRequest.of("F9", Map.of()));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "F6", FaultRequest.of("F6", Map.of()));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "vpc", FaultRequest.of("F2", Map.of("vpc", vpc.id())));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "subnetId", FaultRequest.of("F1", Map.of("subnetId", "subnet-1")));
        assertRefused(ErrorCode.INVALID_VPC_ID_NOT_FOUND, "vpc-0000000000000000f", FaultRequest.of("F2", Map.of("vpcId", "vpc-0000000000000000f")));
        assertRefused(ErrorCode.INVALID_VPC_ENDPOINT_ID_NOT_FOUND, "vpce-1", FaultRequest.of("F2", Map.of("vpcEndpointId", "vpce-1")));
        assertRefused(ErrorCode.INVALID_ZONE_NOT_FOUND, "us-east-1z", FaultRequest.of("F3", Map.of("availabilityZone", "us-east-1z")));
        assertRefused(ErrorCode.MISSING_PARAMETER, "availabilityZone", FaultRequest.of("F3", Map.of()));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "scope.account", FaultRequest.of("F7", Map.of("account", "12")));
        assertRefused(ErrorCode.INVALID_REGION_NOT_FOUND, "mars-1", FaultRequest.of("F7", Map.of("region", "mars-1")));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "scope.principal", FaultRequest.of("F4", Map.of("principal", "app")));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "scope.workloadId", FaultRequest.of("F7", Map.of("workloadId", "wl-00000000000000000")));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "percentage", FaultRequest.of("F2", Map.of()).withPercentage(50));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "actions", FaultRequest.of("F7", Map.of()).withActions(List.of("s3:GetObject")));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "percentage", FaultRequest.of("F7", Map.of()).withPercentage(0));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "percentage", FaultRequest.of("F7", Map.of()).withPercentage(101));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "requestsPerSecond",
                FaultRequest.of("F7", Map.of()).withPercentage(5).withRequestsPerSecond(1));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "requestsPerSecond", FaultRequest.of("F7", Map.of()).withRequestsPerSecond(-1));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "operations", FaultRequest.of("F7", Map.of()).withOperations(List.of("get-object")));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "actions", FaultRequest.of("F4", Map.of()).withActions(List.of("GetObject")));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "duration", FaultRequest.of("F7", Map.of()).withDuration("5m"));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "duration", FaultRequest.of("F7", Map.of()).withDuration("PT12H1S"));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "duration", FaultRequest.of("F7", Map.of()).withDuration("PT0S"));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "startTime", FaultRequest.of("F7", Map.of()).withStartTime("yesterday"));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "in the past", FaultRequest.of("F7", Map.of()).withStartTime("2026-01-01T00:00:00Z"));
    }

    @Test
    void resourcesAreLookedForInTheScopesAccountAndRegion() {
        assertRefused(ErrorCode.INVALID_VPC_ID_NOT_FOUND, vpc.id(),
                FaultRequest.of("F2", Map.of("vpcId", vpc.id(), "account", "999999999999", "region", "us-east-1")));
        Fault inItsScope = create(FaultRequest.of("F2", Map.of("vpcId", vpc.id(), "account", AnalysisWorld.SCOPE.account(), "region", "us-east-1")));
        assertEquals(Optional.of(vpc.id()), inItsScope.scope().get(FaultScope.Field.VPC));
    }

    private Fault create(FaultRequest request) {
        return command.create(request, world.world(), id -> id.equals(WORKLOAD) ? Optional.of(workload.networkInterfaceId()) : Optional.empty(), NOW,
                IdSource.sequential());
    }

    private void assertRefused(ErrorCode code, String named, FaultRequest request) {
        AwsException refused = assertThrows(AwsException.class, () -> create(request));
        assertEquals(code, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }
}
