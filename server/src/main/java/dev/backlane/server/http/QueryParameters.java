package dev.backlane.server.http;

import dev.backlane.core.error.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An admin GET's query string, decoded strictly, with only the parameters it takes: anything else is refused by name. */
final class QueryParameters {
    private QueryParameters() {}

    /** The parameters; an IllegalArgumentException naming an unknown or repeated one. */
    static Map<String, String> of(String rawQuery, Set<String> allowed) {
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            FormParameters.decodeInto(rawQuery, parameters);
        } catch (AwsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown parameter " + name + "; the parameters are " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return parameters;
    }
}
