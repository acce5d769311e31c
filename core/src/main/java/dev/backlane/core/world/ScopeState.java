package dev.backlane.core.world;

import dev.backlane.core.model.InVpc;
import dev.backlane.core.model.Named;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.PSortedSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * The resources of one scope (account and region), a sorted persistent table per resource kind.
 * Tables are sorted by ID, which gives every Describe a stable order and pagination a simple cursor.
 * Persistent indexes are kept up to date with every write, so the commonest Describe filters
 * ({@code vpc-id}, a name, {@code tag:<key>}) and per-VPC rules do not scan a whole table: the IDs of
 * each kind by VPC, of named kinds by name, and of tagged resources by tag key and value. Names and
 * tag values are kept in order, so a value prefix ({@code load-1-*}) is one range of the index.
 */
public final class ScopeState {
    static final ScopeState EMPTY = new ScopeState(HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty());

    private final PMap<ResourceType<?>, PSortedMap<String, Resource>> tables;
    private final PMap<ResourceType<?>, PSortedMap<String, PSortedSet<String>>> idsByVpc;
    private final PMap<ResourceType<?>, PSortedMap<String, PSortedSet<String>>> idsByName;
    private final PMap<String, PSortedMap<String, PSortedSet<String>>> idsByTag;

    private ScopeState(PMap<ResourceType<?>, PSortedMap<String, Resource>> tables,
            PMap<ResourceType<?>, PSortedMap<String, PSortedSet<String>>> idsByVpc,
            PMap<ResourceType<?>, PSortedMap<String, PSortedSet<String>>> idsByName,
            PMap<String, PSortedMap<String, PSortedSet<String>>> idsByTag) {
        this.tables = tables;
        this.idsByVpc = idsByVpc;
        this.idsByName = idsByName;
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
        PSortedSet<String> ids = idsByVpc.getOrDefault(type, TreePMap.empty()).get(vpcId);
        return ids == null ? TreePSet.empty() : ids;
    }

    /** The IDs, in order, of the resources of a {@link Named} kind with that name. */
    public SortedSet<String> idsNamed(ResourceType<?> type, String name) {
        PSortedSet<String> ids = idsByName.getOrDefault(type, TreePMap.empty()).get(name);
        return ids == null ? TreePSet.empty() : ids;
    }

    /** The IDs, in order, of the resources of a {@link Named} kind whose names start with {@code prefix}. */
    public SortedSet<String> idsNamedWithPrefix(ResourceType<?> type, String prefix) {
        return idsWithPrefix(idsByName.getOrDefault(type, TreePMap.empty()), prefix);
    }

    /** The IDs, in order, of the resources of any kind tagged {@code key=value}. */
    public SortedSet<String> idsTagged(String key, String value) {
        PSortedSet<String> ids = idsByTag.getOrDefault(key, TreePMap.empty()).get(value);
        return ids == null ? TreePSet.empty() : ids;
    }

    /** The IDs, in order, of the resources of any kind with a tag {@code key} whose value starts with {@code prefix}. */
    public SortedSet<String> idsTaggedWithPrefix(String key, String prefix) {
        return idsWithPrefix(idsByTag.getOrDefault(key, TreePMap.empty()), prefix);
    }

    /** The union of the entries whose keys start with {@code prefix}: the keys from {@code prefix} on, while they have it. */
    private static SortedSet<String> idsWithPrefix(PSortedMap<String, PSortedSet<String>> index, String prefix) {
        SortedSet<String> ids = new TreeSet<>();
        for (Map.Entry<String, PSortedSet<String>> entry : index.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            ids.addAll(entry.getValue());
        }
        return ids;
    }

    public int count(ResourceType<?> type) {
        return table(type).size();
    }

    public boolean isEmpty() {
        return tables.values().stream().allMatch(PSortedMap::isEmpty);
    }

    /** Whether the kind's resources are the very same in {@code other}: a cheap test for "nothing of this kind changed". */
    public boolean sameAs(ScopeState other, ResourceType<?> type) {
        return table(type) == other.table(type);
    }

    PSortedMap<String, Resource> table(ResourceType<?> type) {
        PSortedMap<String, Resource> table = tables.get(type);
        return table == null ? TreePMap.empty() : table;
    }

    ScopeState with(ResourceType<?> type, Resource resource) {
        Resource previous = table(type).get(resource.id());
        return new ScopeState(tables.plus(type, table(type).plus(resource.id(), resource)),
                reindex(idsByVpc, type, vpcOf(previous), vpcOf(resource), resource.id()),
                reindex(idsByName, type, nameOf(previous), nameOf(resource), resource.id()), reindexTags(type, previous, resource));
    }

    ScopeState without(ResourceType<?> type, String id) {
        Resource previous = table(type).get(id);
        if (previous == null) {
            return this;
        }
        return new ScopeState(tables.plus(type, table(type).minus(id)), reindex(idsByVpc, type, vpcOf(previous), null, id),
                reindex(idsByName, type, nameOf(previous), null, id), reindexTags(type, previous, null));
    }

    private static String vpcOf(Resource resource) {
        return resource instanceof InVpc member ? member.vpcId() : null;
    }

    private static String nameOf(Resource resource) {
        return resource instanceof Named named ? named.name() : null;
    }

    /** Moves {@code id} in a per-kind index from the entry {@code before} to the entry {@code after} (either may be null). */
    private static PMap<ResourceType<?>, PSortedMap<String, PSortedSet<String>>> reindex(
            PMap<ResourceType<?>, PSortedMap<String, PSortedSet<String>>> index, ResourceType<?> type, String before, String after, String id) {
        if (java.util.Objects.equals(before, after)) {
            return index;
        }
        PSortedMap<String, PSortedSet<String>> byKey = index.getOrDefault(type, TreePMap.empty());
        return index.plus(type, add(remove(byKey, before, id), after, id));
    }

    private PMap<String, PSortedMap<String, PSortedSet<String>>> reindexTags(ResourceType<?> type, Resource previous, Resource next) {
        if (type != ResourceTypes.TAGS) {
            return idsByTag;
        }
        PMap<String, PSortedMap<String, PSortedSet<String>>> index = idsByTag;
        if (previous instanceof ResourceTags old) {
            for (Map.Entry<String, String> tag : old.tags().entrySet()) {
                index = index.plus(tag.getKey(), remove(index.getOrDefault(tag.getKey(), TreePMap.empty()), tag.getValue(), old.id()));
            }
        }
        if (next instanceof ResourceTags tags) {
            for (Map.Entry<String, String> tag : tags.tags().entrySet()) {
                index = index.plus(tag.getKey(), add(index.getOrDefault(tag.getKey(), TreePMap.empty()), tag.getValue(), tags.id()));
            }
        }
        return index;
    }

    private static PSortedMap<String, PSortedSet<String>> remove(PSortedMap<String, PSortedSet<String>> index, String key, String id) {
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

    private static PSortedMap<String, PSortedSet<String>> add(PSortedMap<String, PSortedSet<String>> index, String key, String id) {
        if (key == null) {
            return index;
        }
        PSortedSet<String> ids = index.get(key);
        return index.plus(key, (ids == null ? TreePSet.<String>empty() : ids).plus(id));
    }
}
