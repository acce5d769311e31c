package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;

/**
 * The errors a service answers a call with when a fault makes it fail, each in the service's own words (a data file per
 * error: {@code byService} by signing name, else {@code byProtocol}); the server renders the exception in the service's
 * protocol.
 * <ul>
 * <li>{@link #THROTTLING} ({@code throttling.json}): S3's {@code SlowDown} (503), EC2's {@code RequestLimitExceeded}
 * (503), the Query services' {@code Throttling} (400), the JSON services' {@code ThrottlingException} (400; 429 over
 * REST-JSON), SQS's {@code RequestThrottled}, SNS's {@code Throttled}, Lambda's {@code TooManyRequestsException}.
 * <li>{@link #INTERNAL_ERROR} ({@code internal-error.json}): S3's and EC2's {@code InternalError}, the others'
 * {@code InternalFailure} (500).
 * <li>{@link #SERVICE_UNAVAILABLE} ({@code unavailable-error.json}): {@code ServiceUnavailable} (503).
 * <li>{@link #EXPIRED_TOKEN} ({@code expired-token.json}): a call signed with temporary credentials past their expiry —
 * S3's {@code ExpiredToken} (400), EC2's {@code RequestExpired} (400), the Query services' {@code ExpiredToken} (403), the
 * JSON services' {@code ExpiredTokenException} (403).
 * </ul>
 * The SDKs retry the first three, the first as a throttle; on the last they refresh their credentials.
 */
public enum CallError {
    THROTTLING("/dev/backlane/core/data/throttling.json"),
    INTERNAL_ERROR("/dev/backlane/core/data/internal-error.json"),
    SERVICE_UNAVAILABLE("/dev/backlane/core/data/unavailable-error.json"),
    EXPIRED_TOKEN("/dev/backlane/core/data/expired-token.json");

    private final String resource;
    /** Read on first use, so a server that never fails a call never reads the files. */
    private volatile ServiceErrorForms forms;

    CallError(String resource) {
        this.resource = resource;
    }

    /** The error as the service with the signing name answers it. */
    public AwsException of(String service) {
        requireNonNull(service, "service is null");
        ServiceErrorForms loaded = forms;
        if (loaded == null) {
            loaded = new ServiceErrorForms(resource);
            forms = loaded;
        }
        var form = loaded.form(service);
        return new AwsException(loaded.errorCode(form), form.path("message").asText());
    }
}
