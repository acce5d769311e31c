package dev.backlane.bench;

import dev.backlane.core.policy.Policy;
import dev.backlane.core.policy.PolicyKind;
import dev.backlane.core.policy.PolicyParser;
import dev.backlane.core.policy.PolicyValidator;
import dev.backlane.core.policy.ValidationReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Policy validation, which checks every action, resource and condition key against AWS's Service
 * Authorization Reference: documents per second for the ten-statement endpoint policy of
 * {@link PolicyEvaluationBenchmark} once the reference is loaded, and the time of the first
 * validation in a fresh JVM, which loads the reference's index and the services the policy names.
 */
@State(Scope.Thread)
@Threads(1)
public class PolicyValidationBenchmark {

    private static final String ONE_STATEMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Fork(1)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public ValidationReport tenStatementEndpointPolicy() {
        return PolicyValidator.validate(PolicyEvaluationBenchmark.TEN_STATEMENTS, PolicyKind.ENDPOINT);
    }

    /** One validation per fresh JVM: what a `policy validate` run or the first CreateVpcEndpoint pays. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public ValidationReport firstValidationInAFreshJvm() {
        return PolicyValidator.validate(ONE_STATEMENT, PolicyKind.ENDPOINT);
    }

    /** The same document parsed, which does not consult the reference: the baseline for the one above. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Policy firstParseInAFreshJvm() {
        return PolicyParser.parse(ONE_STATEMENT);
    }
}
