package dev.backlane.core.metrics.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backlane's own namespace for request-level facts AWS does not publish: the AWS calls workloads make through their
 * gateways, counted ({@link #REQUESTS}, unit Count: each call is one sample of 1, so Sum and SampleCount are the number
 * of calls) and timed ({@link #LATENCY}, unit Milliseconds, one value per call rounded to three significant digits, so
 * percentiles can be asked for), by the call's service, API action, the HTTP status the workload got and the AWS error
 * code of an error answer. A call that could not be classified has {@code Unknown} as its service and action; one that
 * got no answer (stalled, reset, cut off) has status {@code 0}.
 */
public final class RequestMetrics {
    public static final String NAMESPACE = "Backlane/Requests";
    public static final String REQUESTS = "Requests";
    public static final String LATENCY = "Latency";

    public static final String SERVICE = "Service";
    public static final String ACTION = "Action";
    public static final String STATUS_CODE = "StatusCode";
    public static final String ERROR_CODE = "ErrorCode";

    /** The service or action of a call that could not be classified. */
    public static final String UNKNOWN = "Unknown";
    /** What stands for a service, action and error code once more combinations than the cap were seen. */
    public static final String OTHER = "Other";

    private RequestMetrics() {}

    /** The facts one call is counted under, in the account and region of the workload that made it. */
    public record Key(Scope scope, String service, String action, int status, Optional<String> errorCode) {
        public Key {
            requireNonNull(scope, "scope is null");
            requireNonNull(service, "service is null");
            requireNonNull(action, "action is null");
            requireNonNull(errorCode, "errorCode is null");
        }

        /** The same call past the cap: service, action and error code become {@link #OTHER}; the status stays. */
        Key folded() {
            return new Key(scope, OTHER, OTHER, status, errorCode.map(code -> OTHER));
        }

        /**
         * The dimension sets the call counts in: by service; by service and action; and with the status; and, for an
         * answer that names an error code, by service, action and error code.
         */
        public List<List<Dimension>> dimensionSets() {
            Dimension byService = new Dimension(SERVICE, service);
            Dimension byAction = new Dimension(ACTION, action);
            List<List<Dimension>> sets = new ArrayList<>(4);
            sets.add(List.of(byService));
            sets.add(List.of(byService, byAction));
            sets.add(List.of(byService, byAction, new Dimension(STATUS_CODE, Integer.toString(status))));
            errorCode.ifPresent(code -> sets.add(List.of(byService, byAction, new Dimension(ERROR_CODE, code))));
            return sets;
        }
    }
}
