package dev.backlane.core.world;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The working state of one command: reads see the command's own writes; nothing is visible to anyone
 * else until {@link Cloud} publishes the result, and nothing at all if the command throws. Every write
 * is recorded as a {@link Change}, so composites (a VPC with its default route table, group and ACL)
 * are persisted as one unit.
 */
public final class Transaction {
    private final Shared shared;
    private final Scope scope;

    Transaction(World base, Scope scope, Instant now, TransitionTimes transitions, IdSource ids) {
        this(new Shared(base, now, transitions, ids), scope);
    }

    private Transaction(Shared shared, Scope scope) {
        this.shared = shared;
        this.scope = requireNonNull(scope, "scope is null");
    }

    /** The same transaction acting in another scope, for effects that cross accounts or regions. */
    public Transaction in(Scope other) {
        return new Transaction(shared, other);
    }

    public Scope scope() {
        return scope;
    }

    public String account() {
        return scope.account();
    }

    public String region() {
        return scope.region();
    }

    /** The time of this command: every timestamp it writes is the same instant. */
    public Instant now() {
        return shared.now;
    }

    /**
     * How long asynchronous state changes take: a command that starts one records, from {@link #now()},
     * when it ends.
     */
    public TransitionTimes transitions() {
        return shared.transitions;
    }

    /** The instant a transition that this command starts ends. */
    public Instant endOf(Transition transition) {
        return shared.transitions.end(transition, shared.now);
    }

    public IdSource ids() {
        return shared.ids;
    }

    public String newId(ResourceType<?> type) {
        return shared.ids.next(type.idPrefix());
    }

    /** The state as this command has made it so far. */
    public World world() {
        return shared.world;
    }

    public ScopeState state() {
        return shared.world.scope(scope);
    }

    public <T extends Resource> Optional<T> find(ResourceType<T> type, String id) {
        return state().find(type, id);
    }

    /** The resource, or AWS's not-found error for its kind (malformed-ID error when the ID has the wrong form). */
    public <T extends Resource> T get(ResourceType<T> type, String id) {
        return find(type, type.requireWellFormed(id)).orElseThrow(() -> type.notFound(id));
    }

    public <T extends Resource> Collection<T> all(ResourceType<T> type) {
        return state().all(type);
    }

    /** The resources of a kind that lives in VPCs that are in the VPC, in ID order, read from the scope's index. */
    public <T extends Resource> List<T> inVpc(ResourceType<T> type, String vpcId) {
        return resources(type, state().idsInVpc(type, vpcId));
    }

    /** The resources of a {@link dev.backlane.core.model.Named} kind with that name, in ID order, read from the scope's name index. */
    public <T extends Resource> List<T> named(ResourceType<T> type, String name) {
        return resources(type, state().idsNamed(type, name));
    }

    /** The resources of the kind with those IDs (read from an index of the scope), in the IDs' order. */
    private <T extends Resource> List<T> resources(ResourceType<T> type, Collection<String> ids) {
        ScopeState state = state();
        List<T> resources = new ArrayList<>();
        for (String id : ids) {
            state.find(type, id).ifPresent(resources::add);
        }
        return resources;
    }

    public <T extends Resource> T put(ResourceType<T> type, T resource) {
        shared.write(scope, type, resource.id(), resource);
        return resource;
    }

    /** Removes the resource and its tags. */
    public void remove(ResourceType<?> type, String id) {
        shared.write(scope, type, id, null);
        if (state().find(ResourceTypes.TAGS, id).isPresent()) {
            shared.write(scope, ResourceTypes.TAGS, id, null);
        }
    }

    public SortedMap<String, String> tags(String id) {
        return state().find(ResourceTypes.TAGS, id).map(ResourceTags::tags).orElseGet(TreeMap::new);
    }

    /** Replaces the tags of a resource; an empty map removes the entry. */
    public void setTags(String id, String resourceType, SortedMap<String, String> tags) {
        shared.write(scope, ResourceTypes.TAGS, id, tags.isEmpty() ? null : new ResourceTags(id, resourceType, tags));
    }

    /** The changes so far, one per resource, in the order first written. */
    public List<Change> changes() {
        return new ArrayList<>(shared.changes.values());
    }

    private static final class Shared {
        private final Instant now;
        private final TransitionTimes transitions;
        private final IdSource ids;
        private final Map<ChangeKey, Change> changes = new LinkedHashMap<>();
        private World world;

        Shared(World base, Instant now, TransitionTimes transitions, IdSource ids) {
            this.world = requireNonNull(base, "base is null");
            this.now = requireNonNull(now, "now is null");
            this.transitions = requireNonNull(transitions, "transitions is null");
            this.ids = requireNonNull(ids, "ids is null");
        }

        void write(Scope scope, ResourceType<?> type, String id, Resource resource) {
            ScopeState state = world.scope(scope);
            world = world.withScope(scope, resource == null ? state.without(type, id) : state.with(type, resource));
            changes.put(new ChangeKey(scope, type, id), new Change(scope, type, id, resource));
        }
    }

    private record ChangeKey(Scope scope, ResourceType<?> type, String id) {}
}
