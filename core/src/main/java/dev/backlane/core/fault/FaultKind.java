package dev.backlane.core.fault;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The failure modes of the VPC endpoints guide that Backlane can inject, each with the guide's label and the scope
 * fields that mean something for it. F1 acts on a VPC's DNS answers, which AWS's resolver gives per VPC, so it takes no
 * subnet, zone, workload or principal; F3 needs the zone that goes down. F5, F6 and the toxics act on connections, which
 * carry the calls of whoever sends on them, so they take no principal; F5's extra traffic comes from a workload, which
 * it needs. {@code TOXIC} is not one of the guide's modes but the building block of several: a Toxiproxy-style toxic on
 * the bytes of the connections in scope.
 */
public enum FaultKind {
    F1_PUBLIC_DNS("F1", "private DNS answers replaced by the service's public ones",
            EnumSet.of(FaultScope.Field.ACCOUNT, FaultScope.Field.REGION, FaultScope.Field.VPC, FaultScope.Field.ENDPOINT, FaultScope.Field.SERVICE)),
    F2_SECURITY_GROUP_DROP("F2", "the endpoint's security groups drop the traffic",
            EnumSet.complementOf(EnumSet.of(FaultScope.Field.PRINCIPAL))),
    F3_ZONE_UNAVAILABLE("F3", "the endpoint's interfaces in one zone stop answering",
            EnumSet.of(FaultScope.Field.ACCOUNT, FaultScope.Field.REGION, FaultScope.Field.VPC, FaultScope.Field.ZONE, FaultScope.Field.ENDPOINT,
                    FaultScope.Field.SERVICE)),
    F4_POLICY_DENY("F4", "a Deny statement layered on the endpoint policy", EnumSet.allOf(FaultScope.Field.class)),
    F5_COST_SPIKE("F5", "extra traffic through the workload's path to a service (an endpoint or a NAT)", Connections.FIELDS),
    F6_ASYMMETRIC_ROUTING("F6", "established connections reset or stall mid-stream", Connections.FIELDS),
    F7_THROTTLING("F7", "calls throttled in the service's own protocol, or delayed", EnumSet.allOf(FaultScope.Field.class)),
    F8_TELEMETRY_LOSS("F8", "flow logs, metrics and query logs lost or delayed",
            EnumSet.of(FaultScope.Field.ACCOUNT, FaultScope.Field.REGION, FaultScope.Field.VPC, FaultScope.Field.SUBNET, FaultScope.Field.ENDPOINT,
                    FaultScope.Field.WORKLOAD, FaultScope.Field.NETWORK_INTERFACE)),
    TOXIC("TOXIC", "a Toxiproxy-style toxic on the connections' bytes", Connections.FIELDS),
    /** FIS's {@code aws:fis:inject-api-internal-error}: calls answered with the service's 500 internal error. */
    API_INTERNAL_ERROR("API_INTERNAL_ERROR", "calls answered with the service's internal error (500)", EnumSet.allOf(FaultScope.Field.class)),
    /** FIS's {@code aws:fis:inject-api-unavailable-error}: calls answered with the service's 503 unavailable error. */
    API_UNAVAILABLE("API_UNAVAILABLE", "calls answered with the service's unavailable error (503)", EnumSet.allOf(FaultScope.Field.class));

    /** The kinds that answer the calls they cover with an error in the service's own protocol, through one gate each. */
    public static final Set<FaultKind> CALL_ERRORS = Collections.unmodifiableSet(EnumSet.of(F7_THROTTLING, API_INTERNAL_ERROR, API_UNAVAILABLE));

    /** The scope fields of what acts on connections: everything but the principal. */
    private static final class Connections {
        static final Set<FaultScope.Field> FIELDS = EnumSet.complementOf(EnumSet.of(FaultScope.Field.PRINCIPAL));
    }

    private final String label;
    private final String description;
    private final Set<FaultScope.Field> scopeFields;

    FaultKind(String label, String description, Set<FaultScope.Field> scopeFields) {
        this.label = label;
        this.description = description;
        this.scopeFields = Set.copyOf(scopeFields);
    }

    /** The guide's name: {@code F1} ... ({@code TOXIC} for the toxics). */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Whether faults of this kind answer calls with an error ({@link #CALL_ERRORS}). */
    public boolean answersCalls() {
        return CALL_ERRORS.contains(this);
    }

    /** The scope fields that can narrow a fault of this kind. */
    public Set<FaultScope.Field> scopeFields() {
        return scopeFields;
    }

    /** The kind labelled {@code text} ({@code F1}, any case); an {@code InvalidParameterValue} naming the kinds otherwise. */
    public static FaultKind parse(String text) {
        String label = text.trim().toUpperCase(Locale.ROOT);
        for (FaultKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        String known = EnumSet.allOf(FaultKind.class).stream().map(FaultKind::label).collect(Collectors.joining(", "));
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter kind is invalid. Expected one of %s.", text, known);
    }
}
