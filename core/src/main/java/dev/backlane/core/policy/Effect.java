package dev.backlane.core.policy;

import java.util.Optional;

/** The effect of a statement: it allows or denies what it matches. Written exactly as {@code Allow} or {@code Deny}. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String text;

    Effect(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static Optional<Effect> fromText(String text) {
        for (Effect effect : values()) {
            if (effect.text.equals(text)) {
                return Optional.of(effect);
            }
        }
        return Optional.empty();
    }
}
