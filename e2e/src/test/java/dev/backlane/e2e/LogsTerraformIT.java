package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Terraform applies {@code terraform/logs/main.tf} to Backlane: {@code aws_cloudwatch_log_group} with retention and
 * tags, one of the INFREQUENT_ACCESS class, and an {@code aws_cloudwatch_log_stream}; a plan then shows no changes and
 * destroy leaves no log group behind.
 */
class LogsTerraformIT extends TerraformStackSteps {
    LogsTerraformIT() {
        super("logs");
    }

    private CloudWatchLogsClient logs() {
        return backlane.logs(BacklaneExtension.DEFAULT_ACCESS_KEY);
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        List<LogGroup> groups = logs().describeLogGroups().logGroups();
        assertEquals(List.of("/archive/queries", "/vpc/flow-logs"), groups.stream().map(LogGroup::logGroupName).toList());
        LogGroup flow = groups.get(1);
        assertEquals(30, flow.retentionInDays());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/vpc/flow-logs", output("flow_arn"));
        assertEquals("INFREQUENT_ACCESS", groups.get(0).logGroupClassAsString());
        assertEquals(Map.of("Name", "flow-logs", "team", "network"), logs().listTagsForResource(r -> r.resourceArn(output("flow_arn"))).tags());
        assertEquals(List.of("eni-0a1b2c3d4e5f60718-all"), logs().describeLogStreams(r -> r.logGroupName("/vpc/flow-logs")).logStreams().stream()
                .map(stream -> stream.logStreamName()).toList());
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertEquals(List.of(), logs().describeLogGroups().logGroups());
    }
}
