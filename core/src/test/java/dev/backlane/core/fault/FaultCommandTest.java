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
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "principal",
                FaultRequest.of("F6", Map.of("principal", "arn:aws:iam::111122223333:role/app")));
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
    void toxicTakesToxiproxysShapeWithItsDefaults() {
        Fault fault = create(FaultRequest.of("toxic", Map.of("workloadId", WORKLOAD))
                .withToxic(ToxicRequest.of("latency", Map.of("latency", 200L, "jitter", 50L)).withStream("upstream").withToxicity(0.5)));
        Toxic toxic = fault.parameters().toxic().orElseThrow();
        assertEquals(FaultKind.TOXIC, fault.kind());
        assertEquals(new Toxic(ToxicType.LATENCY, ToxicStream.UPSTREAM, 0.5, Map.of("latency", 200L, "jitter", 50L)), toxic);
        Toxic reset = create(FaultRequest.of("TOXIC", Map.of()).withToxic(ToxicRequest.of("reset_peer", Map.of()))).parameters().toxic().orElseThrow();
        assertEquals(ToxicStream.DOWNSTREAM, reset.stream());
        assertEquals(1.0, reset.toxicity());
        assertEquals(0L, reset.attribute("timeout"));
    }

    @Test
    void badToxicsAreRefusedNamingTheMember() {
        assertRefused(ErrorCode.MISSING_PARAMETER, "toxic", FaultRequest.of("TOXIC", Map.of()));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "toxic.type", FaultRequest.of("TOXIC", Map.of()).withToxic(ToxicRequest.of("slicer", Map.of())));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "toxic.stream",
                FaultRequest.of("TOXIC", Map.of()).withToxic(ToxicRequest.of("timeout", Map.of()).withStream("sideways")));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "toxic.toxicity",
                FaultRequest.of("TOXIC", Map.of()).withToxic(ToxicRequest.of("timeout", Map.of()).withToxicity(1.5)));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "toxic.attributes.rate",
                FaultRequest.of("TOXIC", Map.of()).withToxic(ToxicRequest.of("latency", Map.of("rate", 5L))));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "toxic.attributes.latency",
                FaultRequest.of("TOXIC", Map.of()).withToxic(ToxicRequest.of("latency", Map.of("latency", -1L))));
        assertRefused(ErrorCode.MISSING_PARAMETER, "toxic.attributes.rate", FaultRequest.of("TOXIC", Map.of()).withToxic(ToxicRequest.of("bandwidth",
                Map.of())));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "toxic", FaultRequest.of("F2", Map.of()).withToxic(ToxicRequest.of("timeout", Map.of())));
    }

    @Test
    void throttlingWithOnlyALatencyDelaysWithoutThrottling() {
        Fault delayed = create(FaultRequest.of("F7", Map.of("service", "s3")).withLatency(300, 20));
        assertEquals(Optional.of(Toxic.latency(300, 20)), delayed.parameters().toxic());
        assertTrue(!delayed.parameters().throttles());
        Fault both = create(FaultRequest.of("F7", Map.of()).withPercentage(50).withLatency(300, 0));
        assertTrue(both.parameters().throttles() && both.parameters().toxic().isPresent());
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "latency", FaultRequest.of("F7", Map.of()).withLatency(0, 0));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "jitter", FaultRequest.of("F7", Map.of()).withLatency(10, 3_600_001));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "latency", FaultRequest.of("TOXIC", Map.of()).withLatency(10, 0));
    }

    @Test
    void connectionFaultsTakeTheirParametersWithDefaults() {
        assertEquals(Optional.of(StreamBreak.RESET), create(FaultRequest.of("F6", Map.of("workloadId", WORKLOAD))).parameters().mode());
        assertEquals(Optional.of(StreamBreak.STALL), create(FaultRequest.of("F6", Map.of()).withMode("STALL")).parameters().mode());
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "mode", FaultRequest.of("F6", Map.of()).withMode("drop"));
        FaultParameters spike = create(FaultRequest.of("F5", Map.of("workloadId", WORKLOAD, "service", "s3")).withTraffic(4096, 1 << 20)).parameters();
        assertEquals(Optional.of(4096L), spike.bytesPerSecond());
        assertEquals(Optional.of(1L << 20), spike.totalBytes());
        assertRefused(ErrorCode.MISSING_PARAMETER, "scope.workloadId", FaultRequest.of("F5", Map.of("service", "s3")).withTraffic(1, 1));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "totalBytes", FaultRequest.of("F5", Map.of("workloadId", WORKLOAD, "service", "s3"))
                .withTraffic(1, 0));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "bytesPerSecond", FaultRequest.of("F6", Map.of()).withTraffic(1, 1));
    }

    @Test
    void telemetryLossLosesEverythingUnlessAShareOrDelayIsGiven() {
        FaultParameters all = create(FaultRequest.of("F8", Map.of("vpcId", vpc.id()))).parameters();
        assertEquals(Optional.of(100), all.percentage());
        assertTrue(all.covers(TelemetryKind.QUERY_LOGS) && all.covers(TelemetryKind.FLOW_LOGS));
        FaultParameters late = create(FaultRequest.of("F8", Map.of()).withDelay("PT30S").withTelemetry(List.of("flowLogs"))).parameters();
        assertEquals(Optional.empty(), late.percentage());
        assertEquals(Optional.of(Duration.ofSeconds(30)), late.delay());
        assertTrue(late.covers(TelemetryKind.FLOW_LOGS) && !late.covers(TelemetryKind.METRICS));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "telemetry", FaultRequest.of("F8", Map.of()).withTelemetry(List.of("traces")));
        assertRefused(ErrorCode.INVALID_PARAMETER_VALUE, "delay", FaultRequest.of("F8", Map.of()).withDelay("PT2H"));
        assertRefused(ErrorCode.INVALID_PARAMETER_COMBINATION, "scope", FaultRequest.of("F8", Map.of("service", "s3")));
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
