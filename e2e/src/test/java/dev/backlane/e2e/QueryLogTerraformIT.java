package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfig;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfigAssociationStatus;

/**
 * Terraform applies {@code terraform/query-logs/main.tf} to Backlane: two {@code aws_cloudwatch_log_group}s,
 * an {@code aws_route53_resolver_query_log_config} to one of them with its VPC association, and an
 * {@code aws_flow_log} to the other. A plan then shows no changes; destroy removes them all.
 */
class QueryLogTerraformIT extends TerraformStackSteps {
    QueryLogTerraformIT() {
        super("query-logs");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        Route53ResolverClient resolver = backlane.resolver(BacklaneExtension.DEFAULT_ACCESS_KEY);
        ResolverQueryLogConfig config = resolver.getResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(output("query_log_config_id")))
                .resolverQueryLogConfig();
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/backlane/dns-queries", config.destinationArn());
        assertEquals(1, config.associationCount());
        assertEquals(ResolverQueryLogConfigAssociationStatus.ACTIVE, resolver.getResolverQueryLogConfigAssociation(r -> r
                .resolverQueryLogConfigAssociationId(output("association_id"))).resolverQueryLogConfigAssociation().status());
        FlowLog flowLog = ec2.describeFlowLogs(r -> r.flowLogIds(output("flow_log_id"))).flowLogs().get(0);
        assertEquals("/backlane/vpc-flows", flowLog.logGroupName());
        assertEquals(output("vpc_id"), flowLog.resourceId());
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertEquals(List.of(), ec2.describeFlowLogs().flowLogs());
        assertEquals(0, backlane.resolver(BacklaneExtension.DEFAULT_ACCESS_KEY).listResolverQueryLogConfigs(r -> { }).totalCount());
    }
}
