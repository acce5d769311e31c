package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsErrorCodesTest {
    private static Optional<String> body(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return AwsErrorCodes.fromBody(bytes, bytes.length);
    }

    @Test
    void jsonProtocolsNameTheCodeInAHeader() {
        assertEquals(Optional.of("ValidationException"), AwsErrorCodes.fromHeaders(Map.of("x-amzn-ErrorType",
                "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/")::get));
        assertEquals(Optional.of("AWS.SimpleQueueService.NonExistentQueue"), AwsErrorCodes.fromHeaders(Map.of("x-amzn-query-error",
                "AWS.SimpleQueueService.NonExistentQueue;Sender")::get));
        assertEquals(Optional.empty(), AwsErrorCodes.fromHeaders(Map.of("content-type", "application/json")::get));
    }

    @Test
    void xmlAndJsonBodiesNameTheCode() {
        assertEquals(Optional.of("NoSuchKey"), body("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>"));
        assertEquals(Optional.of("InvalidVpcID.NotFound"), body("<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code></Error></Errors></Response>"));
        assertEquals(Optional.of("ThrottlingException"), body("{\"__type\":\"com.amazon.coral.service#ThrottlingException\",\"message\":\"slow\"}"));
        assertEquals(Optional.of("ResourceNotFoundException"), body("{\"code\": \"ResourceNotFoundException\"}"));
        assertEquals(Optional.empty(), body("<html>Bad gateway</html>"));
        assertEquals(Optional.empty(), body("<Error><Code>not a code!</Code></Error>"), "what does not look like a code is none");
    }

    @Test
    void aCborBodyNamesTheCodeUnderItsTypeKey() {
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.write(0xa1);
        cbor.writeBytes(new byte[] {0x66, '_', '_', 't', 'y', 'p', 'e'});
        byte[] type = "com.amazonaws.cloudwatch#ResourceNotFound".getBytes(StandardCharsets.UTF_8);
        cbor.write(0x78);
        cbor.write(type.length);
        cbor.writeBytes(type);
        byte[] bytes = cbor.toByteArray();
        assertEquals(Optional.of("ResourceNotFound"), AwsErrorCodes.fromBody(bytes, bytes.length));
        assertEquals(Optional.empty(), AwsErrorCodes.fromBody(bytes, 12), "cut off before the code ends");
    }
}
