package dev.backlane.core.flowlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.endpointservice.UnsuccessfulItem;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.flowlog.FlowLogCommands.CreateFlowLogs;
import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogDestinationOptions;
import dev.backlane.core.model.FlowLogDestinationType;
import dev.backlane.core.model.FlowLogResourceType;
import dev.backlane.core.model.FlowLogTrafficType;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CreateFlowLogs and DeleteFlowLogs in core: what a request must give for each destination, and what is reported per resource. */
class FlowLogCommandsTest {
    private static final Scope SCOPE = new Scope("111122223333", "eu-west-1");
    private static final String ROLE = "arn:aws:iam::111122223333:role/flow-logs";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final VpcCommands vpcs = new VpcCommands(Quotas.awsDefaults());
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    private final FlowLogCommands commands = new FlowLogCommands();

    @Test
    void cloudWatchLogsFlowLogByGroupNameGetsTheGroupArnAndDefaults() {
        String vpcId = vpc();

        FlowLogCommands.Created created = create(request(List.of(vpcId), FlowLogDestinationType.CLOUD_WATCH_LOGS, null, "flows", ROLE, null, null));

        FlowLog flowLog = created.flowLogs().get(0);
        assertTrue(flowLog.id().startsWith("fl-"), flowLog.id());
        assertEquals("arn:aws:logs:eu-west-1:111122223333:log-group:flows", flowLog.logDestination());
        assertEquals("flows", flowLog.logGroupName());
        assertEquals(600, flowLog.maxAggregationInterval());
        assertEquals(FlowLogFormat.DEFAULT.text(), flowLog.logFormat());
        assertEquals(FlowLog.DELIVERY_SUCCEEDED, flowLog.deliverLogsStatus());
        assertEquals(NOW, flowLog.creationTime());
        assertNull(flowLog.destinationOptions());
    }

    @Test
    void cloudWatchLogsByArnTakesTheGroupNameFromIt() {
        FlowLog flowLog = create(request(List.of(vpc()), null, "arn:aws:logs:eu-west-1:111122223333:log-group:/vpc/flows", null, ROLE, null, 60))
                .flowLogs().get(0);

        assertEquals(FlowLogDestinationType.CLOUD_WATCH_LOGS, flowLog.logDestinationType());
        assertEquals("/vpc/flows", flowLog.logGroupName());
        assertEquals(60, flowLog.maxAggregationInterval());
    }

    @Test
    void cloudWatchLogsNeedsARoleAndExactlyOneOfGroupNameAndDestination() {
        String vpcId = vpc();

        assertRefused("DeliverLogsPermissionArn can't be empty if LogDestinationType is cloud-watch-logs.",
                request(List.of(vpcId), null, null, "flows", null, null, null));
        assertRefused("LogDestination can't be empty if LogGroupName is not provided.", request(List.of(vpcId), null, null, null, ROLE, null, null));
        assertRefused("Please only provide LogGroupName or only provide LogDestination.",
                request(List.of(vpcId), null, "arn:aws:logs:eu-west-1:111122223333:log-group:flows", "flows", ROLE, null, null));
    }

    @Test
    void s3TakesABucketArnWithPrefixAndNoRoleAndReportsDefaultOptions() {
        String vpcId = vpc();

        FlowLog flowLog = create(request(List.of(vpcId), FlowLogDestinationType.S3, "arn:aws:s3:::my-flow-logs/vpc", null, null, null, null))
                .flowLogs().get(0);

        assertEquals("arn:aws:s3:::my-flow-logs/vpc", flowLog.logDestination());
        assertNull(flowLog.logGroupName());
        assertEquals(FlowLogDestinationOptions.DEFAULTS, flowLog.destinationOptions());
        assertRefused("DeliverLogsPermissionArn is not applicable for s3 delivery.",
                request(List.of(vpcId), FlowLogDestinationType.S3, "arn:aws:s3:::my-flow-logs", null, ROLE, null, null));
        assertRefused("LogDestination can't be empty if LogDestinationType is s3.",
                request(List.of(vpcId), FlowLogDestinationType.S3, null, null, null, null, null));
        assertEquals(ErrorCode.INVALID_PARAMETER, refused(request(List.of(vpcId), FlowLogDestinationType.S3,
                "arn:aws:logs:eu-west-1:111122223333:log-group:flows", null, null, null, null)).code());
    }

    @Test
    void aggregationIntervalIsSixtyOrSixHundred() {
        assertRefused("Invalid Flow Log Max Aggregation Interval", request(List.of(vpc()), null, null, "flows", ROLE, null, 300));
    }

