package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A toxic as asked for, in Toxiproxy's shape, not yet checked: {@code type}, {@code stream} (default
 * {@code downstream}), {@code toxicity} (default 1) and {@code attributes}. {@link FaultCommand} turns it into a
 * {@link Toxic} or refuses it naming the member.
 */
public record ToxicRequest(Optional<String> type, Optional<String> stream, Optional<Double> toxicity, Map<String, Long> attributes) {
    public ToxicRequest {
        requireNonNull(type, "type is null");
        requireNonNull(stream, "stream is null");
        requireNonNull(toxicity, "toxicity is null");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(attributes, "attributes is null")));
    }

    public static ToxicRequest of(String type, Map<String, Long> attributes) {
        return new ToxicRequest(Optional.of(type), Optional.empty(), Optional.empty(), attributes);
    }

    public ToxicRequest withStream(String value) {
        return new ToxicRequest(type, Optional.of(value), toxicity, attributes);
    }

    public ToxicRequest withToxicity(double value) {
        return new ToxicRequest(type, stream, Optional.of(value), attributes);
    }
}
