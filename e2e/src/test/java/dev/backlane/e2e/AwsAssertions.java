package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
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

    /**
     * Polls {@code actual} every 250 ms until it gives {@code expected}, for states that change with time
     * (pending to available); fails after {@code patience}. Returns the moments it saw other values.
     */
    static int awaitEquals(String expected, Supplier<String> actual, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        String last = actual.get();
        int polls = 0;
        while (!expected.equals(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("still " + last + " after " + patience + ", expected " + expected);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = actual.get();
            polls++;
        }
        return polls;
    }

    /** DryRun succeeded: EC2 answers 412 DryRunOperation. */
    static void assertDryRunSucceeds(Executable call) {
        assertAwsError(412, "DryRunOperation", call);
    }
}
