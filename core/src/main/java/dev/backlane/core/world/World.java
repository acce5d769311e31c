package dev.backlane.core.world;

import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.Scope;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * One consistent state of the whole emulated cloud: every scope's resources, as persistent maps. A
 * World never changes; a {@link Transaction} derives the next one, sharing all that did not change,
 * so readers hold a snapshot for as long as they like without blocking writers.
 */
public final class World {
    private static final World EMPTY = new World(TreePMap.empty());

    private final PSortedMap<Scope, ScopeState> scopes;

    private World(PSortedMap<Scope, ScopeState> scopes) {
        this.scopes = scopes;
    }

    public static World empty() {
        return EMPTY;
    }

    public boolean hasScope(Scope scope) {
        return scopes.containsKey(scope);
    }

    public Set<Scope> scopes() {
        return scopes.keySet();
    }

    public ScopeState scope(Scope scope) {
        ScopeState state = scopes.get(scope);
        return state == null ? ScopeState.EMPTY : state;
    }

    public <T extends Resource> Optional<T> find(Scope scope, ResourceType<T> type, String id) {
        return scope(scope).find(type, id);
    }

    public <T extends Resource> Collection<T> all(Scope scope, ResourceType<T> type) {
        return scope(scope).all(type);
    }

    /** Builds a world from stored resources, e.g. when the store loads at start-up. */
    public static Builder builder() {
        return new Builder(EMPTY);
    }

    /** Builds on this world: changes another server made to a shared store, applied without running commands. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects resources into a world without running commands: loading, importing, catching up. */
    public static final class Builder {
        private World world;

        private Builder(World base) {
            this.world = base;
        }

        /** Marks the scope as seen (its defaults exist or were deleted), even when it holds nothing. */
        public Builder scope(Scope scope) {
            if (!world.hasScope(scope)) {
                world = world.withScope(scope, ScopeState.EMPTY);
            }
            return this;
        }

        public <T extends Resource> Builder put(Scope scope, ResourceType<T> type, Resource resource) {
            world = world.withScope(scope, world.scope(scope).with(type, type.cast(resource)));
            return this;
        }

        public Builder remove(Scope scope, ResourceType<?> type, String id) {
            if (world.hasScope(scope)) {
                world = world.withScope(scope, world.scope(scope).without(type, id));
            }
            return this;
        }

        public World build() {
            return world;
        }
    }

    World withScope(Scope scope, ScopeState state) {
        return new World(scopes.plus(scope, state));
    }

    World withoutScope(Scope scope) {
        return new World(scopes.minus(scope));
    }
}
