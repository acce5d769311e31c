package dev.backlane.core.alert;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.sli.SliKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * What alerts are raised about: an SLI key (an endpoint) and the labels its alerts carry (its ID as {@code endpoint},
 * its {@code region} and {@code service}, which alerts are grouped by, its account and VPC).
 */
public record AlertSubject(SliKey key, Map<String, String> labels) {
    public static final String REGION = "region";
    public static final String SERVICE = "service";

    public AlertSubject {
        requireNonNull(key, "key is null");
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
