package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CreateFlowLogs, DescribeFlowLogs and DeleteFlowLogs on the wire: members, per-resource failures, filters, paging and tags. */
class FlowLogOperationsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/flow-logs";

    private final TestApi api = new TestApi();
    private final NetworkFixture fixture = new NetworkFixture(api);

    @Test
    void cloudWatchLogsFlowLogIsDescribedWithAwsMembersAndTags() {
        String vpcId = fixture.defaultVpcId();
        TestApi.Response created = api.ec2("CreateFlowLogs", "ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "ALL",
                "LogGroupName", "flows", "DeliverLogsPermissionArn", ROLE, "ClientToken", "token-1",
                "TagSpecification.1.ResourceType", "vpc-flow-log", "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "audit")
                .assertOk();
        String id = created.text("//flowLogIdSet/item");
        assertTrue(id.matches("fl-[0-9a-f]{17}"), id);
        assertEquals("token-1", created.text("//clientToken"));

        TestApi.Response described = api.ec2("DescribeFlowLogs", "FlowLogId.1", id).assertOk();
        assertEquals(vpcId, described.text("//flowLogSet/item/resourceId"));
        assertEquals("ACTIVE", described.text("//flowLogSet/item/flowLogStatus"));
        assertEquals("SUCCESS", described.text("//flowLogSet/item/deliverLogsStatus"));
        assertEquals("cloud-watch-logs", described.text("//flowLogSet/item/logDestinationType"));
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:flows", described.text("//flowLogSet/item/logDestination"));
        assertEquals("flows", described.text("//flowLogSet/item/logGroupName"));
        assertEquals("600", described.text("//flowLogSet/item/maxAggregationInterval"));
        assertEquals(ROLE, described.text("//flowLogSet/item/deliverLogsPermissionArn"));
        assertTrue(described.text("//flowLogSet/item/logFormat").startsWith("${version} ${account-id}"));
        assertEquals("audit", described.text("//flowLogSet/item/tagSet/item[key='Name']/value"));
        assertEquals("2026-01-02T03:04:05.000Z", described.text("//flowLogSet/item/creationTime"));
    }

    @Test
    void s3FlowLogReportsItsDestinationOptions() {
        String id = api.ec2("CreateFlowLogs", "ResourceType", "Subnet", "ResourceId.1", fixture.defaultSubnet().id(), "TrafficType", "REJECT",
                "LogDestinationType", "s3", "LogDestination", "arn:aws:s3:::flow-bucket/vpc", "DestinationOptions.FileFormat", "parquet",
                "DestinationOptions.PerHourPartition", "true", "MaxAggregationInterval", "60").assertOk().text("//flowLogIdSet/item");

        TestApi.Response described = api.ec2("DescribeFlowLogs", "FlowLogId.1", id).assertOk();
        assertEquals("parquet", described.text("//flowLogSet/item/destinationOptions/fileFormat"));
        assertEquals("true", described.text("//flowLogSet/item/destinationOptions/perHourPartition"));
        assertEquals("false", described.text("//flowLogSet/item/destinationOptions/hiveCompatiblePartitions"));
        assertEquals("60", described.text("//flowLogSet/item/maxAggregationInterval"));
        assertNull(described.text("//flowLogSet/item/logGroupName"));
    }

    @Test
    void unknownAndDuplicateResourcesAreUnsuccessfulItems() {
        String vpcId = fixture.defaultVpcId();
        api.ec2("CreateFlowLogs", "ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "ALL", "LogDestinationType", "s3",
                "LogDestination", "arn:aws:s3:::flow-bucket").assertOk();

        TestApi.Response again = api.ec2("CreateFlowLogs", "ResourceType", "VPC", "ResourceId.1", vpcId, "ResourceId.2", "vpc-0123456789abcdef0",
                "TrafficType", "ALL", "LogDestinationType", "s3", "LogDestination", "arn:aws:s3:::flow-bucket").assertOk();

        assertEquals(List.of(), again.texts("//flowLogIdSet/item"));
        assertEquals(List.of(vpcId, "vpc-0123456789abcdef0"), again.texts("//unsuccessful/item/resourceId"));
        assertEquals(List.of("FlowLogAlreadyExists", "InvalidVpcID.NotFound"), again.texts("//unsuccessful/item/error/code"));
    }

    @Test
    void badRequestsGetAwsErrorsAndChangeNothing() {
        String vpcId = fixture.defaultVpcId();
        api.ec2("CreateFlowLogs", "ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "ALL", "LogGroupName", "flows")
                .assertError("InvalidParameter");
        api.ec2("CreateFlowLogs", "ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "ALL", "LogGroupName", "flows",
                "DeliverLogsPermissionArn", ROLE, "MaxAggregationInterval", "120").assertError("InvalidParameter");
        api.ec2("CreateFlowLogs", "ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "SOME", "LogGroupName", "flows",
                "DeliverLogsPermissionArn", ROLE).assertError("InvalidParameterValue");
        api.ec2("CreateFlowLogs", "ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "ALL", "LogGroupName", "flows",
                "DeliverLogsPermissionArn", ROLE, "LogFormat", "${srcaddr} ${colour}").assertError("InvalidParameter");
        api.ec2("CreateFlowLogs", "ResourceType", "TransitGateway", "ResourceId.1", "tgw-0123456789abcdef0", "LogGroupName", "flows",
                "DeliverLogsPermissionArn", ROLE).assertError("Unsupported");

        assertEquals(List.of(), api.ec2("DescribeFlowLogs").assertOk().texts("//flowLogSet/item/flowLogId"));
    }

    @Test
    void filtersAndPagesSelectFlowLogs() {
        String vpcId = fixture.defaultVpcId();
        String subnetId = fixture.defaultSubnet().id();
        String accepted = create("VPC", vpcId, "ACCEPT");
        String rejected = create("Subnet", subnetId, "REJECT");

        assertEquals(List.of(rejected), api.ec2("DescribeFlowLogs", "Filter.1.Name", "traffic-type", "Filter.1.Value.1", "REJECT").assertOk()
                .texts("//flowLogSet/item/flowLogId"));
        assertEquals(List.of(accepted), api.ec2("DescribeFlowLogs", "Filter.1.Name", "resource-id", "Filter.1.Value.1", vpcId).assertOk()
                .texts("//flowLogSet/item/flowLogId"));
        assertEquals(2, api.ec2("DescribeFlowLogs", "Filter.1.Name", "log-group-name", "Filter.1.Value.1", "flows").assertOk()
                .texts("//flowLogSet/item/flowLogId").size());
        assertEquals(List.of(), api.ec2("DescribeFlowLogs", "Filter.1.Name", "log-destination-type", "Filter.1.Value.1", "s3").assertOk()
                .texts("//flowLogSet/item/flowLogId"));
        api.ec2("DescribeFlowLogs", "Filter.1.Name", "colour", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");

        TestApi.Response first = api.ec2("DescribeFlowLogs", "MaxResults", "1").assertOk();
        assertEquals(1, first.texts("//flowLogSet/item/flowLogId").size());
        TestApi.Response second = api.ec2("DescribeFlowLogs", "MaxResults", "1", "NextToken", first.text("//nextToken")).assertOk();
        assertEquals(1, second.texts("//flowLogSet/item/flowLogId").size());
        assertTrue(!first.text("//flowLogSet/item/flowLogId").equals(second.text("//flowLogSet/item/flowLogId")));
        assertEquals(List.of(), api.ec2("DescribeFlowLogs", "FlowLogId.1", "fl-0123456789abcdef0").assertOk().texts("//flowLogSet/item"));
    }

    @Test
    void deleteReportsUnknownIdsAndDeletesTheRest() {
        String id = create("VPC", fixture.defaultVpcId(), "ALL");

        TestApi.Response deleted = api.ec2("DeleteFlowLogs", "FlowLogId.1", id, "FlowLogId.2", "fl-0123456789abcdef0").assertOk();

        assertEquals(List.of("fl-0123456789abcdef0"), deleted.texts("//unsuccessful/item/resourceId"));
        assertEquals("InvalidFlowLogId.NotFound", deleted.text("//unsuccessful/item/error/code"));
        assertEquals(List.of(), api.ec2("DescribeFlowLogs").assertOk().texts("//flowLogSet/item"));
    }

    private String create(String resourceType, String resourceId, String trafficType) {
        return api.ec2("CreateFlowLogs", "ResourceType", resourceType, "ResourceId.1", resourceId, "TrafficType", trafficType,
                "LogGroupName", "flows", "DeliverLogsPermissionArn", ROLE).assertOk().text("//flowLogIdSet/item");
    }
}
