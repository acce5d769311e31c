package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestClassifierTest {
    private static final String ACCOUNT = "111122223333";
    private final RequestClassifier classifier = RequestClassifier.standard();

    static String signed(String service, String region) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd";
    }

    static HttpRequestHead head(String method, String target, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new HttpRequestHead(method, target, map);
    }

    private RequestFacts s3(String method, String target, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Host";
        all[1] = "127.0.0.1:40123";
        all[2] = "Authorization";
        all[3] = signed("s3", "us-west-2");
        System.arraycopy(headers, 0, all, 4, headers.length);
        return classifier.classify(head(method, target, all), Optional.empty(), ACCOUNT);
    }

    private static void assertFacts(String operation, String action, String resource, RequestFacts facts) {
        assertEquals(operation, facts.operation(), "operation");
        assertEquals(action, facts.action(), "action");
        assertEquals(resource, facts.resource(), "resource");
    }

    @Test
    void s3PathStyleOperationsAreToldApartByMethodPathQueryAndHeaders() {
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::photos/2026/cat.jpg", s3("GET", "/photos/2026/cat.jpg"));
        assertFacts("PutObject", "s3:PutObject", "arn:aws:s3:::photos/cat.jpg", s3("PUT", "/photos/cat.jpg"));
        assertFacts("HeadObject", "s3:GetObject", "arn:aws:s3:::photos/cat.jpg", s3("HEAD", "/photos/cat.jpg"));
        assertFacts("DeleteObject", "s3:DeleteObject", "arn:aws:s3:::photos/cat.jpg", s3("DELETE", "/photos/cat.jpg"));
        assertFacts("ListObjectsV2", "s3:ListBucket", "arn:aws:s3:::photos", s3("GET", "/photos?list-type=2&prefix=2026%2F"));
        assertFacts("ListObjects", "s3:ListBucket", "arn:aws:s3:::photos", s3("GET", "/photos"));
        assertFacts("ListObjects", "s3:ListBucket", "arn:aws:s3:::photos", s3("GET", "/photos/"));
        assertFacts("HeadBucket", "s3:ListBucket", "arn:aws:s3:::photos", s3("HEAD", "/photos"));
        assertFacts("CreateBucket", "s3:CreateBucket", "arn:aws:s3:::photos", s3("PUT", "/photos"));
        assertFacts("DeleteBucket", "s3:DeleteBucket", "arn:aws:s3:::photos", s3("DELETE", "/photos"));
        assertFacts("ListBuckets", "s3:ListAllMyBuckets", "*", s3("GET", "/"));
        assertFacts("GetBucketLocation", "s3:GetBucketLocation", "arn:aws:s3:::photos", s3("GET", "/photos?location"));
        assertFacts("GetObjectTagging", "s3:GetObjectTagging", "arn:aws:s3:::photos/cat.jpg", s3("GET", "/photos/cat.jpg?tagging"));
        assertFacts("PutBucketTagging", "s3:PutBucketTagging", "arn:aws:s3:::photos", s3("PUT", "/photos?tagging"));
        assertFacts("DeleteBucketTagging", "s3:PutBucketTagging", "arn:aws:s3:::photos", s3("DELETE", "/photos?tagging"));
        assertFacts("GetBucketPolicy", "s3:GetBucketPolicy", "arn:aws:s3:::photos", s3("GET", "/photos?policy"));
        assertFacts("DeleteObjects", "s3:DeleteObject", "arn:aws:s3:::photos", s3("POST", "/photos?delete"));
        assertFacts("ListObjectVersions", "s3:ListBucketVersions", "arn:aws:s3:::photos", s3("GET", "/photos?versions"));
        assertFacts("CopyObject", "s3:PutObject", "arn:aws:s3:::photos/copy.jpg", s3("PUT", "/photos/copy.jpg", "x-amz-copy-source", "/photos/cat.jpg"));
    }

    @Test
    void s3MultipartUploadsNeedPutObjectExceptListingAndAborting() {
        assertFacts("CreateMultipartUpload", "s3:PutObject", "arn:aws:s3:::b/big.bin", s3("POST", "/b/big.bin?uploads"));
        assertFacts("UploadPart", "s3:PutObject", "arn:aws:s3:::b/big.bin", s3("PUT", "/b/big.bin?partNumber=1&uploadId=abc"));
        assertFacts("UploadPartCopy", "s3:PutObject", "arn:aws:s3:::b/big.bin",
                s3("PUT", "/b/big.bin?partNumber=2&uploadId=abc", "x-amz-copy-source", "/other/src.bin"));
        assertFacts("CompleteMultipartUpload", "s3:PutObject", "arn:aws:s3:::b/big.bin", s3("POST", "/b/big.bin?uploadId=abc"));
        assertFacts("ListParts", "s3:ListMultipartUploadParts", "arn:aws:s3:::b/big.bin", s3("GET", "/b/big.bin?uploadId=abc"));
        assertFacts("AbortMultipartUpload", "s3:AbortMultipartUpload", "arn:aws:s3:::b/big.bin", s3("DELETE", "/b/big.bin?uploadId=abc"));
        assertFacts("ListMultipartUploads", "s3:ListBucketMultipartUploads", "arn:aws:s3:::b", s3("GET", "/b?uploads"));
    }

    @Test
    void s3NamingAnObjectVersionNeedsTheVersionAction() {
        assertFacts("GetObject", "s3:GetObjectVersion", "arn:aws:s3:::b/k", s3("GET", "/b/k?versionId=3HL4kqtJ"));
        assertFacts("DeleteObject", "s3:DeleteObjectVersion", "arn:aws:s3:::b/k", s3("DELETE", "/b/k?versionId=3HL4kqtJ"));
    }

    @Test
    void s3KeysAreDecodedPerSegmentAndKeepTheirSlashes() {
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::b/dir/a b/c%d+e.txt", s3("GET", "/b/dir/a%20b/c%25d+e.txt"));
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::b/a/b", s3("GET", "/b/a%2Fb"));
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::b/caf\u00e9", s3("GET", "/b/caf%C3%A9"));
    }

    @Test
    void sdkXIdNamesTheOperation() {
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::b/k", s3("GET", "/b/k?x-id=GetObject"));
        assertFacts("PutObject", "s3:PutObject", "arn:aws:s3:::b/k", s3("PUT", "/b/k?x-id=PutObject"));
    }

    @Test
    void s3RequestsCarryTheirConditionKeys() {
        RequestFacts list = s3("GET", "/photos?list-type=2&prefix=2026%2F&delimiter=%2F&max-keys=10");
        assertEquals(List.of("2026/"), list.conditionKeys().get("s3:prefix"));
        assertEquals(List.of("/"), list.conditionKeys().get("s3:delimiter"));
        assertEquals(List.of("10"), list.conditionKeys().get("s3:max-keys"));
        assertEquals(List.of("REST-HEADER"), list.conditionKeys().get("s3:authType"));
        assertEquals(List.of("AWS4-HMAC-SHA256"), list.conditionKeys().get("s3:signatureversion"));
        RequestFacts put = s3("PUT", "/photos/cat.jpg", "x-amz-acl", "public-read", "x-amz-server-side-encryption", "aws:kms");
        assertEquals(List.of("public-read"), put.conditionKeys().get("s3:x-amz-acl"));
        assertEquals(List.of("aws:kms"), put.conditionKeys().get("s3:x-amz-server-side-encryption"));
        RequestFacts presigned = classifier.classify(head("GET", "/b/k?versionId=v1&X-Amz-Credential=AKID%2F20261207%2Fus-east-1%2Fs3%2Faws4_request"),
                Optional.empty(), ACCOUNT);
        assertEquals(List.of("REST-QUERY-STRING"), presigned.conditionKeys().get("s3:authType"));
        assertEquals(List.of("v1"), presigned.conditionKeys().get("s3:VersionId"));
        assertEquals(Map.of(), json("dynamodb", "DynamoDB_20120810.GetItem", "{}").conditionKeys());
    }

    @Test
    void s3VirtualHostedThroughTheProxyTakesServiceRegionAndBucketFromTheHost() {
        RequestFacts facts = classifier.classify(head("PUT", "http://my.bucket.s3.eu-west-1.amazonaws.com/reports/q4.csv",
                "Host", "my.bucket.s3.eu-west-1.amazonaws.com", "Authorization", signed("s3", "eu-west-1")), Optional.empty(), ACCOUNT);
        assertEquals("s3", facts.service());
        assertEquals("eu-west-1", facts.region());
        assertEquals("my.bucket.s3.eu-west-1.amazonaws.com", facts.hostname());
        assertFacts("PutObject", "s3:PutObject", "arn:aws:s3:::my.bucket/reports/q4.csv", facts);
        assertEquals(Optional.of("AKIDEXAMPLE"), facts.accessKeyId());

        RequestFacts list = classifier.classify(head("GET", "http://logs.s3.eu-west-1.amazonaws.com/?list-type=2", "Host",
                "logs.s3.eu-west-1.amazonaws.com"), Optional.empty(), ACCOUNT);
        assertFacts("ListObjectsV2", "s3:ListBucket", "arn:aws:s3:::logs", list);
        assertEquals(Optional.empty(), list.accessKeyId(), "an unsigned request has no access key");
    }

    @Test
    void s3PathStyleThroughTheProxyKeepsTheRealHostname() {
        RequestFacts facts = classifier.classify(head("GET", "http://s3.us-west-2.amazonaws.com/b/k", "Host", "s3.us-west-2.amazonaws.com"),
                Optional.empty(), ACCOUNT);
        assertEquals("s3.us-west-2.amazonaws.com", facts.hostname());
        assertEquals("us-west-2", facts.region());
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::b/k", facts);
    }

    @Test
    void signedRequestsToTheGatewayGetTheServicesRealHostname() {
        assertEquals("s3.us-west-2.amazonaws.com", s3("GET", "/b/k").hostname());
        RequestFacts sqs = classifier.classify(head("POST", "/", "Host", "127.0.0.1:4000", "Authorization", signed("sqs", "eu-central-1"),
                "X-Amz-Target", "AmazonSQS.ListQueues", "Content-Type", "application/x-amz-json-1.0"), Optional.of("{}".getBytes()), ACCOUNT);
        assertEquals("sqs.eu-central-1.amazonaws.com", sqs.hostname());
        RequestFacts ecr = classifier.classify(head("POST", "/", "Authorization", signed("ecr", "us-east-1"), "X-Amz-Target",
                "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken", "Content-Type", "application/x-amz-json-1.1"),
                Optional.of("{}".getBytes()), ACCOUNT);
        assertEquals("api.ecr.us-east-1.amazonaws.com", ecr.hostname());
        assertFacts("GetAuthorizationToken", "ecr:GetAuthorizationToken", "*", ecr);
    }

    @Test
    void presignedUrlsCarryTheirScopeInTheQuery() {
        RequestFacts facts = classifier.classify(head("GET", "/b/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAPRESIGNED%2F20261207%2Fap-southeast-2%2Fs3%2Faws4_request&X-Amz-Date=20261207T120000Z"
                + "&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=ab12", "Host", "127.0.0.1:4000"), Optional.empty(), ACCOUNT);
        assertEquals(Optional.of("AKIAPRESIGNED"), facts.accessKeyId());
        assertEquals("ap-southeast-2", facts.region());
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::b/report.pdf", facts);
    }

    @Test
    void jsonProtocolTargetsNameTheOperationAndTheBodyTheResource() {
        assertFacts("GetItem", "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                json("dynamodb", "DynamoDB_20120810.GetItem", "{\"TableName\":\"orders\",\"Key\":{}}"));
        assertFacts("SendMessage", "sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:jobs",
                json("sqs", "AmazonSQS.SendMessage", "{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/444455556666/jobs\",\"MessageBody\":\"x\"}"));
        assertFacts("SendMessageBatch", "sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:jobs",
                json("sqs", "AmazonSQS.SendMessageBatch", "{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/444455556666/jobs\"}"));
        assertFacts("Encrypt", "kms:Encrypt", "arn:aws:kms:us-east-1:111122223333:alias/app",
                json("kms", "TrentService.Encrypt", "{\"KeyId\":\"alias/app\",\"Plaintext\":\"eA==\"}"));
        assertFacts("Decrypt", "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                json("kms", "TrentService.Decrypt", "{\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\"}"));
        assertFacts("GetParameter", "ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/app/db/url",
                json("ssm", "AmazonSSM.GetParameter", "{\"Name\":\"/app/db/url\",\"WithDecryption\":true}"));
        assertFacts("GetSecretValue", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:999988887777:secret:db-AbCdEf",
                json("secretsmanager", "secretsmanager.GetSecretValue",
                        "{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:999988887777:secret:db-AbCdEf\"}"));
        assertFacts("PutLogEvents", "logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/app/web",
                json("logs", "Logs_20140328.PutLogEvents", "{\"logGroupName\":\"/app/web\",\"logStreamName\":\"s\"}"));
    }

    @Test
    void partiQlStatementsNeedTheirVerbsActionOnTheirTable() {
        assertFacts("ExecuteStatement", "dynamodb:PartiQLSelect", "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                json("dynamodb", "DynamoDB_20120810.ExecuteStatement", "{\"Statement\":\"SELECT * FROM \\\"orders\\\".\\\"byDate\\\" WHERE id=?\"}"));
        assertFacts("ExecuteStatement", "dynamodb:PartiQLInsert", "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                json("dynamodb", "DynamoDB_20120810.ExecuteStatement", "{\"Statement\":\"insert into orders value {'id':1}\"}"));
        assertFacts("ExecuteStatement", "dynamodb:PartiQLUpdate", "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                json("dynamodb", "DynamoDB_20120810.ExecuteStatement", "{\"Statement\":\"UPDATE \\\"orders\\\" SET a=1\"}"));
        assertFacts("ExecuteStatement", "dynamodb:PartiQLDelete", "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                json("dynamodb", "DynamoDB_20120810.ExecuteStatement", "{\"Statement\":\"DELETE FROM orders WHERE id=1\"}"));
        assertFacts("ExecuteStatement", "", "*", json("dynamodb", "DynamoDB_20120810.ExecuteStatement", "{\"Statement\":\"EXPLAIN x\"}"));
    }

    @Test
    void sqsQueryCallsMayNameTheQueueByTheirPath() {
        RequestFacts facts = classifier.classify(head("POST", "/444455556666/jobs", "Authorization", signed("sqs", "eu-west-1"), "Content-Type",
                "application/x-www-form-urlencoded"), Optional.of("Action=ReceiveMessage&MaxNumberOfMessages=1".getBytes()), ACCOUNT);
        assertFacts("ReceiveMessage", "sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:444455556666:jobs", facts);
    }

    @Test
    void aJsonBodyThatIsNotJsonNamesNoResource() {
        assertFacts("GetItem", "dynamodb:GetItem", "*", json("dynamodb", "DynamoDB_20120810.GetItem", "{not json"));
    }

    @Test
    void anOperationTheModelDoesNotHaveIsNamedNeitherOperationNorAction() {
        RequestFacts facts = json("dynamodb", "DynamoDB_20120810.Teleport", "{}");
        assertEquals("", facts.operation());
        assertEquals("", facts.action());
        assertEquals("*", facts.resource());
    }

    private RequestFacts json(String service, String target, String body) {
        return classifier.classify(head("POST", "/", "Host", "127.0.0.1:4000", "Authorization", signed(service, "us-east-1"), "X-Amz-Target", target,
                "Content-Type", "application/x-amz-json-1.0"), Optional.of(body.getBytes(StandardCharsets.UTF_8)), ACCOUNT);
    }

    private static List<RequestFacts.Authorization> authorizations(String... actionsAndTables) {
        List<RequestFacts.Authorization> all = new java.util.ArrayList<>();
        for (int i = 0; i < actionsAndTables.length; i += 2) {
            String resource = actionsAndTables[i + 1].startsWith("arn:") ? actionsAndTables[i + 1]
                    : "arn:aws:dynamodb:us-east-1:111122223333:table/" + actionsAndTables[i + 1];
            all.add(new RequestFacts.Authorization(actionsAndTables[i], resource));
        }
        return all;
    }

    @Test
    void dynamoDbBatchesAndTransactionsNeedTheirActionOnEveryTableTheyName() {
        RequestFacts batchGet = json("dynamodb", "DynamoDB_20120810.BatchGetItem", "{\"RequestItems\":{\"orders\":{\"Keys\":[]},"
                + "\"arn:aws:dynamodb:us-east-1:444455556666:table/audit\":{\"Keys\":[]}}}");
        assertFacts("BatchGetItem", "dynamodb:BatchGetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", batchGet);
        assertEquals(authorizations("dynamodb:BatchGetItem", "orders", "dynamodb:BatchGetItem", "arn:aws:dynamodb:us-east-1:444455556666:table/audit"),
                batchGet.authorizations());
        assertEquals(authorizations("dynamodb:BatchWriteItem", "a", "dynamodb:BatchWriteItem", "b"),
                json("dynamodb", "DynamoDB_20120810.BatchWriteItem", "{\"RequestItems\":{\"a\":[],\"b\":[]}}").authorizations());
        assertEquals(authorizations("dynamodb:ConditionCheckItem", "a", "dynamodb:PutItem", "b", "dynamodb:UpdateItem", "a", "dynamodb:DeleteItem", "c"),
                json("dynamodb", "DynamoDB_20120810.TransactWriteItems", "{\"TransactItems\":[{\"ConditionCheck\":{\"TableName\":\"a\"}},"
                        + "{\"Put\":{\"TableName\":\"b\"}},{\"Update\":{\"TableName\":\"a\"}},{\"Delete\":{\"TableName\":\"c\"}},"
                        + "{\"Put\":{\"TableName\":\"b\"}}]}").authorizations(), "each (action, table) once, in the request's order");
        assertEquals(authorizations("dynamodb:GetItem", "a", "dynamodb:GetItem", "b"), json("dynamodb", "DynamoDB_20120810.TransactGetItems",
                "{\"TransactItems\":[{\"Get\":{\"TableName\":\"a\"}},{\"Get\":{\"TableName\":\"b\"}}]}").authorizations());
        assertEquals(authorizations("dynamodb:PartiQLSelect", "a", "dynamodb:PartiQLInsert", "b"), json("dynamodb",
                "DynamoDB_20120810.BatchExecuteStatement", "{\"Statements\":[{\"Statement\":\"SELECT * FROM a\"},"
                        + "{\"Statement\":\"INSERT INTO \\\"b\\\" VALUE {'k':1}\"}]}").authorizations());
        RequestFacts transaction = json("dynamodb", "DynamoDB_20120810.ExecuteTransaction", "{\"TransactStatements\":["
                + "{\"Statement\":\"UPDATE a SET x=1 WHERE k=1\"},{\"Statement\":\"DELETE FROM b WHERE k=1\"}]}");
        assertFacts("ExecuteTransaction", "dynamodb:PartiQLUpdate", "arn:aws:dynamodb:us-east-1:111122223333:table/a", transaction);
        assertEquals(authorizations("dynamodb:PartiQLUpdate", "a", "dynamodb:PartiQLDelete", "b"), transaction.authorizations());
        assertEquals(List.of(), json("dynamodb", "DynamoDB_20120810.TransactWriteItems", "{}").authorizations(),
                "a body naming no item is judged on the network path; DynamoDB rejects it");
        assertEquals(List.of(new RequestFacts.Authorization("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders")),
                json("dynamodb", "DynamoDB_20120810.GetItem", "{\"TableName\":\"orders\"}").authorizations(), "a single-table call needs one");
    }

    @Test
    void s3CopiesNeedToReadTheirSourceBesidesWritingTheDestination() {
        RequestFacts copy = s3("PUT", "/photos/copy.jpg", "x-amz-copy-source", "/other/a%2Fb.jpg?versionId=v1");
        assertFacts("CopyObject", "s3:PutObject", "arn:aws:s3:::photos/copy.jpg", copy);
        assertEquals(List.of(new RequestFacts.Authorization("s3:PutObject", "arn:aws:s3:::photos/copy.jpg"),
                new RequestFacts.Authorization("s3:GetObjectVersion", "arn:aws:s3:::other/a/b.jpg")), copy.authorizations());
        RequestFacts part = s3("PUT", "/b/big.bin?partNumber=2&uploadId=abc", "x-amz-copy-source", "other/src.bin");
        assertEquals(List.of(new RequestFacts.Authorization("s3:PutObject", "arn:aws:s3:::b/big.bin"),
                new RequestFacts.Authorization("s3:GetObject", "arn:aws:s3:::other/src.bin")), part.authorizations());
        assertEquals(1, s3("POST", "/photos?delete").authorizations().size(), "DeleteObjects' keys travel in a body the gateway streams");
    }

    @Test
    void queryProtocolTakesTheActionFromTheFormBodyOrTheQueryString() {
        RequestFacts sns = classifier.classify(head("POST", "/", "Authorization", signed("sns", "us-east-1"), "Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8"), Optional.of(
                        "Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Aalerts&Message=hi&Version=2010-03-31".getBytes()),
                ACCOUNT);
        assertFacts("Publish", "sns:Publish", "arn:aws:sns:us-east-1:111122223333:alerts", sns);
        RequestFacts ec2 = classifier.classify(head("GET", "/?Action=DescribeVpcs&Version=2016-11-15", "Authorization", signed("ec2", "us-east-1")),
                Optional.empty(), ACCOUNT);
        assertFacts("DescribeVpcs", "ec2:DescribeVpcs", "*", ec2);
        assertEquals("ec2.us-east-1.amazonaws.com", ec2.hostname());
        RequestFacts sts = classifier.classify(head("POST", "/", "Authorization", signed("sts", "us-east-1"), "Content-Type",
                "application/x-www-form-urlencoded"), Optional.of("Action=GetCallerIdentity&Version=2011-06-15".getBytes()), ACCOUNT);
        assertFacts("GetCallerIdentity", "sts:GetCallerIdentity", "*", sts);
        RequestFacts elb = classifier.classify(head("POST", "/", "Authorization", signed("elasticloadbalancing", "eu-west-1"), "Content-Type",
                "application/x-www-form-urlencoded"), Optional.of("Action=DescribeLoadBalancers&Version=2015-12-01".getBytes()), ACCOUNT);
        assertFacts("DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers", "*", elb);
        assertEquals("elasticloadbalancing.eu-west-1.amazonaws.com", elb.hostname());
        RequestFacts sqsLegacy = classifier.classify(head("POST", "/", "Authorization", signed("sqs", "us-east-1"), "Content-Type",
                "application/x-www-form-urlencoded"), Optional.of(
                        "Action=DeleteMessage&QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Fjobs&ReceiptHandle=r".getBytes()),
                ACCOUNT);
        assertFacts("DeleteMessage", "sqs:DeleteMessage", "arn:aws:sqs:us-east-1:111122223333:jobs", sqsLegacy);
    }

    @Test
    void rpcV2CborPathsNameServiceAndOperation() {
        RequestFacts facts = classifier.classify(head("POST", "/service/GraniteServiceVersion20100801/operation/GetMetricData", "Authorization",
                signed("monitoring", "us-east-1"), "smithy-protocol", "rpc-v2-cbor", "Content-Type", "application/cbor"), Optional.empty(), ACCOUNT);
        assertEquals("monitoring", facts.service());
        assertEquals("monitoring.us-east-1.amazonaws.com", facts.hostname());
        assertFacts("GetMetricData", "cloudwatch:GetMetricData", "*", facts);
    }

    @Test
    void lambdaRestBindingsNameTheFunction() {
        RequestFacts invoke = classifier.classify(head("POST", "/2015-03-31/functions/resize/invocations", "Authorization",
                signed("lambda", "us-east-1")), Optional.empty(), ACCOUNT);
        assertFacts("Invoke", "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:resize", invoke);
        RequestFacts config = classifier.classify(head("GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A444455556666%3Afunction%3Ax/configuration",
                "Authorization", signed("lambda", "us-east-1")), Optional.empty(), ACCOUNT);
        assertFacts("GetFunctionConfiguration", "lambda:GetFunctionConfiguration", "arn:aws:lambda:us-east-1:444455556666:function:x", config);
        RequestFacts list = classifier.classify(head("GET", "/2015-03-31/functions", "Authorization", signed("lambda", "us-east-1")),
                Optional.empty(), ACCOUNT);
        assertFacts("ListFunctions", "lambda:ListFunctions", "*", list);
    }

    @Test
    void aModeledServiceMissingFromTheEndpointDataGetsThePartitionsDefaultName() {
        RequestFacts facts = classifier.classify(head("GET", "/experiments", "Authorization", signed("fis", "eu-west-1")), Optional.empty(), ACCOUNT);
        assertEquals("fis.eu-west-1.amazonaws.com", facts.hostname());
        assertFacts("ListExperiments", "fis:ListExperiments", "*", facts);
    }

    @Test
    void servicesWithoutAModelStillGetServiceRegionHostnameAndTheirJsonTarget() {
        RequestFacts facts = classifier.classify(head("POST", "/", "Authorization", signed("kinesis", "us-east-1"), "X-Amz-Target",
                "Kinesis_20131202.PutRecord"), Optional.empty(), ACCOUNT);
        assertEquals("kinesis.us-east-1.amazonaws.com", facts.hostname());
        assertFacts("PutRecord", "kinesis:PutRecord", "*", facts);
    }

    @Test
    void needsBodyOnlyForFormsAndJsonNamingTheirResourceInTheBody() {
        assertTrue(classifier.needsBody(head("POST", "/", "Content-Type", "application/x-www-form-urlencoded")));
        assertTrue(classifier.needsBody(head("POST", "/", "X-Amz-Target", "DynamoDB_20120810.PutItem", "Content-Type", "application/x-amz-json-1.0")));
        assertTrue(classifier.needsBody(head("POST", "/", "X-Amz-Target", "AmazonSQS.SendMessage")));
        assertFalse(classifier.needsBody(head("POST", "/", "X-Amz-Target", "AmazonEC2ContainerRegistryX.Foo")));
        assertFalse(classifier.needsBody(head("PUT", "/b/k", "Content-Type", "application/octet-stream", "Authorization", signed("s3", "us-east-1"))));
        assertFalse(classifier.needsBody(head("POST", "http://b.s3.us-east-1.amazonaws.com/?delete", "Content-Type", "application/x-www-form-urlencoded")));
        assertFalse(classifier.needsBody(head("POST", "/service/GraniteServiceVersion20100801/operation/PutMetricData", "Content-Type", "application/cbor")));
        assertFalse(classifier.needsBody(head("POST", "/2015-03-31/functions/f/invocations", "Content-Type", "application/json")));
    }

    @Test
    void malformedAuthorizationFailsAsAwsDoes() {
        AwsException missing = assertThrows(AwsException.class, () -> classifier.classify(head("POST", "/", "Host", "sqs.us-east-1.amazonaws.com",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/sqs/aws4_request"), Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.INCOMPLETE_SIGNATURE, missing.code());
        assertEquals("Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter. "
                + "Authorization=AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/sqs/aws4_request", missing.getMessage());

        AwsException pair = assertThrows(AwsException.class, () -> classifier.classify(head("POST", "/", "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/sqs/aws4_request, SignedHeaders, Signature=x"), Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.INCOMPLETE_SIGNATURE, pair.code());
        assertTrue(pair.getMessage().startsWith("'SignedHeaders' not a valid key=value pair (missing equal-sign) in Authorization header"), pair.getMessage());

        AwsException scope = assertThrows(AwsException.class, () -> classifier.classify(head("POST", "/", "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261207/sqs/aws4_request, SignedHeaders=host, Signature=x"), Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.INCOMPLETE_SIGNATURE, scope.code());
        assertTrue(scope.getMessage().startsWith("Credential must have exactly 5 slash-delimited elements"), scope.getMessage());

        AwsException basic = assertThrows(AwsException.class, () -> classifier.classify(head("GET", "/", "Authorization", "Basic dXNlcjpwYXNz"),
                Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.INCOMPLETE_SIGNATURE, basic.code());
    }

    @Test
    void malformedS3AuthorizationUsesS3sCodes() {
        AwsException header = assertThrows(AwsException.class, () -> classifier.classify(head("GET", "http://b.s3.us-east-1.amazonaws.com/k",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/s3/aws4_request"), Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.AUTHORIZATION_HEADER_MALFORMED, header.code());
        assertEquals("The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, "
                + "and Signature.", header.getMessage());
        AwsException credential = assertThrows(AwsException.class, () -> classifier.classify(head("GET", "/b/k", "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/2026/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x"), Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.AUTHORIZATION_HEADER_MALFORMED, credential.code());
        AwsException presigned = assertThrows(AwsException.class, () -> classifier.classify(head("GET",
                "http://b.s3.us-east-1.amazonaws.com/k?X-Amz-Credential=AKID%2Fus-east-1%2Fs3&X-Amz-Signature=x"), Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, presigned.code());
    }

    @Test
    void s3SigV2GivesTheAccessKeyAndTheHostTheRest() {
        RequestFacts facts = classifier.classify(head("GET", "http://b.s3.us-east-1.amazonaws.com/k", "Authorization", "AWS AKIDV2:c2lnbmF0dXJl"),
                Optional.empty(), ACCOUNT);
        assertEquals(Optional.of("AKIDV2"), facts.accessKeyId());
        assertFacts("GetObject", "s3:GetObject", "arn:aws:s3:::b/k", facts);
    }

    @Test
    void unknownRegionsServicesAndUnsignedLocalRequestsAreRefused() {
        AwsException region = assertThrows(AwsException.class, () -> classifier.classify(head("GET", "/", "Authorization", signed("sqs", "mars-north-1")),
                Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, region.code());
        assertEquals("Credential should be scoped to a valid region, not 'mars-north-1'. ", region.getMessage());
        AwsException service = assertThrows(AwsException.class, () -> classifier.classify(head("GET", "/", "Authorization",
                signed("teleportation", "us-east-1")), Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.UNSUPPORTED_SERVICE, service.code());
        assertTrue(service.getMessage().contains("'teleportation'"), service.getMessage());
        AwsException unsigned = assertThrows(AwsException.class, () -> classifier.classify(head("GET", "/b/k", "Host", "127.0.0.1:4000"),
                Optional.empty(), ACCOUNT));
        assertEquals(ErrorCode.MISSING_AUTHENTICATION_TOKEN, unsigned.code());
        assertEquals("Request is missing Authentication Token", unsigned.getMessage());
    }
}
