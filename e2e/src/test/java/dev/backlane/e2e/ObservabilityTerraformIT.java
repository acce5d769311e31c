package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DestinationFileFormat;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.ExperimentTemplate;
import software.amazon.awssdk.services.fis.model.ExperimentTemplateSummary;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfig;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfigAssociationStatus;

/**
 * Terraform applies {@code terraform/observability/} to Backlane in one graph; a plan then shows no changes and destroy
 * leaves none of it behind. Its parts:
 * <ul>
 * <li>{@code logs.tf}: {@code aws_cloudwatch_log_group} with retention and tags, one of the INFREQUENT_ACCESS class,
 * and an {@code aws_cloudwatch_log_stream};
 * <li>{@code flow-logs.tf}: two {@code aws_flow_log}s, one of a VPC to an S3 bucket prefix with destination options and
 * tags, one of a subnet to a CloudWatch Logs log group ARN in a custom format at 60 seconds;
 * <li>{@code query-logs.tf}: two log groups, an {@code aws_route53_resolver_query_log_config} to one of them with its
 * VPC association, and an {@code aws_flow_log} to the other;
 * <li>{@code fis.tf}: an {@code aws_fis_experiment_template} with a throttle action on a role and a wait, a stop
 * condition of none and tags.
 * </ul>
 */
class ObservabilityTerraformIT extends TerraformStackSteps {
    ObservabilityTerraformIT() {
        super("observability");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        assertAll(this::logsApplied, () -> flowLogsApplied(ec2), () -> queryLogsApplied(ec2), this::fisApplied);
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertAll(() -> assertEquals(List.of(), logs().describeLogGroups().logGroups()),
                () -> assertEquals(List.of(), ec2.describeFlowLogs().flowLogs()),
                () -> assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC"),
                () -> assertEquals(0, resolver().listResolverQueryLogConfigs(r -> { }).totalCount()),
                () -> assertEquals(List.<ExperimentTemplateSummary>of(), fis().listExperimentTemplates(r -> { }).experimentTemplates()));
    }

    private void logsApplied() {
        // All the stack's groups, query-logs.tf's too, in name order.
        List<LogGroup> groups = logs().describeLogGroups().logGroups();
        assertEquals(List.of("/archive/queries", "/backlane/dns-queries", "/backlane/vpc-flows", "/vpc/flow-logs"),
                groups.stream().map(LogGroup::logGroupName).toList());
        LogGroup flow = groups.get(3);
        assertEquals(30, flow.retentionInDays());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/vpc/flow-logs", output("flow_arn"));
        assertEquals("INFREQUENT_ACCESS", groups.get(0).logGroupClassAsString());
        assertEquals(Map.of("Name", "flow-logs", "team", "network"), logs().listTagsForResource(r -> r.resourceArn(output("flow_arn"))).tags());
        assertEquals(List.of("eni-0a1b2c3d4e5f60718-all"), logs().describeLogStreams(r -> r.logGroupName("/vpc/flow-logs")).logStreams().stream()
                .map(stream -> stream.logStreamName()).toList());
    }

    private void flowLogsApplied(Ec2Client ec2) {
        FlowLog s3 = flowLog(ec2, output("s3_flow_log_id"));
        assertEquals(output("flow_logs_vpc_id"), s3.resourceId());
        assertEquals(TrafficType.REJECT, s3.trafficType());
        assertEquals(LogDestinationType.S3, s3.logDestinationType());
        assertEquals("arn:aws:s3:::backlane-flow-logs/vpc", s3.logDestination());
        assertEquals(DestinationFileFormat.PARQUET, s3.destinationOptions().fileFormat());
        assertTrue(s3.destinationOptions().perHourPartition());
        assertEquals(600, s3.maxAggregationInterval());
        assertEquals("vpc-rejects", s3.tags().get(0).value());

        FlowLog logs = flowLog(ec2, output("logs_flow_log_id"));
        assertEquals(output("flow_logs_subnet_id"), logs.resourceId());
        assertEquals("/backlane/subnet-flows", logs.logGroupName());
        assertEquals(60, logs.maxAggregationInterval());
        assertTrue(logs.logFormat().endsWith("${flow-direction} ${reject-reason}"), logs.logFormat());
    }

    private void queryLogsApplied(Ec2Client ec2) {
        ResolverQueryLogConfig config = resolver().getResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(output("query_log_config_id")))
                .resolverQueryLogConfig();
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/backlane/dns-queries", config.destinationArn());
        assertEquals(1, config.associationCount());
        assertEquals(ResolverQueryLogConfigAssociationStatus.ACTIVE, resolver().getResolverQueryLogConfigAssociation(r -> r
                .resolverQueryLogConfigAssociationId(output("association_id"))).resolverQueryLogConfigAssociation().status());
        FlowLog flowLog = flowLog(ec2, output("query_logs_flow_log_id"));
        assertEquals("/backlane/vpc-flows", flowLog.logGroupName());
        assertEquals(output("query_logs_vpc_id"), flowLog.resourceId());
    }

    private void fisApplied() {
        ExperimentTemplate template = fis().getExperimentTemplate(r -> r.id(output("template_id"))).experimentTemplate();
        assertEquals("throttle orders' EC2 calls, then wait", template.description());
        assertEquals(Map.of("service", "ec2", "operations", "DescribeVpcs,DescribeSubnets", "percentage", "50", "duration", "PT5M"),
                template.actions().get("throttle").parameters());
        assertEquals(List.of("arn:aws:iam::000000000000:role/orders"), template.targets().get("orders").resourceArns());
        assertEquals(Map.of("Name", "throttle-orders", "team", "orders"), template.tags());
    }

    private CloudWatchLogsClient logs() {
        return backlane.logs(BacklaneExtension.DEFAULT_ACCESS_KEY);
    }

    private Route53ResolverClient resolver() {
        return backlane.resolver(BacklaneExtension.DEFAULT_ACCESS_KEY);
    }

    private FisClient fis() {
        return backlane.fis(BacklaneExtension.DEFAULT_ACCESS_KEY);
    }

    private static FlowLog flowLog(Ec2Client ec2, String id) {
        return ec2.describeFlowLogs(r -> r.flowLogIds(id)).flowLogs().get(0);
    }
}
