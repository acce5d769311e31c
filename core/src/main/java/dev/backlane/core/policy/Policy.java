package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A parsed IAM policy document: its version (absent when the document has none, which AWS reads as
 * 2008-10-17), its optional Id and its statements in document order. The model keeps what was written
 * (account IDs stay account IDs); normalisation happens when the policy is compiled.
 */
public record Policy(Optional<PolicyVersion> version, Optional<String> id, List<Statement> statements) {

    public Policy {
        requireNonNull(version, "version is null");
        requireNonNull(id, "id is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
    }

    /** The version that governs evaluation: a document without Version is read as 2008-10-17. */
    public PolicyVersion effectiveVersion() {
        return version.orElse(PolicyVersion.V2008_10_17);
    }
}
