package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** A listener's default action. Backlane routes with {@code forward} actions to one target group. */
public record ListenerAction(String type, String targetGroupArn, Integer order) {
    public ListenerAction {
        requireNonNull(type, "type is null");
    }
}
