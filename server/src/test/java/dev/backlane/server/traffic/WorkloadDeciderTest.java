package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.CallError;
import dev.backlane.core.traffic.TrafficJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.dataplane.gateway.GatewayDecision;
import dev.backlane.server.protocol.ServiceProtocols;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadDeciderTest {
    private static final URI API = URI.create("http://127.0.0.1:4577");
    /** These tests make calls only: a tunnel would be a mistake. */
    private static final WorkloadDecider.ConnectionJudge NO_TUNNELS = (workload, host, port) -> {
        throw new AssertionError("no tunnel expected");
    };
    private static final URI S3_UPSTREAM = URI.create("http://127.0.0.1:9000");
    private static final Workload WORKLOAD = new Workload("wl-00000000000000001", new Scope("111122223333", "us-east-1"), "eni-00000000000000001",
            Optional.empty(), "arn:aws:iam::111122223333:role/app", true);
    private static final HttpRequestHead S3_PUT = new HttpRequestHead("PUT", "/bucket/key", Map.of("Host", List.of("127.0.0.1:1")));
    private static final HttpRequestHead SQS_JSON = new HttpRequestHead("POST", "/", Map.of("Content-Type", List.of("application/x-amz-json-1.0"),
            "X-Amz-Target", List.of("AmazonSQS.ListQueues")));

    /** A classifier that gives fixed facts (or an error), and a judge that gives a fixed path. */
    private record Fixed(RequestFacts facts, AwsException refusal, PathResult path, List<String> accounts)
            implements WorkloadDecider.Classifier, WorkloadDecider.Judge {
        Fixed(RequestFacts facts, AwsException refusal, PathResult path) {
            this(facts, refusal, path, new java.util.ArrayList<>());
        }

        @Override
        public boolean needsBody(HttpRequestHead head) {
            return false;
        }

        @Override
        public RequestFacts classify(HttpRequestHead head, Optional<byte[]> body, String account) {
            accounts.add(account);
            if (refusal != null) {
                throw refusal;
            }
            return facts;
        }

        @Override
        public TrafficJudge.Judgement judge(Workload workload, RequestFacts facts, String callerAccount) {
            accounts.add("judged in " + callerAccount);
            return new TrafficJudge.Judgement(path, facts);
        }
    }

    private static RequestFacts facts(String service, String action) {
        return new RequestFacts(service, "us-east-1", Optional.of("AKIDEXAMPLE"), service + ".us-east-1.amazonaws.com", action, service + ":" + action,
                "*");
    }

    private static PathResult path(Verdict verdict, ExplanationCode... codes) {
        return new PathResult(verdict, Optional.empty(), List.of(),
                java.util.Arrays.stream(codes).map(code -> new Explanation(code, "vpce-1", "")).toList());
    }

    private static GatewayDecision decide(Fixed fixed, Upstreams upstreams, HttpRequestHead head) {
        return decide(fixed, upstreams, head, WorkloadDecider.InjectedFaults.NONE);
    }

    private static GatewayDecision decide(Fixed fixed, Upstreams upstreams, HttpRequestHead head, WorkloadDecider.InjectedFaults throttling) {
        return new WorkloadDecider(WORKLOAD, fixed, fixed, upstreams, API, ServiceProtocols.standard(), "000000000000", NO_TUNNELS,
                (scope, vpcId, address, port) -> Optional.empty(), throttling).decide(head, Optional.empty());
    }

    @Test
    void reachableCallsGoToTheServicesUpstreamOrToBacklaneItself() {
        Upstreams upstreams = Upstreams.parse(List.of("s3=" + S3_UPSTREAM));
        PathResult privatePath = path(Verdict.PRIVATE);
        GatewayDecision.Forward s3 = assertInstanceOf(GatewayDecision.Forward.class,
                decide(new Fixed(facts("s3", "PutObject"), null, privatePath), upstreams, S3_PUT));
        assertEquals(S3_UPSTREAM, s3.upstream());
        assertSame(privatePath, s3.path());

        for (String service : List.of("ec2", "sts", "elasticloadbalancing")) {
            GatewayDecision.Forward inProcess = assertInstanceOf(GatewayDecision.Forward.class,
                    decide(new Fixed(facts(service, "Describe"), null, path(Verdict.PUBLIC)), upstreams, S3_PUT));
            assertEquals(API, inProcess.upstream(), service);
        }
    }

    @Test
    void aThrottledCallIsAnsweredWithTheServicesThrottleAndNeverForwarded() {
        Upstreams upstreams = Upstreams.parse(List.of("s3=" + S3_UPSTREAM, "sqs=" + S3_UPSTREAM));
        WorkloadDecider.InjectedFaults throttling = (workload, facts, path, callerAccount) -> Optional.of(CallError.THROTTLING.of(facts.service()));
        Fixed s3Put = new Fixed(facts("s3", "PutObject"), null, path(Verdict.PRIVATE));
        GatewayDecision.Respond s3 = assertInstanceOf(GatewayDecision.Respond.class, decide(s3Put, upstreams, S3_PUT, throttling));
        assertEquals(503, s3.status());
        String xml = new String(s3.body(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Code>SlowDown</Code>") && xml.contains("Please reduce your request rate."), xml);

        Fixed sqsList = new Fixed(facts("sqs", "ListQueues"), null, path(Verdict.PUBLIC));
        GatewayDecision.Respond sqs = assertInstanceOf(GatewayDecision.Respond.class, decide(sqsList, upstreams, SQS_JSON, throttling));
        assertTrue(new String(sqs.body(), StandardCharsets.UTF_8).contains("RequestThrottled"), new String(sqs.body(), StandardCharsets.UTF_8));

        Fixed blocked = new Fixed(facts("s3", "PutObject"), null, path(Verdict.BLOCKED, ExplanationCode.ENI_SG_RULES_MISMATCH));
        assertInstanceOf(GatewayDecision.Block.class, decide(blocked, upstreams, S3_PUT, throttling),
                "a dropped call is never answered, throttled or not");
    }

    @Test
    void theAccessKeySelectsTheCallersAccountAsOnTheApiPort() {
        Upstreams upstreams = Upstreams.parse(List.of("default=" + S3_UPSTREAM));
        Fixed otherAccount = new Fixed(new RequestFacts("s3", "us-east-1", Optional.of("222233334444"), "s3.us-east-1.amazonaws.com", "GetObject",
                "s3:GetObject", "*"), null, path(Verdict.PRIVATE));
        decide(otherAccount, upstreams, S3_PUT);
        assertEquals(List.of("111122223333", "222233334444", "judged in 222233334444"), otherAccount.accounts(),
                "classified first in the principal's account, then again in the key's");

        Fixed defaultAccount = new Fixed(facts("s3", "GetObject"), null, path(Verdict.PRIVATE));
        decide(defaultAccount, upstreams, S3_PUT);
        assertEquals(List.of("111122223333", "000000000000", "judged in 000000000000"), defaultAccount.accounts(),
                "a key that is not 12 digits is the server's default account");
    }

    @Test
    void aServiceWithoutUpstreamIsAnsweredInItsProtocolNamingTheFlag() {
        GatewayDecision.Respond s3 = assertInstanceOf(GatewayDecision.Respond.class,
                decide(new Fixed(facts("s3", "PutObject"), null, path(Verdict.PRIVATE)), Upstreams.none(), S3_PUT));
        String xml = new String(s3.body(), StandardCharsets.UTF_8);
        assertEquals(501, s3.status());
        assertTrue(xml.contains("<Error><Code>UnsupportedService</Code>") && xml.contains("--upstream s3=URL"), xml);
        assertEquals("application/xml", s3.headers().get("Content-Type"));

        GatewayDecision.Respond sqs = assertInstanceOf(GatewayDecision.Respond.class,
                decide(new Fixed(facts("sqs", "ListQueues"), null, path(Verdict.PUBLIC)), Upstreams.none(), SQS_JSON));
        String json = new String(sqs.body(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"__type\":\"UnsupportedService\"") && json.contains("--upstream sqs=URL"), json);
        assertEquals("application/x-amz-json-1.0", sqs.headers().get("Content-Type"));
    }

    @Test
    void anEndpointPolicyDenialIsAnsweredAndAnyOtherBlockIsDropped() {
        Upstreams upstreams = Upstreams.parse(List.of("default=" + S3_UPSTREAM));
        GatewayDecision.Respond denied = assertInstanceOf(GatewayDecision.Respond.class, decide(new Fixed(facts("s3", "PutObject"), null,
                path(Verdict.BLOCKED, ExplanationCode.ENDPOINT_POLICY_DENIES)), upstreams, S3_PUT));
        String xml = new String(denied.body(), StandardCharsets.UTF_8);
        assertEquals(403, denied.status());
        assertTrue(xml.contains("<Code>AccessDenied</Code><Message>User: arn:aws:iam::000000000000:root is not authorized to perform: "
                + "s3:PutObject because no VPC endpoint policy allows the s3:PutObject action</Message>"), xml);

        PathResult dropped = path(Verdict.BLOCKED, ExplanationCode.NO_ROUTE_TO_DESTINATION);
        GatewayDecision.Block block = assertInstanceOf(GatewayDecision.Block.class,
                decide(new Fixed(facts("s3", "PutObject"), null, dropped), upstreams, S3_PUT));
        assertSame(dropped, block.path());
    }

    @Test
    void aCallDeniedOnOneOfItsAuthorizationsIsAnsweredNamingThatOne() {
        RequestFacts copy = new RequestFacts("s3", "us-east-1", Optional.of("AKIDEXAMPLE"), "s3.us-east-1.amazonaws.com", "CopyObject", "s3:PutObject",
                "arn:aws:s3:::photos/copy.jpg", Map.of(), List.of(new RequestFacts.Authorization("s3:GetObject", "arn:aws:s3:::secrets/key")));
        PathResult denied = path(Verdict.BLOCKED, ExplanationCode.ENDPOINT_POLICY_DENIES);
        Fixed classified = new Fixed(copy, null, denied);
        WorkloadDecider.Judge sourceDenied = (workload, facts, callerAccount) -> new TrafficJudge.Judgement(denied,
                facts.onlyFor(facts.moreAuthorizations().get(0)));
        GatewayDecision.Respond answer = assertInstanceOf(GatewayDecision.Respond.class, new WorkloadDecider(WORKLOAD, classified, sourceDenied,
                Upstreams.parse(List.of("default=" + S3_UPSTREAM)), API, ServiceProtocols.standard(), "000000000000", NO_TUNNELS,
                (scope, vpcId, address, port) -> Optional.empty()).decide(S3_PUT, Optional.empty()));
        String xml = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(403, answer.status());
        assertTrue(xml.contains("is not authorized to perform: s3:GetObject on resource: &quot;arn:aws:s3:::secrets/key&quot; because no VPC endpoint policy"
                + " allows the s3:GetObject action"), xml);
        assertSame(copy, answer.facts(), "the gateway records the call as made, not narrowed");
    }

    @Test
    void aRequestThatCannotBeClassifiedGetsTheClassifiersError() {
        AwsException malformed = new AwsException(ErrorCode.INVALID_REQUEST, "The request is not signed.");
        GatewayDecision.Respond answer = assertInstanceOf(GatewayDecision.Respond.class,
                decide(new Fixed(null, malformed, null), Upstreams.none(), SQS_JSON));
        assertEquals(400, answer.status());
        assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("The request is not signed."));
    }
}
