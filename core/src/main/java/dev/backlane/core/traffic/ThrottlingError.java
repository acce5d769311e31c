package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.error.AwsException;

/**
 * The error a service answers a call it throttles, in its own words ({@code data/throttling.json}): S3's
 * {@code SlowDown} (503), EC2's {@code RequestLimitExceeded} (503), the Query services' {@code Throttling} (400),
 * the JSON services' {@code ThrottlingException} (400; 429 over REST-JSON), SQS's {@code RequestThrottled}, SNS's
 * {@code Throttled}, Lambda's {@code TooManyRequestsException}. The SDKs retry each of these as a throttle. The
 * server renders the exception in the service's protocol.
 */
public final class ThrottlingError {
    private static final ServiceErrorForms FORMS = new ServiceErrorForms("/dev/backlane/core/data/throttling.json");

    private ThrottlingError() {
    }

    /** The throttle of the service with the signing name. */
    public static AwsException of(String service) {
        requireNonNull(service, "service is null");
        JsonNode form = FORMS.form(service);
        return new AwsException(FORMS.errorCode(form), form.path("message").asText("Rate exceeded"));
    }
}
