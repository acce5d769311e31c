package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.endpoint.AwsServiceCatalog;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ScopeIndex} of every scope of one world snapshot, and the faults active on it ({@link #faults()}): the
 * path engine and the VPC DNS view read both, so an injected fault changes their answers alike. An index with other
 * faults ({@link #withFaults}) shares the scope indexes.
 */
public final class WorldIndex {
    private final World world;
    private final Map<Scope, ScopeIndex> scopes;
    private final FaultSet faults;

    public WorldIndex(World world, AwsServiceCatalog services, AwsPrefixListCatalog prefixLists) {
        this.world = requireNonNull(world, "world is null");
        this.scopes = new LinkedHashMap<>();
        this.faults = FaultSet.none();
        for (Scope scope : world.scopes()) {
            scopes.put(scope, new ScopeIndex(scope, world.scope(scope), services, prefixLists));
        }
    }

    private WorldIndex(WorldIndex base, FaultSet faults) {
        this.world = base.world;
        this.scopes = base.scopes;
        this.faults = faults;
    }

    /** The same world with these faults active; this index itself when they are the ones it has. */
    public WorldIndex withFaults(FaultSet active) {
        requireNonNull(active, "active is null");
        return active.equals(faults) ? this : new WorldIndex(this, active);
    }

    /** The faults active on this index ({@link FaultSet#none()} unless made {@link #withFaults}). */
    public FaultSet faults() {
        return faults;
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
