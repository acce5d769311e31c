package dev.backlane.bench;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.RequestClassifier;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.TrafficJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.World;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The gateway's decision per request, as the data plane asks it: classify the request
 * ({@link RequestClassifier}) and judge its path ({@link TrafficJudge}), on {@link PathExplainBenchmark}'s topology
 * (1,000 VPCs, 46,000 workload interfaces, an S3 gateway endpoint and an STS interface endpoint per VPC). The requests
 * mix S3 GetObject path-style, S3 PutObject virtual-hosted through the proxy, STS GetCallerIdentity as a Query form
 * and DynamoDB GetItem as JSON. Prints the latency of one decision (p50, p99, p99.9) and of classification alone; the
 * goal is a decision p99 under 100 µs. Run with
 * {@code java -cp bench/target/benchmarks.jar dev.backlane.bench.GatewayDecisionBenchmark [decisions]}.
 */
public final class GatewayDecisionBenchmark {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final String ROLE = "arn:aws:iam::111122223333:role/app";

    private record Request(HttpRequestHead head, Optional<byte[]> body) {}

    private GatewayDecisionBenchmark() {}

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<String> interfaces = new ArrayList<>();
        World world = PathExplainBenchmark.generate(interfaces);
        PathEngine engine = new PathEngine(InstantSource.fixed(Instant.parse("2026-01-01T01:00:00Z")));
        WorldIndex index = engine.index(world);
        Instant at = Instant.parse("2026-01-01T01:00:00Z");
        List<Workload> workloads = interfaces.stream()
                .map(eni -> new Workload("wl-" + eni, SCOPE, eni, Optional.empty(), ROLE, true)).toList();
        RequestClassifier classifier = RequestClassifier.standard();
        TrafficJudge judge = new TrafficJudge(engine);
        List<Request> requests = requests();

        SplittableRandom random = new SplittableRandom(7);
        run("warm-up", Math.min(50_000, decisions), random, workloads, requests, classifier, judge, index, at);
        run("measured", decisions, random, workloads, requests, classifier, judge, index, at);
    }

    private static void run(String label, int decisions, SplittableRandom random, List<Workload> workloads, List<Request> requests,
            RequestClassifier classifier, TrafficJudge judge, WorldIndex index, Instant at) {
        long[] classifyNanos = new long[decisions];
        long[] decisionNanos = new long[decisions];
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        long start = System.nanoTime();
        for (int i = 0; i < decisions; i++) {
            Request request = requests.get(i % requests.size());
            Workload workload = workloads.get(random.nextInt(workloads.size()));
            long begin = System.nanoTime();
            RequestFacts facts = classifier.classify(request.head(), request.body(), SCOPE.account());
            long classified = System.nanoTime();
            PathResult path = judge.judge(index, workload, facts, SCOPE.account(), at);
            long end = System.nanoTime();
            classifyNanos[i] = classified - begin;
            decisionNanos[i] = end - begin;
            verdicts.merge(path.verdict(), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d decisions in %.2f s = %.0f/s on one thread; verdicts %s%n", label, decisions, seconds, decisions / seconds,
                verdicts);
        System.out.printf("  decision (classify + judge): %s%n  classify alone:              %s%n", percentiles(decisionNanos),
                percentiles(classifyNanos));
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs", at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999));
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }

    private static List<Request> requests() {
        String s3 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0abc";
        String sts = s3.replace("/s3/", "/sts/");
        String dynamodb = s3.replace("/s3/", "/dynamodb/");
        return List.of(
                new Request(new HttpRequestHead("GET", "/bucket-7/reports/2026/q1.csv?x-id=GetObject",
                        Map.of("Host", List.of("127.0.0.1:40001"), "Authorization", List.of(s3))), Optional.empty()),
                new Request(new HttpRequestHead("PUT", "http://bucket-9.s3.us-east-1.amazonaws.com/uploads/photo.jpg",
                        Map.of("Host", List.of("bucket-9.s3.us-east-1.amazonaws.com"), "Authorization", List.of(s3))), Optional.empty()),
                new Request(new HttpRequestHead("POST", "/", Map.of("Host", List.of("127.0.0.1:40001"), "Authorization", List.of(sts),
                        "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"))),
                        Optional.of("Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8))),
                new Request(new HttpRequestHead("POST", "/", Map.of("Host", List.of("127.0.0.1:40001"), "Authorization", List.of(dynamodb),
                        "X-Amz-Target", List.of("DynamoDB_20120810.GetItem"), "Content-Type", List.of("application/x-amz-json-1.0"))),
                        Optional.of("{\"TableName\":\"orders\",\"Key\":{\"id\":{\"S\":\"1\"}}}".getBytes(StandardCharsets.UTF_8))));
    }
}
