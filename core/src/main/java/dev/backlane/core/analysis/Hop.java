package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One component on the path: its ID and kind, a readable sentence with the deciding rule, the rule
 * itself when one decided, and whether it is on the reply's way back (network ACLs are stateless).
 */
public record Hop(String id, HopType type, String detail, Optional<MatchedRule> rule, boolean returnPath) {
    public Hop {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(rule, "rule is null");
    }

    public static Hop of(String id, HopType type, String detail) {
        return new Hop(id, type, detail, Optional.empty(), false);
    }

    public static Hop of(String id, HopType type, String detail, MatchedRule rule) {
        return new Hop(id, type, detail, Optional.of(rule), false);
    }

    public Hop onReturnPath() {
        return new Hop(id, type, detail, rule, true);
    }
}
