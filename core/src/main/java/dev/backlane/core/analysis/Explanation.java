package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

/** An explanation code, the component it is about and a sentence naming what was found. */
public record Explanation(ExplanationCode code, String component, String detail) {
    public Explanation {
        requireNonNull(code, "code is null");
        requireNonNull(component, "component is null");
        requireNonNull(detail, "detail is null");
    }
}
