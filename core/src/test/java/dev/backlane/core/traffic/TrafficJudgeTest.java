package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.AnalysisWorld;
import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.network.RouteTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficJudgeTest {
    private static final String ACCOUNT = AnalysisWorld.SCOPE.account();
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/app";
    private static final Instant AT = AnalysisWorld.NOW.plusSeconds(60);
    private static final String GET_ONLY_POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"ReadObjects","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::photos/*"},
              {"Sid":"NoWrites","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*"}]}""";

    private final AnalysisWorld world = new AnalysisWorld();
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    private final Subnet subnet = world.subnet(vpc, "10.0.1.0/24", AnalysisWorld.zoneName("use1-az6"));
    private final SecurityGroup workloads = world.group(vpc, "workloads");
    private final NetworkInterface eni = world.eni(subnet, workloads.id());
    private final Workload workload = new Workload("wl-1", AnalysisWorld.SCOPE, eni.id(), Optional.empty(), ROLE, true);
    private final TrafficJudge judge = new TrafficJudge(world.engine);
    private final RequestClassifier classifier = RequestClassifier.standard();

    private RequestFacts s3(String method, String target) {
        return classifier.classify(RequestClassifierTest.head(method, target, "Host", "127.0.0.1:4000", "Authorization",
                RequestClassifierTest.signed("s3", "us-east-1")), Optional.empty(), ACCOUNT);
    }

    private PathResult judge(RequestFacts facts) {
        return judge.judge(WorldIndex.of(world.world()), workload, facts, ACCOUNT, AT);
    }

    private static List<ExplanationCode> codes(PathResult result) {
        return result.explanations().stream().map(Explanation::code).toList();
    }

    @Test
    void gatewayEndpointPolicyLetsGetObjectThroughPrivatelyAndDeniesPutObject() {
        VpcEndpoint endpoint = world.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.s3", AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.update(endpoint.withPolicyDocument(GET_ONLY_POLICY));

        PathResult get = judge(s3("GET", "/photos/cat.jpg"));
        assertEquals(Verdict.PRIVATE, get.verdict());
        assertEquals(Optional.of(endpoint.id()), get.via());

        PathResult put = judge(s3("PUT", "/photos/cat.jpg"));
        assertEquals(Verdict.BLOCKED, put.verdict());
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(put));
        assertEquals(endpoint.id(), put.explanations().get(0).component());
        assertTrue(put.explanations().get(0).detail().contains("NoWrites"), put.explanations().get(0).detail());

        AwsException denial = EndpointPolicyDenial.of(s3("PUT", "/photos/cat.jpg"), ROLE, put).orElseThrow();
        assertEquals(ErrorCode.ACCESS_DENIED, denial.code());
        assertTrue(denial.getMessage().endsWith("with an explicit deny in a VPC endpoint policy"), denial.getMessage());

        PathResult otherBucket = judge(s3("GET", "/secrets/key"));
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(otherBucket), "no statement allows another bucket");
        assertTrue(EndpointPolicyDenial.of(s3("GET", "/secrets/key"), ROLE, otherBucket).orElseThrow().getMessage()
                .endsWith("because no VPC endpoint policy allows the s3:GetObject action"));
        assertEquals(Optional.empty(), EndpointPolicyDenial.of(s3("GET", "/photos/cat.jpg"), ROLE, get));
    }

    @Test
    void theEndpointPolicySeesThePrincipalsAndTheRequestsConditionKeys() {
        VpcEndpoint endpoint = world.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.s3", AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.update(endpoint.withPolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{
                  "StringEquals":{"aws:PrincipalAccount":"111122223333","aws:PrincipalType":"AssumedRole","aws:RequestedRegion":"us-east-1",
                                  "aws:PrincipalArn":"arn:aws:iam::111122223333:role/app"},
                  "Bool":{"aws:SecureTransport":"true"}}}]}"""));
        assertEquals(Verdict.PRIVATE, judge(s3("GET", "/photos/cat.jpg")).verdict());

        PathResult otherAccount = judge.judge(WorldIndex.of(world.world()), workload, s3("GET", "/photos/cat.jpg"), "444455556666", AT);
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(otherAccount),
                "credentials of another account call as that account, not as the workload's role");
    }

    @Test
    void s3ConditionKeysOfTheRequestReachTheEndpointPolicy() {
        VpcEndpoint endpoint = world.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.s3", AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.update(endpoint.withPolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos",
                  "Condition":{"StringLike":{"s3:prefix":"public/*"}}}]}"""));
        assertEquals(Verdict.PRIVATE, judge(s3("GET", "/photos?list-type=2&prefix=public%2F2026")).verdict());
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(judge(s3("GET", "/photos?list-type=2&prefix=private%2F"))));
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(judge(s3("GET", "/photos?list-type=2"))), "no prefix, no match");
    }

    @Test
    void withoutAnEndpointTheCallGoesOutThroughTheNatGateway() {
        Subnet publicSubnet = world.subnet(vpc, "10.0.9.0/24", AnalysisWorld.zoneName("use1-az6"));
        RouteTable publicTable = world.routeTable(vpc, publicSubnet);
        world.internetRoute(vpc, publicTable.id());
        NatGateway nat = world.natGateway(publicSubnet);
        world.route(world.mainRouteTable(vpc), "0.0.0.0/0", RouteTarget.natGateway(nat.id()));

        PathResult put = judge(s3("PUT", "/photos/cat.jpg"));
        assertEquals(Verdict.PUBLIC, put.verdict());
        assertEquals(Optional.of(nat.id()), put.via());
    }

    @Test
    void anInterfaceEndpointWhoseSecurityGroupDropsHttpsBlocksTheCallAsADroppedPacket() {
        SecurityGroup endpointGroup = world.group(vpc, "endpoints");
        world.allowIn(endpointGroup.id(), 80, "10.0.0.0/16");
        world.interfaceEndpoint(vpc, "com.amazonaws.us-east-1.sqs", true, "available", List.of(subnet), endpointGroup.id());
        RequestFacts facts = classifier.classify(RequestClassifierTest.head("POST", "/", "Authorization", RequestClassifierTest.signed("sqs", "us-east-1"),
                "X-Amz-Target", "AmazonSQS.ListQueues", "Content-Type", "application/x-amz-json-1.0"), Optional.of("{}".getBytes()), ACCOUNT);
        PathResult result = judge(facts);
        assertEquals(Verdict.BLOCKED, result.verdict());
        assertEquals(List.of(ExplanationCode.ENI_SG_RULES_MISMATCH), codes(result));
        assertEquals(Optional.empty(), EndpointPolicyDenial.of(facts, ROLE, result), "a dropped packet is not an endpoint policy's 403");

        world.allowIn(endpointGroup.id(), 443, "10.0.0.0/16");
        assertEquals(Verdict.PRIVATE, judge(facts).verdict());
    }

    private static final String ORDERS_ONLY_POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-east-1:%s:table/orders"}]}"""
            .formatted(ACCOUNT);

    private RequestFacts dynamodb(String operation, String body) {
        return classifier.classify(RequestClassifierTest.head("POST", "/", "Authorization", RequestClassifierTest.signed("dynamodb", "us-east-1"),
                "X-Amz-Target", "DynamoDB_20120810." + operation, "Content-Type", "application/x-amz-json-1.0"), Optional.of(body.getBytes()), ACCOUNT);
    }

    private void ordersOnlyDynamoDbEndpoint() {
        VpcEndpoint endpoint = world.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.dynamodb", "pl-02cd2c6b", world.mainRouteTable(vpc));
        world.update(endpoint.withPolicyDocument(ORDERS_ONLY_POLICY));
    }

    /** The call is denied by its endpoint policy, and the denial and the last explanation name {@code action} on {@code resource}. */
    private void assertDeniedOn(RequestFacts facts, String action, String resource) {
        TrafficJudge.Judgement judgement = judge.decide(WorldIndex.of(world.world()), workload, facts, ACCOUNT, AT);
        assertEquals(Verdict.BLOCKED, judgement.path().verdict());
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(judgement.path()));
        String detail = judgement.path().explanations().get(0).detail();
        assertTrue(detail.contains(action + " on " + resource), detail);
        assertEquals(action, judgement.decidedOn().action());
        assertEquals(resource, judgement.decidedOn().resource());
        String message = EndpointPolicyDenial.of(judgement.decidedOn(), ROLE, judgement.path()).orElseThrow().getMessage();
        assertTrue(message.contains("perform: " + action + " on resource: ") && message.contains(resource), message);
    }

    private void assertAllowed(RequestFacts facts) {
        TrafficJudge.Judgement judgement = judge.decide(WorldIndex.of(world.world()), workload, facts, ACCOUNT, AT);
        assertEquals(Verdict.PRIVATE, judgement.path().verdict(), () -> judgement.path().explanations().toString());
        assertEquals(facts, judgement.decidedOn());
    }

    @Test
    void aDynamoDbBatchIsDeniedWhenTheEndpointPolicyDeniesAnyOfItsTables() {
        ordersOnlyDynamoDbEndpoint();
        String audit = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/audit";
        assertAllowed(dynamodb("BatchGetItem", "{\"RequestItems\":{\"orders\":{\"Keys\":[]}}}"));
        assertDeniedOn(dynamodb("BatchGetItem", "{\"RequestItems\":{\"orders\":{\"Keys\":[]},\"audit\":{\"Keys\":[]}}}"), "dynamodb:BatchGetItem",
                audit);
        assertDeniedOn(dynamodb("BatchWriteItem", "{\"RequestItems\":{\"orders\":[],\"audit\":[]}}"), "dynamodb:BatchWriteItem", audit);
        assertDeniedOn(dynamodb("TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"orders\"}},"
                + "{\"ConditionCheck\":{\"TableName\":\"audit\"}}]}"), "dynamodb:ConditionCheckItem", audit);
        assertAllowed(dynamodb("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"orders\"}}]}"));
        assertDeniedOn(dynamodb("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"orders\"}},{\"Get\":{\"TableName\":\"audit\"}}]}"),
                "dynamodb:GetItem", audit);
        assertDeniedOn(dynamodb("BatchExecuteStatement", "{\"Statements\":[{\"Statement\":\"SELECT * FROM orders\"},"
                + "{\"Statement\":\"DELETE FROM \\\"audit\\\" WHERE id=1\"}]}"), "dynamodb:PartiQLDelete", audit);
        assertDeniedOn(dynamodb("ExecuteTransaction", "{\"TransactStatements\":[{\"Statement\":\"UPDATE audit SET a=1 WHERE id=1\"}]}"),
                "dynamodb:PartiQLUpdate", audit);
        assertAllowed(dynamodb("ExecuteTransaction", "{\"TransactStatements\":[{\"Statement\":\"INSERT INTO orders VALUE {'id':1}\"}]}"));
    }

    @Test
    void aCopyIsDeniedWhenTheEndpointPolicyDeniesReadingItsSource() {
        VpcEndpoint endpoint = world.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.s3", AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.update(endpoint.withPolicyDocument("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::photos/*"}]}"""));
        RequestFacts withinPhotos = classifier.classify(RequestClassifierTest.head("PUT", "/photos/copy.jpg", "Host", "127.0.0.1:4000",
                "Authorization", RequestClassifierTest.signed("s3", "us-east-1"), "x-amz-copy-source", "/photos/cat.jpg"), Optional.empty(), ACCOUNT);
        assertAllowed(withinPhotos);
        RequestFacts fromSecrets = classifier.classify(RequestClassifierTest.head("PUT", "/photos/copy.jpg", "Host", "127.0.0.1:4000",
                "Authorization", RequestClassifierTest.signed("s3", "us-east-1"), "x-amz-copy-source", "secrets/key%20one"), Optional.empty(), ACCOUNT);
        assertDeniedOn(fromSecrets, "s3:GetObject", "arn:aws:s3:::secrets/key one");
        RequestFacts partFromSecrets = classifier.classify(RequestClassifierTest.head("PUT", "/photos/big.bin?partNumber=2&uploadId=abc", "Host",
                "127.0.0.1:4000", "Authorization", RequestClassifierTest.signed("s3", "us-east-1"), "x-amz-copy-source", "/secrets/src.bin"),
                Optional.empty(), ACCOUNT);
        assertDeniedOn(partFromSecrets, "s3:GetObject", "arn:aws:s3:::secrets/src.bin");
    }

    @Test
    void theJudgeAsksWhatExplainWouldBeAsked() {
        RequestFacts facts = s3("PUT", "/photos/cat.jpg");
        var query = TrafficJudge.query(workload, facts, ACCOUNT);
        assertEquals(eni.id(), query.source());
        assertEquals("s3.us-east-1.amazonaws.com", query.destination());
        assertEquals(443, query.port());
        assertEquals(Optional.of(AnalysisWorld.SCOPE), query.scope());
        var question = query.policy().orElseThrow();
        assertEquals(ROLE, question.principal());
        assertEquals("s3:PutObject", question.action());
        assertEquals("arn:aws:s3:::photos/cat.jpg", question.resource());
        assertEquals(List.of("us-east-1"), question.context().get("aws:RequestedRegion"));
        assertEquals(List.of("true"), question.context().get("aws:SecureTransport"));
    }
}
