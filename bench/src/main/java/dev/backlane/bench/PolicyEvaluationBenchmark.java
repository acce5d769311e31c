package dev.backlane.bench;

import dev.backlane.core.policy.CompiledPolicy;
import dev.backlane.core.policy.Decision;
import dev.backlane.core.policy.PolicyRequest;
import dev.backlane.core.policy.RequestContext;
import dev.backlane.core.policy.RequestPrincipal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second on one thread for a compiled policy: (a) the default full-access endpoint
 * policy and (b) a ten-statement policy with wildcards in actions and resources and three conditions.
 * Requests are built once and cycled (an allow, a put, an explicit deny and a request nothing matches)
 * so that the measurement is the decision alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyEvaluationBenchmark {

    static final String DEFAULT_POLICY =
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    static final String TEN_STATEMENTS = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ReadReports", "Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/Reader"]},
               "Action": ["s3:Get*", "s3:List*"], "Resource": "arn:aws:s3:::data-*/reports/*",
               "Condition": {"StringEquals": {"aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-5e6f7a8b"]}}},
              {"Sid": "ListData", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data-*"},
              {"Sid": "Orders", "Effect": "Allow", "Principal": "*", "Action": ["dynamodb:Get*", "dynamodb:Query"],
               "Resource": "arn:aws:dynamodb:*:111122223333:table/orders*"},
              {"Sid": "Queues", "Effect": "Allow", "Principal": "*", "Action": "sqs:Send*", "Resource": "arn:aws:sqs:us-east-?:111122223333:queue-*"},
              {"Sid": "Describe", "Effect": "Allow", "Principal": "*", "Action": "ec2:Describe*", "Resource": "*"},
              {"Sid": "Uploads", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:Put*",
               "Resource": "arn:aws:s3:::uploads-*/incoming/*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}},
              {"Sid": "Keys", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:*:111122223333:key/*"},
              {"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:Delete*", "Resource": "*"},
              {"Sid": "OnlyOurOrganisation", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*",
               "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}},
              {"Sid": "Logs", "Effect": "Allow", "Principal": "*", "Action": "logs:*", "Resource": "arn:aws:logs:*:*:log-group:/app/*"}]}
            """;

    private CompiledPolicy defaultPolicy;
    private CompiledPolicy tenStatements;
    private PolicyRequest[] requests;
    private int next;

    @Setup
    public void setUp() {
        defaultPolicy = CompiledPolicy.parse(DEFAULT_POLICY);
        tenStatements = CompiledPolicy.parse(TEN_STATEMENTS);
        RequestContext context = RequestContext.builder()
                .add("aws:SourceVpce", "vpce-5e6f7a8b")
                .add("aws:VpcSourceIp", "10.0.12.34")
                .add("aws:PrincipalOrgID", "o-a1b2c3d4e5")
                .add("aws:SecureTransport", "true")
                .build();
        RequestPrincipal alice = RequestPrincipal.aws("arn:aws:iam::111122223333:user/alice");
        requests = new PolicyRequest[] {
            PolicyRequest.of(alice, "s3:GetObject", "arn:aws:s3:::data-lake/reports/2024/q1.csv", context),
            PolicyRequest.of(alice, "s3:PutObject", "arn:aws:s3:::uploads-eu/incoming/file.bin", context),
            PolicyRequest.of(alice, "s3:DeleteObject", "arn:aws:s3:::data-lake/reports/2024/q1.csv", context),
            PolicyRequest.of(alice, "sns:Publish", "arn:aws:sns:us-east-1:111122223333:topic", context),
        };
        checkExpectedDecisions();
    }

    // A benchmark of wrong answers is worthless: refuse to run if the policy does not decide as intended.
    private void checkExpectedDecisions() {
        Decision[] expected = {Decision.ALLOW, Decision.ALLOW, Decision.EXPLICIT_DENY, Decision.IMPLICIT_DENY};
        for (int i = 0; i < requests.length; i++) {
            if (tenStatements.decide(requests[i]) != expected[i]) {
                throw new IllegalStateException("request " + i + " decided " + tenStatements.decide(requests[i]) + ", expected " + expected[i]);
            }
        }
    }

    private PolicyRequest nextRequest() {
        PolicyRequest request = requests[next];
        next = (next + 1) & 3;
        return request;
    }

    @Benchmark
    public Decision defaultFullAccessPolicy() {
        return defaultPolicy.decide(nextRequest());
    }

    @Benchmark
    public Decision tenStatementsWithWildcardsAndConditions() {
        return tenStatements.decide(nextRequest());
    }

    @Benchmark
    public Object tenStatementsExplained() {
        return tenStatements.evaluate(nextRequest());
    }
}
