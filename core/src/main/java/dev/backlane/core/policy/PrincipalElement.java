package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A Principal or NotPrincipal element. {@code "Principal": "*"} is {@link #anyone()}; otherwise the
 * element maps principal types to the identifiers written under them, as written (an account ID stays
 * an account ID; compilation turns it into the account's root ARN).
 */
public record PrincipalElement(boolean negated, boolean anyone, Map<PrincipalType, List<String>> identifiers) {

    public PrincipalElement {
        requireNonNull(identifiers, "identifiers is null");
        EnumMap<PrincipalType, List<String>> copy = new EnumMap<>(PrincipalType.class);
        identifiers.forEach((type, values) -> copy.put(type, List.copyOf(values)));
        identifiers = Collections.unmodifiableMap(copy);
        if (anyone && !identifiers.isEmpty()) {
            throw new IllegalArgumentException("a \"*\" principal has no typed identifiers");
        }
    }

    /** {@code "Principal": "*"}. */
    public static PrincipalElement everyone(boolean negated) {
        return new PrincipalElement(negated, true, Map.of());
    }

    /** A principal element naming identifiers of one type. */
    public static PrincipalElement of(boolean negated, PrincipalType type, String... identifiers) {
        return new PrincipalElement(negated, false, Map.of(type, List.of(identifiers)));
    }

    public List<String> identifiers(PrincipalType type) {
        return identifiers.getOrDefault(type, List.of());
    }

    /** Every identifier, whatever its type, in type order. */
    public List<String> allIdentifiers() {
        List<String> all = new ArrayList<>();
        identifiers.values().forEach(all::addAll);
        return all;
    }
}
