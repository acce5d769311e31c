package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CallErrorTest {
    @Test
    void eachServiceThrottlesInItsOwnWords() {
        assertThrottle("s3", ErrorCode.SLOW_DOWN, 503, "Please reduce your request rate.");
        assertThrottle("ec2", ErrorCode.REQUEST_LIMIT_EXCEEDED, 503, "Request limit exceeded.");
        assertThrottle("sts", ErrorCode.THROTTLING, 400, "Rate exceeded");
        assertThrottle("kms", ErrorCode.THROTTLING_EXCEPTION, 400, "Rate exceeded");
        assertThrottle("sqs", ErrorCode.REQUEST_THROTTLED, 400, "Rate exceeded");
        assertThrottle("sns", ErrorCode.THROTTLED, 429, "Rate exceeded");
        assertThrottle("lambda", ErrorCode.TOO_MANY_REQUESTS_EXCEPTION, 429, "Rate exceeded");
    }

    @Test
    void aServiceNobodyDescribedThrottlesAsAJsonService() {
        assertEquals(ErrorCode.THROTTLING_EXCEPTION, CallError.THROTTLING.of("no-such-service").code());
    }

    @Test
    void internalAndUnavailableErrorsAreTheServicesOwn() {
        assertEquals(ErrorCode.INTERNAL_ERROR, CallError.INTERNAL_ERROR.of("ec2").code());
        assertEquals("An internal error has occurred.", CallError.INTERNAL_ERROR.of("ec2").getMessage());
        assertEquals(ErrorCode.INTERNAL_FAILURE, CallError.INTERNAL_ERROR.of("sts").code());
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, CallError.SERVICE_UNAVAILABLE.of("ec2").code());
        assertEquals(503, CallError.SERVICE_UNAVAILABLE.of("logs").code().httpStatus());
        assertEquals("Service is unable to handle request.", CallError.SERVICE_UNAVAILABLE.of("s3").getMessage());
    }

    @Test
    void expiredTemporaryCredentialsAreRefusedInEachServicesOwnWords() {
        assertEquals(ErrorCode.REQUEST_EXPIRED, CallError.EXPIRED_TOKEN.of("ec2").code());
        assertEquals("Request has expired.", CallError.EXPIRED_TOKEN.of("ec2").getMessage());
        assertEquals(ErrorCode.EXPIRED_TOKEN_S3, CallError.EXPIRED_TOKEN.of("s3").code());
        assertEquals("The provided token has expired.", CallError.EXPIRED_TOKEN.of("s3").getMessage());
        assertEquals(ErrorCode.EXPIRED_TOKEN, CallError.EXPIRED_TOKEN.of("sts").code());
        assertEquals(403, CallError.EXPIRED_TOKEN.of("sts").code().httpStatus());
        assertEquals("The security token included in the request is expired", CallError.EXPIRED_TOKEN.of("elasticloadbalancing").getMessage());
        assertEquals(ErrorCode.EXPIRED_TOKEN_EXCEPTION, CallError.EXPIRED_TOKEN.of("kms").code());
        assertEquals(ErrorCode.EXPIRED_TOKEN_EXCEPTION, CallError.EXPIRED_TOKEN.of("logs").code());
    }

    private static void assertThrottle(String service, ErrorCode code, int status, String message) {
        AwsException error = CallError.THROTTLING.of(service);
        assertEquals(code, error.code(), service);
        assertEquals(status, error.code().httpStatus(), service);
        assertEquals(message, error.getMessage(), service);
    }
}
