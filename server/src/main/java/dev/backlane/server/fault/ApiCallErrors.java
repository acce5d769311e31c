package dev.backlane.server.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.server.api.CallGate;
import dev.backlane.server.api.Caller;
import java.util.Optional;

/**
 * The faults that answer calls (F7's throttling, {@code API_INTERNAL_ERROR}, {@code API_UNAVAILABLE}), acting on calls
 * made straight to Backlane's API port: a call is answered with the service's own error ({@link GatewayCallErrors#errorOf})
 * when an active fault covers its account, region, service and principal — for an assumed role's credentials the role's
 * ARN, so FIS's API error actions on {@code aws:iam:role} targets reach it; else the account's root — names its operation
 * (or none) and its gate says so. Calls a workload's gateway forwarded were asked about there. With no fault active it
 * costs one volatile read.
 */
public final class ApiCallErrors implements CallGate {
    private final Faults faults;

    public ApiCallErrors(Faults faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public Optional<AwsException> refusal(String service, Caller caller, String operation) {
        if (caller.viaGateway() || faults.active().isEmpty()) {
            return Optional.empty();
        }
        FaultSubject subject = FaultSubject.in(caller.scope()).with(Field.SERVICE, service)
                .with(Field.PRINCIPAL, caller.roleArn().orElse(caller.principalArn()));
        return faults.answering(subject, operation).map(fault -> GatewayCallErrors.errorOf(fault.kind()).of(service));
    }
}
