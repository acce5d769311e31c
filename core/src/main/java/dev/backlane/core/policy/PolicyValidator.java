package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Validates policy documents the way IAM Access Analyzer does: errors that make AWS refuse the document,
 * security warnings, warnings and suggestions, each with the JSON path of the element. Never throws on
 * bad input; a document that is not JSON gives a MALFORMED_JSON finding.
 *
 * <p>The server calls {@code validate(document, PolicyKind.ENDPOINT)} for CreateVpcEndpoint and
 * ModifyVpcEndpoint and refuses the request when {@link ValidationReport#refused()}, quoting
 * {@link ValidationReport#firstRefusalMessage()}.
 */
public final class PolicyValidator {

    private PolicyValidator() {
    }

    public static ValidationReport validate(String json, PolicyKind kind) {
        requireNonNull(json, "json is null");
        requireNonNull(kind, "kind is null");
        return PolicyReader.read(json, Optional.of(kind)).report();
    }
}
