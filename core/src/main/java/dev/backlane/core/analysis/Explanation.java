package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

/**
 * An explanation code, the component it is about and a sentence naming what was found. For a policy's denial,
 * {@code explicitDeny} says whether a Deny statement decided it (AWS's "with an explicit deny in a ... policy")
 * rather than no statement allowing the call ("because no ... policy allows the ... action").
 */
public record Explanation(ExplanationCode code, String component, String detail, boolean explicitDeny) {
    public Explanation {
        requireNonNull(code, "code is null");
        requireNonNull(component, "component is null");
        requireNonNull(detail, "detail is null");
    }

    public Explanation(ExplanationCode code, String component, String detail) {
        this(code, component, detail, false);
    }
}
