package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients of services Backlane does not serve, pointed at its port: the real AWS CLI and boto3 must
 * report an {@code UnsupportedService} error that names the service and lists those Backlane serves,
 * parsed from the service's own protocol (S3's XML, awsJson, Query XML, REST-JSON, Smithy RPC v2 CBOR).
 */
class UnservedServiceIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Leads the list of served services, which grows as Backlane does (EC2 and STS are always in it). */
    private static final String SERVED = "The services Backlane serves at this address are: ";

    @TempDir
    static Path home;

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        environment.put("AWS_MAX_ATTEMPTS", "1");
        return environment;
    }


    private static String cliError(ExternalProgram aws, String... arguments) {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("--endpoint-url", backlane.endpoint()));
        ExternalProgram.Result result = aws.run(home, environment(), Duration.ofMinutes(2), command);
        assertNotEquals(0, result.exitCode(), result::describe);
        return result.stderr();
    }

    @Test
    void awsCliPrintsTheServiceAndWhatBacklaneServes() {
        ExternalProgram aws = AwsCliJson.awsCli();
        String s3 = cliError(aws, "s3", "ls");
        assertTrue(s3.contains("An error occurred (UnsupportedService) when calling the ListBuckets operation: Backlane does not serve "
                + "S3 / S3 Control (s3). " + SERVED), s3);
        assertTrue(s3.contains("EC2 (ec2)") && s3.contains("STS (sts)"), s3);
        String sqs = cliError(aws, "sqs", "list-queues");
        assertTrue(sqs.contains("(UnsupportedService) when calling the ListQueues operation: Backlane does not serve SQS (sqs). " + SERVED), sqs);
        String kms = cliError(aws, "kms", "list-keys");
        assertTrue(kms.contains("(UnsupportedService) when calling the ListKeys operation: Backlane does not serve KMS (kms)."), kms);
        String sns = cliError(aws, "sns", "list-topics");
        assertTrue(sns.contains("(UnsupportedService) when calling the ListTopics operation: Backlane does not serve SNS (sns)."), sns);
        String lambda = cliError(aws, "lambda", "list-functions");
        assertTrue(lambda.contains("(UnsupportedService) when calling the ListFunctions operation: Backlane does not serve Lambda (lambda)."),
                lambda);
        // Smithy RPC v2 CBOR: CloudWatch's protocol, which Backlane serves; Compute Optimizer speaks it too.
        String computeOptimizer = cliError(aws, "compute-optimizer", "get-enrollment-status");
        assertTrue(computeOptimizer.contains("(UnsupportedService) when calling the GetEnrollmentStatus operation: Backlane does not serve "
                + "Compute Optimizer (compute-optimizer)."), computeOptimizer);
    }

    @Test
    void boto3ReadsTheCodeAndMessageInEachProtocol() throws Exception {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("unserved.py");
        Files.writeString(script, """
                import json, sys
                import boto3, botocore.exceptions
                calls = {"s3": "list_buckets", "sqs": "list_queues", "kms": "list_keys", "ssm": "describe_parameters",
                         "compute-optimizer": "get_enrollment_status", "sns": "list_topics", "lambda": "list_functions"}
                for service, operation in calls.items():
                    client = boto3.client(service, endpoint_url=sys.argv[1], region_name="us-east-1",
                                          aws_access_key_id="test", aws_secret_access_key="test",
                                          config=botocore.config.Config(retries={"max_attempts": 1}))
                    try:
                        getattr(client, operation)()
                        print(json.dumps({"service": service, "code": None}))
                    except botocore.exceptions.ClientError as error:
                        print(json.dumps({"service": service, "code": error.response["Error"]["Code"],
                                          "message": error.response["Error"]["Message"],
                                          "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}))
                """);
        ExternalProgram.Result result = python.run(home, environment(), Duration.ofMinutes(2), List.of(script.toString(), backlane.endpoint()));
        assertEquals(0, result.exitCode(), result::describe);
        List<JsonNode> answers = new ArrayList<>();
        for (String line : result.stdout().strip().split("\n")) {
            answers.add(JSON.readTree(line));
        }
        assertEquals(7, answers.size(), result::describe);
        Map<String, String> names = Map.of("s3", "S3 / S3 Control (s3)", "sqs", "SQS (sqs)", "kms", "KMS (kms)", "ssm", "SSM (ssm)",
                "compute-optimizer", "Compute Optimizer (compute-optimizer)", "sns", "SNS (sns)", "lambda", "Lambda (lambda)");
        for (JsonNode answer : answers) {
            String service = answer.path("service").asText();
            assertEquals("UnsupportedService", answer.path("code").asText(), answer::toString);
            assertEquals(501, answer.path("status").asInt(), answer::toString);
            String message = answer.path("message").asText();
            assertTrue(message.startsWith("Backlane does not serve " + names.get(service) + ". " + SERVED), message);
            assertTrue(message.contains("EC2 (ec2)") && message.contains("STS (sts)"), message);
        }
    }
}
