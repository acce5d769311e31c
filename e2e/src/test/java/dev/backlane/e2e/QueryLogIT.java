package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.route53resolver.model.Filter;
import software.amazon.awssdk.services.route53resolver.model.InvalidRequestException;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfig;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfigAssociation;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfigAssociationStatus;
import software.amazon.awssdk.services.route53resolver.model.ResourceExistsException;
import software.amazon.awssdk.services.route53resolver.model.ResourceNotFoundException;

/** Route 53 Resolver query logging through the SDK for Java v2, the AWS CLI and boto3. */
class QueryLogIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @Test
    void sdkCreatesAssociatesListsAndDeletes() throws InterruptedException {
        BacklaneExtension.Account account = backlane.newAccount();
        Route53ResolverClient resolver = backlane.resolver(account.id());
        String vpcId = account.ec2().createVpc(r -> r.cidrBlock("10.90.0.0/16")).vpc().vpcId();
        backlane.logs(account.id()).createLogGroup(r -> r.logGroupName("/dns/queries"));
        String groupArn = "arn:aws:logs:us-east-1:" + account.id() + ":log-group:/dns/queries";

        ResolverQueryLogConfig config = resolver.createResolverQueryLogConfig(r -> r.name("sdk-dns").destinationArn(groupArn)
                .creatorRequestId("sdk-1")).resolverQueryLogConfig();
        assertTrue(config.id().startsWith("rqlc-"), config.id());
        ResolverQueryLogConfigAssociation association = resolver.associateResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(config.id())
                .resourceId(vpcId)).resolverQueryLogConfigAssociation();
        assertThrows(ResourceExistsException.class, () -> resolver.associateResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(config.id())
                .resourceId(vpcId)));
        assertThrows(InvalidRequestException.class, () -> resolver.deleteResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(config.id())));
        Thread.sleep(1_100);
        assertEquals(ResolverQueryLogConfigAssociationStatus.ACTIVE, resolver.getResolverQueryLogConfigAssociation(r -> r
                .resolverQueryLogConfigAssociationId(association.id())).resolverQueryLogConfigAssociation().status());
        assertEquals(List.of(association.id()), resolver.listResolverQueryLogConfigAssociations(r -> r.filters(Filter.builder()
                .name("ResolverQueryLogConfigId").values(config.id()).build())).resolverQueryLogConfigAssociations().stream()
                .map(ResolverQueryLogConfigAssociation::id).toList());
        assertEquals(1, resolver.listResolverQueryLogConfigs(r -> r.filters(Filter.builder().name("Destination").values("CloudWatchLogs").build()))
                .totalFilteredCount());

        resolver.disassociateResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(config.id()).resourceId(vpcId));
        resolver.deleteResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(config.id()));
        assertThrows(ResourceNotFoundException.class, () -> resolver.getResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(config.id())));
    }

    @Test
    void awsCliCreatesListsAndReportsErrors() {
        ExternalProgram aws = AwsCliJson.awsCli();
        JsonNode created = cli(aws, "route53resolver", "create-resolver-query-log-config", "--name", "cli-dns",
                "--destination-arn", "arn:aws:s3:::cli-dns-logs", "--creator-request-id", "cli-1", "--tags", "Key=team,Value=net");
        String id = created.path("ResolverQueryLogConfig").path("Id").asText();
        assertTrue(id.matches("rqlc-[0-9a-f]{16}"), created.toString());
        JsonNode listed = cli(aws, "route53resolver", "list-resolver-query-log-configs", "--filters", "Name=Name,Values=cli-dns");
        assertEquals(id, listed.path("ResolverQueryLogConfigs").path(0).path("Id").asText(), listed.toString());

        ExternalProgram.Result missing = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2), List.of("route53resolver",
                "get-resolver-query-log-config", "--resolver-query-log-config-id", "rqlc-0123456789abcdef", "--endpoint-url", backlane.endpoint()));
        assertNotEquals(0, missing.exitCode(), missing::describe);
        assertTrue(missing.stderr().contains("(ResourceNotFoundException)"), missing::describe);
        cli(aws, "route53resolver", "delete-resolver-query-log-config", "--resolver-query-log-config-id", id);
    }

    @Test
    void boto3PagesThroughConfigs() throws Exception {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("query_logs.py");
        Files.writeString(script, """
                import json, sys
                import boto3
                resolver = boto3.client("route53resolver", endpoint_url=sys.argv[1], region_name="us-east-1",
                                        aws_access_key_id=sys.argv[2], aws_secret_access_key="test")
                for n in range(3):
                    resolver.create_resolver_query_log_config(Name=f"py-{n}", DestinationArn=f"arn:aws:s3:::py-bucket-{n}",
                                                              CreatorRequestId=f"py-{n}")
                pages = list(resolver.get_paginator("list_resolver_query_log_configs").paginate(
                    SortBy="Name", SortOrder="DESCENDING", PaginationConfig={"PageSize": 2}))
                print(json.dumps({"pages": len(pages),
                                  "names": [c["Name"] for page in pages for c in page["ResolverQueryLogConfigs"]]}))
                """);
        ExternalProgram.Result result = python.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2),
                List.of(script.toString(), backlane.endpoint(), backlane.newAccount().id()));
        assertEquals(0, result.exitCode(), result::describe);
        JsonNode answer = JSON.readTree(result.stdout().strip());
        assertEquals(2, answer.path("pages").asInt(), answer::toString);
        List<String> names = new ArrayList<>();
        answer.path("names").forEach(name -> names.add(name.asText()));
        assertEquals(List.of("py-2", "py-1", "py-0"), names);
    }

    private static JsonNode cli(ExternalProgram aws, String... arguments) {
        return AwsCliJson.ok(aws, home, backlane.endpoint(), arguments);
    }
}
