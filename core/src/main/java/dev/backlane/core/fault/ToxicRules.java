package dev.backlane.core.fault;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.Map;

/**
 * Checks a {@link ToxicRequest} as Toxiproxy would and makes the {@link Toxic}: a known type, {@code upstream} or
 * {@code downstream}, a toxicity from 0 to 1, only the type's attributes, each a whole number from 0 (times in
 * milliseconds up to an hour), and the attributes a type cannot do without ({@code rate}, {@code bytes}) above 0.
 */
final class ToxicRules {
    static final long MAX_MILLISECONDS = 3_600_000;
    private static final long MAX_ATTRIBUTE = 1L << 40;

    private ToxicRules() {
    }

    static Toxic toxic(ToxicRequest request) {
        String typeName = request.type().orElseThrow(() -> AwsException.of(ErrorCode.MISSING_PARAMETER,
                "The request must contain the parameter toxic.type: one of %s", ToxicType.names()));
        ToxicType type = ToxicType.parse(typeName).orElseThrow(() -> FaultCommand.invalid("toxic.type", typeName, "one of " + ToxicType.names()));
        ToxicStream stream = request.stream().map(ToxicRules::stream).orElse(ToxicStream.DOWNSTREAM);
        double toxicity = request.toxicity().orElse(1.0);
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw FaultCommand.invalid("toxic.toxicity", String.valueOf(toxicity), "a probability from 0 to 1");
        }
        for (Map.Entry<String, Long> attribute : request.attributes().entrySet()) {
            String name = attribute.getKey();
            if (!type.attributes().contains(name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The attribute toxic.attributes.%s does not apply to %s toxics; they take %s.",
                        name, type.wireName(), String.join(", ", type.attributes()));
            }
            long value = attribute.getValue();
            long max = name.equals("rate") || name.equals("bytes") ? MAX_ATTRIBUTE : MAX_MILLISECONDS;
            if (value < 0 || value > max) {
                throw FaultCommand.invalid("toxic.attributes." + name, String.valueOf(value), "a whole number from 0 to " + max);
            }
        }
        for (String name : type.required()) {
            if (request.attributes().getOrDefault(name, 0L) < 1) {
                throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter toxic.attributes.%s, above 0, for a %s toxic",
                        name, type.wireName());
            }
        }
        return new Toxic(type, stream, toxicity, request.attributes());
    }

    static long milliseconds(String parameter, long value) {
        if (value < 0 || value > MAX_MILLISECONDS) {
            throw FaultCommand.invalid(parameter, String.valueOf(value), "a whole number of milliseconds from 0 to " + MAX_MILLISECONDS);
        }
        return value;
    }

    private static ToxicStream stream(String text) {
        for (ToxicStream stream : ToxicStream.values()) {
            if (stream.wireName().equals(text.trim().toLowerCase(java.util.Locale.ROOT))) {
                return stream;
            }
        }
        throw FaultCommand.invalid("toxic.stream", text, "upstream or downstream");
    }
}
