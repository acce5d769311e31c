package dev.backlane.core.world;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.Scope;

/**
 * One resource written or removed by a command: what the store persists and, later, what the data
 * plane reacts to. {@code resource} is null for a removal.
 */
public record Change(Scope scope, ResourceType<?> type, String id, Resource resource) {
    public Change {
        requireNonNull(scope, "scope is null");
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
    }

    public boolean isRemoval() {
        return resource == null;
    }
}
