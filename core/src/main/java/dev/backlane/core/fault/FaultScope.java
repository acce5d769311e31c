package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a fault acts: each field, when set, narrows it to traffic and questions that have the same value
 * ({@link FaultSubject}); an empty scope covers everything. The service is its short name, the prefix of its
 * endpoint service name and usually its signing name ({@code s3}, {@code sqs}, {@code ec2}); the zone is a zone
 * name ({@code us-east-1a}) in the account's own naming. A workload is matched through its network interface (the
 * path engine sees interfaces, not workloads), which the fault records beside the workload's ID when it is made.
 */
public record FaultScope(Map<Field, String> values) {
    /** A scope field, with its name on the wire. */
    public enum Field {
        ACCOUNT("account"),
        REGION("region"),
        VPC("vpcId"),
        SUBNET("subnetId"),
        ZONE("availabilityZone"),
        ENDPOINT("vpcEndpointId"),
        SERVICE("service"),
        WORKLOAD("workloadId"),
        NETWORK_INTERFACE("networkInterfaceId"),
        PRINCIPAL("principal");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public FaultScope {
        EnumMap<Field, String> copy = new EnumMap<>(Field.class);
        requireNonNull(values, "values is null").forEach((field, value) -> copy.put(requireNonNull(field, "field is null"),
                requireNonNull(value, "value is null")));
        values = Collections.unmodifiableMap(copy);
    }

    public static FaultScope everything() {
        return new FaultScope(Map.of());
    }

    public Optional<String> get(Field field) {
        return Optional.ofNullable(values.get(field));
    }

    /** The scope with one more field set (replacing its value). */
    public FaultScope with(Field field, String value) {
        EnumMap<Field, String> more = new EnumMap<>(Field.class);
        more.putAll(values);
        more.put(field, value);
        return new FaultScope(more);
    }

    /**
     * Whether the subject is inside the scope: it has every set field's value. A subject that does not know a field
     * the scope sets is outside it, except the workload, which a subject knowing only the network interface is
     * matched on through {@link Field#NETWORK_INTERFACE}.
     */
    public boolean covers(FaultSubject subject) {
        for (Map.Entry<Field, String> entry : values.entrySet()) {
            Field field = entry.getKey();
            Optional<String> value = subject.get(field);
            if (field == Field.WORKLOAD && value.isEmpty() && values.containsKey(Field.NETWORK_INTERFACE)) {
                continue;
            }
            if (value.isEmpty() || !same(field, entry.getValue(), value.get())) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Field field, String expected, String actual) {
        return switch (field) {
            case SERVICE, ZONE, REGION -> expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
            case ACCOUNT, VPC, SUBNET, ENDPOINT, WORKLOAD, NETWORK_INTERFACE, PRINCIPAL -> expected.equals(actual);
        };
    }
}
