package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Parses policy documents into the model. Parsing applies every rule that does not depend on where the
 * policy is attached; use {@link PolicyValidator} for those that do and for the full list of findings.
 */
public final class PolicyParser {

    private PolicyParser() {
    }

    /** The policy; throws {@link PolicyParseException} carrying the findings when there is an error. */
    public static Policy parse(String json) {
        requireNonNull(json, "json is null");
        PolicyReader.Result result = PolicyReader.read(json, Optional.empty());
        return result.policy().orElseThrow(() -> new PolicyParseException(result.report()));
    }
}
