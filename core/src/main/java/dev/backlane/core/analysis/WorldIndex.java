package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.endpoint.AwsServiceCatalog;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link ScopeIndex} of every scope of one world snapshot. */
public final class WorldIndex {
    private final World world;
    private final Map<Scope, ScopeIndex> scopes = new LinkedHashMap<>();

    public WorldIndex(World world, AwsServiceCatalog services, AwsPrefixListCatalog prefixLists) {
        this.world = requireNonNull(world, "world is null");
        for (Scope scope : world.scopes()) {
            scopes.put(scope, new ScopeIndex(scope, world.scope(scope), services, prefixLists));
        }
    }

    public static WorldIndex of(World world) {
        return new WorldIndex(world, AwsServiceCatalog.standard(), AwsPrefixListCatalog.standard());
    }

    public World world() {
        return world;
    }

    public Optional<ScopeIndex> scope(Scope scope) {
        return Optional.ofNullable(scopes.get(scope));
    }

    public java.util.Collection<ScopeIndex> scopes() {
        return scopes.values();
    }
}
