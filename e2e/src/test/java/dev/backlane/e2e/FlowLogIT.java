package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TrafficType;

/** Flow logs through the SDK for Java v2, the AWS CLI and boto3: create, per-resource failures, describe with filters and pages, delete. */
class FlowLogIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/flow-logs";

    @TempDir
    static Path home;

    @Test
    void sdkCreatesDescribesFiltersAndDeletesFlowLogs() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.80.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.80.1.0/24")).subnet().subnetId();

        CreateFlowLogsResponse created = ec2.createFlowLogs(r -> r.resourceType(FlowLogsResourceType.VPC).resourceIds(vpcId, "vpc-0123456789abcdef0")
                .trafficType(TrafficType.ALL).logGroupName("sdk-flows").deliverLogsPermissionArn(ROLE).maxAggregationInterval(60)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VPC_FLOW_LOG)
                        .tags(Tag.builder().key("team").value("net").build()).build()));
        assertEquals(1, created.flowLogIds().size());
        assertEquals("InvalidVpcID.NotFound", created.unsuccessful().get(0).error().code());
        String subnetLog = ec2.createFlowLogs(r -> r.resourceType(FlowLogsResourceType.SUBNET).resourceIds(subnetId).trafficType(TrafficType.REJECT)
                .logDestinationType(LogDestinationType.S3).logDestination("arn:aws:s3:::sdk-bucket")).flowLogIds().get(0);

        FlowLog vpcLog = ec2.describeFlowLogs(r -> r.filter(filter("tag:team", "net"))).flowLogs().get(0);
        assertEquals(vpcId, vpcLog.resourceId());
        assertEquals("sdk-flows", vpcLog.logGroupName());
        assertEquals(60, vpcLog.maxAggregationInterval());
        assertEquals("ACTIVE", vpcLog.flowLogStatus());
        assertEquals(List.of(subnetLog), ec2.describeFlowLogs(r -> r.filter(filter("log-destination-type", "s3"))).flowLogs().stream()
                .map(FlowLog::flowLogId).toList());
        assertEquals(2, ec2.describeFlowLogsPaginator(r -> r.maxResults(1)).flowLogs().stream().count(), "the paginator follows NextToken");
        assertAwsError("InvalidParameter", () -> ec2.createFlowLogs(r -> r.resourceType(FlowLogsResourceType.VPC).resourceIds(vpcId)
                .trafficType(TrafficType.ALL).logDestinationType(LogDestinationType.S3).logDestination("arn:aws:s3:::sdk-bucket")
                .deliverLogsPermissionArn(ROLE)));

        assertEquals(List.of(), ec2.deleteFlowLogs(r -> r.flowLogIds(vpcLog.flowLogId(), subnetLog)).unsuccessful());
        assertEquals(List.of(), ec2.describeFlowLogs().flowLogs());
    }

    @Test
    void awsCliCreatesAndDeletesAFlowLog() {
        ExternalProgram aws = AwsCliJson.awsCli();
        String vpcId = backlane.ec2().createVpc(r -> r.cidrBlock("10.81.0.0/16")).vpc().vpcId();

        JsonNode created = cli(aws, "ec2", "create-flow-logs", "--resource-type", "VPC", "--resource-ids", vpcId, "--traffic-type", "ACCEPT",
                "--log-destination-type", "s3", "--log-destination", "arn:aws:s3:::cli-bucket/flows",
                "--log-format", "${version} ${vpc-id} ${srcaddr} ${dstaddr} ${action}");
        String id = created.path("FlowLogIds").path(0).asText();
        assertTrue(id.matches("fl-[0-9a-f]{17}"), created.toString());
        JsonNode described = cli(aws, "ec2", "describe-flow-logs", "--filter", "Name=resource-id,Values=" + vpcId);
        assertEquals("${version} ${vpc-id} ${srcaddr} ${dstaddr} ${action}", described.path("FlowLogs").path(0).path("LogFormat").asText());
        assertEquals("plain-text", described.path("FlowLogs").path(0).path("DestinationOptions").path("FileFormat").asText());
        JsonNode again = cli(aws, "ec2", "create-flow-logs", "--resource-type", "VPC", "--resource-ids", vpcId, "--traffic-type", "ACCEPT",
                "--log-destination-type", "s3", "--log-destination", "arn:aws:s3:::cli-bucket/flows");
        assertEquals("FlowLogAlreadyExists", again.path("Unsuccessful").path(0).path("Error").path("Code").asText(), again.toString());

        ExternalProgram.Result refused = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2), List.of("ec2", "create-flow-logs",
                "--resource-type", "VPC", "--resource-ids", vpcId, "--traffic-type", "ALL", "--log-group-name", "flows",
                "--deliver-logs-permission-arn", ROLE, "--max-aggregation-interval", "300", "--endpoint-url", backlane.endpoint()));
        assertNotEquals(0, refused.exitCode(), refused::describe);
        assertTrue(refused.stderr().contains("(InvalidParameter)") && refused.stderr().contains("Max Aggregation Interval"), refused::describe);

        JsonNode deleted = cli(aws, "ec2", "delete-flow-logs", "--flow-log-ids", id, "fl-0123456789abcdef0");
        assertEquals("fl-0123456789abcdef0", deleted.path("Unsuccessful").path(0).path("ResourceId").asText(), deleted.toString());
    }

    @Test
    void boto3SeesUnsuccessfulItemsAndPages() throws Exception {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("flow_logs.py");
        Files.writeString(script, """
                import json, sys
                import boto3
                ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1",
                                   aws_access_key_id=sys.argv[2], aws_secret_access_key="test")
                vpc = ec2.create_vpc(CidrBlock="10.82.0.0/16")["Vpc"]["VpcId"]
                subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.82.1.0/24")["Subnet"]["SubnetId"]
                created = ec2.create_flow_logs(ResourceType="Subnet", ResourceIds=[subnet, "subnet-nope"], TrafficType="REJECT",
                                               LogDestinationType="kinesis-data-firehose",
                                               LogDestination="arn:aws:firehose:us-east-1:000000000000:deliverystream/flows")
                ec2.create_flow_logs(ResourceType="VPC", ResourceIds=[vpc], TrafficType="ALL", LogGroupName="py-flows",
                                     DeliverLogsPermissionArn="arn:aws:iam::000000000000:role/flow-logs")
                pages = list(ec2.get_paginator("describe_flow_logs").paginate(PaginationConfig={"PageSize": 1}))
                print(json.dumps({"ids": created["FlowLogIds"],
                                  "unsuccessful": [item["Error"]["Code"] for item in created["Unsuccessful"]],
                                  "pages": len(pages),
                                  "types": sorted(log["LogDestinationType"] for page in pages for log in page["FlowLogs"])}))
                """);
        String account = backlane.newAccount().id();
        ExternalProgram.Result result = python.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2),
                List.of(script.toString(), backlane.endpoint(), account));
        assertEquals(0, result.exitCode(), result::describe);
        JsonNode answer = JSON.readTree(result.stdout().strip());
        assertEquals(1, answer.path("ids").size(), answer::toString);
        assertEquals("InvalidSubnetID.Malformed", answer.path("unsuccessful").path(0).asText(), answer::toString);
        assertTrue(answer.path("pages").asInt() >= 2, answer::toString);
        assertEquals(List.of("cloud-watch-logs", "kinesis-data-firehose"), texts(answer.path("types")));
    }

    private static JsonNode cli(ExternalProgram aws, String... arguments) {
        return AwsCliJson.ok(aws, home, backlane.endpoint(), arguments);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
