package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Assertions on the errors AWS services answer with, as the SDK reports them. */
final class AwsAssertions {
    private AwsAssertions() {}

    /** Runs {@code call}, which must fail with {@code errorCode} and HTTP {@code status}; returns the error. */
    static AwsServiceException assertAwsError(int status, String errorCode, Executable call) {
        AwsServiceException error = assertThrows(AwsServiceException.class, call);
        assertEquals(errorCode, error.awsErrorDetails().errorCode(), () -> "error code of: " + error.getMessage());
        assertEquals(status, error.statusCode(), () -> "HTTP status of: " + error.getMessage());
        return error;
    }

    /** A 400 with {@code errorCode}: how EC2 refuses almost everything a caller gets wrong. */
    static AwsServiceException assertAwsError(String errorCode, Executable call) {
        return assertAwsError(400, errorCode, call);
    }

    /** DryRun succeeded: EC2 answers 412 DryRunOperation. */
    static void assertDryRunSucceeds(Executable call) {
        assertAwsError(412, "DryRunOperation", call);
    }
}
