package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A statement named by its position in the policy (from 0) and its Sid, if it has one. */
public record StatementReference(int index, Optional<String> sid) {

    public StatementReference {
        requireNonNull(sid, "sid is null");
    }
}
