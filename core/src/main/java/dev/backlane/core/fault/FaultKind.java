package dev.backlane.core.fault;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The failure modes of the VPC endpoints guide that Backlane can inject, each with the guide's label and the scope
 * fields that mean something for it. F1 acts on a VPC's DNS answers, which AWS's resolver gives per VPC, so it takes no
 * subnet, zone, workload or principal; F3 needs the zone that goes down. F5 (cost spike), F6 (asymmetric routing) and
 * F8 (telemetry lost) are not injectable yet.
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
    F7_THROTTLING("F7", "calls throttled in the service's own protocol", EnumSet.allOf(FaultScope.Field.class));

    private final String label;
    private final String description;
    private final Set<FaultScope.Field> scopeFields;

    FaultKind(String label, String description, Set<FaultScope.Field> scopeFields) {
        this.label = label;
        this.description = description;
        this.scopeFields = Set.copyOf(scopeFields);
    }

    /** The guide's name: {@code F1} ... */
    public String label() {
        return label;
    }

    public String description() {
        return description;
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
        if (label.matches("F[568]")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter kind is invalid. Backlane does not inject %s faults yet; it injects %s.", text, label, known);
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter kind is invalid. Expected one of %s.", text, known);
    }
}
