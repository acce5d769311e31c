package dev.backlane.core.policy;

import java.util.Optional;

/**
 * The two versions of the IAM policy language. Only 2012-10-17 resolves policy variables; in
 * 2008-10-17 policies the text {@code ${aws:username}} is matched literally, as AWS does.
 */
public enum PolicyVersion {
    V2012_10_17("2012-10-17"),
    V2008_10_17("2008-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    /** The version as written in a policy document. */
    public String text() {
        return text;
    }

    /** Whether {@code ${...}} in resources and condition values is a variable rather than text. */
    public boolean supportsVariables() {
        return this == V2012_10_17;
    }

    public static Optional<PolicyVersion> fromText(String text) {
        for (PolicyVersion version : values()) {
            if (version.text.equals(text)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
