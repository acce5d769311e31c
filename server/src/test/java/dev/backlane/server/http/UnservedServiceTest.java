package dev.backlane.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import dev.backlane.server.protocol.ErrorAnswer;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.protocol.ServiceProtocols;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnservedServiceTest {
    private static final List<ServiceEndpoint> SERVED = List.of(
            ServiceEndpoint.load("sts", "sts-2011-06-15.service-2.json"),
            ServiceEndpoint.load("ec2", "ec2-2016-11-15.service-2.json"));
    private final UnservedService unserved = new UnservedService(ServiceProtocols.standard());

    private static Headers headers(String... namesAndValues) {
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static String body(ErrorAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void s3GetsAnS3ErrorDocumentNamingS3AndTheServedServices() {
        ErrorAnswer answer = unserved.answer("s3", headers(), SERVED, "req-1");
        assertEquals(501, answer.status());
        assertEquals("application/xml", answer.contentType());
        assertEquals("req-1", answer.headers().get("x-amz-request-id"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>UnsupportedService</Code><Message>Backlane does not serve "
                + "S3 / S3 Control (s3). The services Backlane serves at this address are: EC2 (ec2), STS (sts).</Message>"
                + "<RequestId>req-1</RequestId></Error>", body(answer));
    }

    @Test
    void awsJsonClientsGetTypeAndMessageInTheirContentType() {
        ErrorAnswer answer = unserved.answer("sqs", headers("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target",
                "AmazonSQS.ListQueues"), SERVED, "req-2");
        assertEquals("application/x-amz-json-1.0", answer.contentType());
        assertEquals("{\"__type\":\"UnsupportedService\",\"message\":\"Backlane does not serve SQS (sqs). The services Backlane serves at "
                + "this address are: EC2 (ec2), STS (sts).\"}", body(answer));
        assertEquals("application/x-amz-json-1.1", unserved.answer("kms", headers("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "TrentService.ListKeys"), SERVED, "r").contentType());
    }

    @Test
    void queryClientsGetTheQueryEnvelope() {
        ErrorAnswer sns = unserved.answer("sns", headers("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), SERVED, "req-3");
        assertTrue(body(sns).contains("<ErrorResponse><Error><Type>Receiver</Type><Code>UnsupportedService</Code><Message>Backlane does not "
                + "serve SNS (sns)."), body(sns));
        ErrorAnswer oldSqs = unserved.answer("sqs", headers("Content-Type", "application/x-www-form-urlencoded"), SERVED, "r");
        assertTrue(body(oldSqs).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse>"), "an SQS Query client reads XML");
    }

    @Test
    void restJsonClientsReadTheErrorTypeHeader() {
        ErrorAnswer lambda = unserved.answer("lambda", headers(), SERVED, "req-4");
        assertEquals("application/json", lambda.contentType());
        assertEquals("UnsupportedService", lambda.headers().get("x-amzn-ErrorType"));
        assertTrue(body(lambda).contains("\"message\":\"Backlane does not serve Lambda (lambda)."), body(lambda));
    }

    @Test
    void cborClientsGetACborMap() {
        ErrorAnswer cloudWatch = unserved.answer("monitoring", headers("smithy-protocol", "rpc-v2-cbor", "Content-Type", "application/cbor"),
                SERVED, "req-5");
        assertEquals("application/cbor", cloudWatch.contentType());
        assertEquals("rpc-v2-cbor", cloudWatch.headers().get("smithy-protocol"));
        String hex = HexFormat.of().formatHex(cloudWatch.body());
        // map(2), text(6) "__type", text(18) "UnsupportedService", text(7) "message", text(>255) ...
        assertTrue(hex.startsWith("a2665f5f7479706572" + HexFormat.of().formatHex("UnsupportedService".getBytes(StandardCharsets.UTF_8))
                + "676d657373616765"), hex);
        String message = new String(cloudWatch.body(), StandardCharsets.UTF_8);
        assertTrue(message.contains("Backlane does not serve CloudWatch (monitoring)."), message);
        ErrorAnswer cloudWatchQuery = unserved.answer("monitoring", headers("Content-Type", "application/x-www-form-urlencoded"), SERVED, "r");
        assertTrue(body(cloudWatchQuery).contains("<ErrorResponse>"), "older clients speak Query to CloudWatch");
    }

    @Test
    void aServiceNoModelKnowsIsStillNamed() {
        ErrorAnswer answer = unserved.answer("nonesuch", headers(), SERVED, "r");
        assertTrue(body(answer).contains("Backlane does not serve 'nonesuch'."), body(answer));
    }
}
