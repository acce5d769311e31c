package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DestinationFileFormat;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;

/**
 * Terraform applies {@code terraform/flow-logs/main.tf} to Backlane: two {@code aws_flow_log}s, one of a
 * VPC to an S3 bucket prefix with destination options and tags, one of a subnet to a CloudWatch Logs
 * log group ARN in a custom format at 60 seconds. A plan then shows no changes; destroy removes both.
 */
class FlowLogTerraformIT extends TerraformStackSteps {
    FlowLogTerraformIT() {
        super("flow-logs");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        FlowLog s3 = flowLog(ec2, output("s3_flow_log_id"));
        assertEquals(output("vpc_id"), s3.resourceId());
        assertEquals(TrafficType.REJECT, s3.trafficType());
        assertEquals(LogDestinationType.S3, s3.logDestinationType());
        assertEquals("arn:aws:s3:::backlane-flow-logs/vpc", s3.logDestination());
        assertEquals(DestinationFileFormat.PARQUET, s3.destinationOptions().fileFormat());
        assertTrue(s3.destinationOptions().perHourPartition());
        assertEquals(600, s3.maxAggregationInterval());
        assertEquals("vpc-rejects", s3.tags().get(0).value());

        FlowLog logs = flowLog(ec2, output("logs_flow_log_id"));
        assertEquals(output("subnet_id"), logs.resourceId());
        assertEquals("/backlane/subnet-flows", logs.logGroupName());
        assertEquals(60, logs.maxAggregationInterval());
        assertTrue(logs.logFormat().endsWith("${flow-direction} ${reject-reason}"), logs.logFormat());
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertEquals(List.of(), ec2.describeFlowLogs().flowLogs());
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC");
    }

    private static FlowLog flowLog(Ec2Client ec2, String id) {
        return ec2.describeFlowLogs(r -> r.flowLogIds(id)).flowLogs().get(0);
    }
}
