package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Toxiproxy-style toxic laid on the connections a fault covers: its type, the direction it acts in, its toxicity
 * (the probability, 0 to 1, that it is applied to a given connection — decided once per connection, as Toxiproxy does)
 * and its attributes (those of the type, whole numbers; one left out is 0).
 */
public record Toxic(ToxicType type, ToxicStream stream, double toxicity, Map<String, Long> attributes) {
    public Toxic {
        requireNonNull(type, "type is null");
        requireNonNull(stream, "stream is null");
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity " + toxicity + " is not between 0 and 1");
        }
        Map<String, Long> copy = new LinkedHashMap<>();
        for (String name : type.attributes()) {
            long value = requireNonNull(attributes, "attributes is null").getOrDefault(name, 0L);
            if (value < 0) {
                throw new IllegalArgumentException(name + " " + value + " is negative");
            }
            copy.put(name, value);
        }
        for (String name : attributes.keySet()) {
            if (!type.attributes().contains(name)) {
                throw new IllegalArgumentException(type.wireName() + " takes no attribute " + name);
            }
        }
        attributes = Collections.unmodifiableMap(copy);
    }

    /** A latency toxic on the bytes coming back, on every connection: F7's added latency. */
    public static Toxic latency(long milliseconds, long jitterMilliseconds) {
        return new Toxic(ToxicType.LATENCY, ToxicStream.DOWNSTREAM, 1, Map.of("latency", milliseconds, "jitter", jitterMilliseconds));
    }

    /** The attribute's value (0 when it was left out). */
    public long attribute(String name) {
        Long value = attributes.get(name);
        if (value == null) {
            throw new IllegalArgumentException(type.wireName() + " takes no attribute " + name);
        }
        return value;
    }
}
