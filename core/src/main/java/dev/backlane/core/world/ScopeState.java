package dev.backlane.core.world;

import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * The resources of one scope (account and region), a sorted persistent table per resource kind.
 * Tables are sorted by ID, which gives every Describe a stable order and pagination a simple cursor.
 */
public final class ScopeState {
    static final ScopeState EMPTY = new ScopeState(HashTreePMap.empty());

    private final PMap<ResourceType<?>, PSortedMap<String, Resource>> tables;

    private ScopeState(PMap<ResourceType<?>, PSortedMap<String, Resource>> tables) {
        this.tables = tables;
    }

    public <T extends Resource> Optional<T> find(ResourceType<T> type, String id) {
        Resource resource = table(type).get(id);
        return resource == null ? Optional.empty() : Optional.of(type.cast(resource));
    }

    /** Every resource of the kind, in ID order. */
    @SuppressWarnings("unchecked")
    public <T extends Resource> Collection<T> all(ResourceType<T> type) {
        return Collections.unmodifiableCollection((Collection<T>) table(type).values());
    }

    /** The resources of the kind whose IDs come after {@code id}, in ID order: a pagination cursor. */
    @SuppressWarnings("unchecked")
    public <T extends Resource> Collection<T> after(ResourceType<T> type, String id) {
        return Collections.unmodifiableCollection((Collection<T>) table(type).tailMap(id, false).values());
    }

    public int count(ResourceType<?> type) {
        return table(type).size();
    }

    public boolean isEmpty() {
        return tables.values().stream().allMatch(PSortedMap::isEmpty);
    }

    PSortedMap<String, Resource> table(ResourceType<?> type) {
        PSortedMap<String, Resource> table = tables.get(type);
        return table == null ? TreePMap.empty() : table;
    }

    ScopeState with(ResourceType<?> type, Resource resource) {
        return new ScopeState(tables.plus(type, table(type).plus(resource.id(), resource)));
    }

    ScopeState without(ResourceType<?> type, String id) {
        return new ScopeState(tables.plus(type, table(type).minus(id)));
    }
}
