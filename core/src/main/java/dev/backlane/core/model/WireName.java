package dev.backlane.core.model;

import java.util.Optional;

/**
 * An enum whose values AWS writes as names of their own on the wire ({@code ip}, {@code private},
 * {@code network}): each value gives its name, and {@link #find} reads one back.
 */
public interface WireName {
    String wireName();

    /** The value of {@code type} whose wire name is {@code value}; empty for any other text, null included. */
    static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
