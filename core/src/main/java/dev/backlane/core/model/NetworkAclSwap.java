package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A subnet moved by a FIS action ({@code action}, its name in the experiment) from its network ACL
 * ({@code originalAclId}) to one the action made ({@code fisAclId}), to be moved back and the FIS ACL deleted when the
 * action ends.
 */
public record NetworkAclSwap(String action, String subnetId, String originalAclId, String fisAclId) {
    public NetworkAclSwap {
        requireNonNull(action, "action is null");
        requireNonNull(subnetId, "subnetId is null");
        requireNonNull(originalAclId, "originalAclId is null");
        requireNonNull(fisAclId, "fisAclId is null");
    }
}
