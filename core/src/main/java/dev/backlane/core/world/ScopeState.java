package dev.backlane.core.world;

import dev.backlane.core.model.InVpc;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.PSortedSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * The resources of one scope (account and region), a sorted persistent table per resource kind.
 * Tables are sorted by ID, which gives every Describe a stable order and pagination a simple cursor.
 * Two persistent indexes are kept up to date with every write, so the commonest Describe filters
 * ({@code vpc-id} and {@code tag:<key>}) and per-VPC rules do not scan a whole table: the IDs of each
 * kind by VPC, and the IDs of tagged resources by tag key and value.
 */
public final class ScopeState {
    static final ScopeState EMPTY = new ScopeState(HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty());

    private final PMap<ResourceType<?>, PSortedMap<String, Resource>> tables;
    private final PMap<ResourceType<?>, PMap<String, PSortedSet<String>>> idsByVpc;
    private final PMap<String, PMap<String, PSortedSet<String>>> idsByTag;

    private ScopeState(PMap<ResourceType<?>, PSortedMap<String, Resource>> tables,
            PMap<ResourceType<?>, PMap<String, PSortedSet<String>>> idsByVpc, PMap<String, PMap<String, PSortedSet<String>>> idsByTag) {
        this.tables = tables;
        this.idsByVpc = idsByVpc;
        this.idsByTag = idsByTag;
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

    /** The IDs, in order, of the resources of a kind that lives in VPCs ({@link InVpc}) that are in the VPC. */
    public SortedSet<String> idsInVpc(ResourceType<?> type, String vpcId) {
        PSortedSet<String> ids = idsByVpc.getOrDefault(type, HashTreePMap.empty()).get(vpcId);
        return ids == null ? TreePSet.empty() : ids;
    }

    /** The IDs, in order, of the resources of any kind tagged {@code key=value}. */
    public SortedSet<String> idsTagged(String key, String value) {
        PSortedSet<String> ids = idsByTag.getOrDefault(key, HashTreePMap.empty()).get(value);
        return ids == null ? TreePSet.empty() : ids;
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
        Resource previous = table(type).get(resource.id());
        return new ScopeState(tables.plus(type, table(type).plus(resource.id(), resource)),
                reindexVpc(type, previous, resource), reindexTags(type, previous, resource));
    }

    ScopeState without(ResourceType<?> type, String id) {
        Resource previous = table(type).get(id);
        if (previous == null) {
            return this;
        }
        return new ScopeState(tables.plus(type, table(type).minus(id)), reindexVpc(type, previous, null), reindexTags(type, previous, null));
    }

    private PMap<ResourceType<?>, PMap<String, PSortedSet<String>>> reindexVpc(ResourceType<?> type, Resource previous, Resource next) {
        String before = previous instanceof InVpc member ? member.vpcId() : null;
        String after = next instanceof InVpc member ? member.vpcId() : null;
        if (java.util.Objects.equals(before, after)) {
            return idsByVpc;
        }
        String id = previous != null ? previous.id() : next.id();
        PMap<String, PSortedSet<String>> byVpc = idsByVpc.getOrDefault(type, HashTreePMap.empty());
        byVpc = remove(byVpc, before, id);
        byVpc = add(byVpc, after, id);
        return idsByVpc.plus(type, byVpc);
    }

    private PMap<String, PMap<String, PSortedSet<String>>> reindexTags(ResourceType<?> type, Resource previous, Resource next) {
        if (type != ResourceTypes.TAGS) {
            return idsByTag;
        }
        PMap<String, PMap<String, PSortedSet<String>>> index = idsByTag;
        if (previous instanceof ResourceTags old) {
            for (Map.Entry<String, String> tag : old.tags().entrySet()) {
                index = index.plus(tag.getKey(), remove(index.getOrDefault(tag.getKey(), HashTreePMap.empty()), tag.getValue(), old.id()));
            }
        }
        if (next instanceof ResourceTags tags) {
            for (Map.Entry<String, String> tag : tags.tags().entrySet()) {
                index = index.plus(tag.getKey(), add(index.getOrDefault(tag.getKey(), HashTreePMap.empty()), tag.getValue(), tags.id()));
            }
        }
        return index;
    }

    private static PMap<String, PSortedSet<String>> remove(PMap<String, PSortedSet<String>> index, String key, String id) {
        if (key == null) {
            return index;
        }
        PSortedSet<String> ids = index.get(key);
        if (ids == null) {
            return index;
        }
        PSortedSet<String> remaining = ids.minus(id);
        return remaining.isEmpty() ? index.minus(key) : index.plus(key, remaining);
    }

    private static PMap<String, PSortedSet<String>> add(PMap<String, PSortedSet<String>> index, String key, String id) {
        if (key == null) {
            return index;
        }
        PSortedSet<String> ids = index.get(key);
        return index.plus(key, (ids == null ? TreePSet.<String>empty() : ids).plus(id));
    }
}
