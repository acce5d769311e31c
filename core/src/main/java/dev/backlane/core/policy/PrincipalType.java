package dev.backlane.core.policy;

import java.util.Optional;

/** The kinds of principal a Principal element can name, with their JSON keys. */
public enum PrincipalType {
    AWS("AWS"),
    SERVICE("Service"),
    FEDERATED("Federated"),
    CANONICAL_USER("CanonicalUser");

    private final String key;

    PrincipalType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PrincipalType> fromKey(String key) {
        for (PrincipalType type : values()) {
            if (type.key.equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
