package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a question about faults is about: a DNS question in a VPC, a packet at an endpoint's interface, a call through
 * a workload's gateway — as the {@link FaultScope} fields it knows. The zone is where the traffic meets the endpoint
 * (the zone of the endpoint interface it reaches) for F2 and F3, and the caller's zone for a call's throttling.
 */
public record FaultSubject(Map<FaultScope.Field, String> values) {
    public FaultSubject {
        EnumMap<FaultScope.Field, String> copy = new EnumMap<>(FaultScope.Field.class);
        requireNonNull(values, "values is null").forEach(copy::put);
        values = Collections.unmodifiableMap(copy);
    }

    /** A subject in an account and region, knowing nothing else yet. */
    public static FaultSubject in(Scope scope) {
        return new FaultSubject(Map.of(FaultScope.Field.ACCOUNT, scope.account(), FaultScope.Field.REGION, scope.region()));
    }

    public Optional<String> get(FaultScope.Field field) {
        return Optional.ofNullable(values.get(field));
    }

    /** The subject knowing one more field; an empty value leaves it unknown. */
    public FaultSubject with(FaultScope.Field field, Optional<String> value) {
        if (value.isEmpty()) {
            return this;
        }
        EnumMap<FaultScope.Field, String> more = new EnumMap<>(FaultScope.Field.class);
        more.putAll(values);
        more.put(field, value.get());
        return new FaultSubject(more);
    }

    public FaultSubject with(FaultScope.Field field, String value) {
        return with(field, Optional.of(value));
    }
}