    @Test
    void aFormatWithAnUnknownFieldIsRefusedBeforeAnythingIsMade() {
        String vpcId = vpc();

        assertEquals(ErrorCode.INVALID_PARAMETER, refused(request(List.of(vpcId), null, null, "flows", ROLE, "${srcaddr} ${nope}", null)).code());
        assertEquals(0, cloud.snapshot(SCOPE).scope(SCOPE).count(ResourceTypes.FLOW_LOG));
    }

    @Test
    void unknownMalformedAndDuplicateResourcesAreUnsuccessfulWhileTheOthersGetFlowLogs() {
        String vpcId = vpc();
        create(request(List.of(vpcId), null, null, "flows", ROLE, null, null));
        String other = vpc();

        FlowLogCommands.Created created = create(request(List.of(vpcId, "vpc-0123456789abcdef0", "subnet-0123456789abcdef0", other), null, null,
                "flows", ROLE, null, null));

        assertEquals(List.of(other), created.flowLogs().stream().map(FlowLog::resourceId).toList());
        assertEquals(List.of(ErrorCode.FLOW_LOG_ALREADY_EXISTS, ErrorCode.INVALID_VPC_ID_NOT_FOUND, ErrorCode.INVALID_VPC_ID_MALFORMED),
                created.unsuccessful().stream().map(UnsuccessfulItem::code).toList());
        assertEquals("Error. There is an existing Flow Log with the same configuration and log destination.",
                created.unsuccessful().get(0).message());
    }

    @Test
    void anotherTrafficTypeOrDestinationIsNotADuplicate() {
        String vpcId = vpc();
        create(request(List.of(vpcId), null, null, "flows", ROLE, null, null));

        assertEquals(1, create(new CreateFlowLogs(FlowLogResourceType.VPC, List.of(vpcId), FlowLogTrafficType.REJECT, null, null, "flows", ROLE, null,
                null, null, null)).flowLogs().size());
        assertEquals(1, create(request(List.of(vpcId), null, null, "other-flows", ROLE, null, null)).flowLogs().size());
    }

    @Test
    void transitGatewaysAreNotModelled() {
        AwsException error = refused(new CreateFlowLogs(FlowLogResourceType.TRANSIT_GATEWAY, List.of("tgw-0123456789abcdef0"), null, null, null,
                "flows", ROLE, null, null, null, null));

        assertEquals(ErrorCode.UNSUPPORTED, error.code());
    }

    @Test
    void deleteReportsUnknownIdsAndRemovesTheRest() {
        String id = create(request(List.of(vpc()), null, null, "flows", ROLE, null, null)).flowLogs().get(0).id();

        List<UnsuccessfulItem> unsuccessful = cloud.write(SCOPE, transaction -> commands.delete(transaction, List.of(id, "fl-0123456789abcdef0", "x")));

        assertEquals(List.of("fl-0123456789abcdef0", "x"), unsuccessful.stream().map(UnsuccessfulItem::resourceId).toList());
        assertEquals(ErrorCode.INVALID_FLOW_LOG_ID_NOT_FOUND, unsuccessful.get(0).code());
        assertEquals(0, cloud.snapshot(SCOPE).scope(SCOPE).count(ResourceTypes.FLOW_LOG));
    }

    @Test
    void deletingTheVpcDeletesItsFlowLogs() {
        String vpcId = vpc();
        create(request(List.of(vpcId), null, null, "flows", ROLE, null, null));

        cloud.write(SCOPE, transaction -> {
            vpcs.delete(transaction, vpcId);
            return null;
        });

        assertEquals(0, cloud.snapshot(SCOPE).scope(SCOPE).count(ResourceTypes.FLOW_LOG));
    }

    private String vpc() {
        return cloud.write(SCOPE, transaction -> vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null))).id();
    }

    private static CreateFlowLogs request(List<String> ids, FlowLogDestinationType type, String destination, String groupName, String role,
            String format, Integer interval) {
        return new CreateFlowLogs(FlowLogResourceType.VPC, ids, FlowLogTrafficType.ALL, type, destination, groupName, role, null, format, interval,
                null);
    }

    private FlowLogCommands.Created create(CreateFlowLogs request) {
        return cloud.write(SCOPE, transaction -> commands.create(transaction, request));
    }

    private AwsException refused(CreateFlowLogs request) {
        return assertThrows(AwsException.class, () -> create(request));
    }

    private void assertRefused(String message, CreateFlowLogs request) {
        AwsException error = refused(request);
        assertEquals(ErrorCode.INVALID_PARAMETER, error.code());
        assertEquals(message, error.getMessage());
    }
}
