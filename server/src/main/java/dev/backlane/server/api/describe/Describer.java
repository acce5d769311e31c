package dev.backlane.server.api.describe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.InVpc;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * EC2's Describe behaviour for one kind of resource: an ID list (malformed and unknown IDs get the
 * kind's errors), {@code Filter.N} with the names documented for the operation plus tag filters and
 * wildcards, and {@code MaxResults}/{@code NextToken} pagination in ID order.
 */
public final class Describer<T extends Resource> {
    private final ResourceType<T> type;
    private final String idsMember;
    private final String idsWireName;
    private final FilterSet<T> filters;
    private final String filtersMember;

    public Describer(ResourceType<T> type, String idsMember, String idsWireName, FilterSet<T> filters) {
        this(type, idsMember, idsWireName, filters, "Filters");
    }

    /** For the few operations whose filter list has another member name ({@code Filter} in DescribeNatGateways). */
    public Describer(ResourceType<T> type, String idsMember, String idsWireName, FilterSet<T> filters, String filtersMember) {
        this.type = requireNonNull(type, "type is null");
        this.idsMember = idsMember;
        this.idsWireName = idsWireName;
        this.filters = requireNonNull(filters, "filters is null");
        this.filtersMember = requireNonNull(filtersMember, "filtersMember is null");
    }

    public Page<T> describe(Call call) {
        return describe(call, resource -> true);
    }

    /** Describes the resources that also pass {@code visible} (e.g. a name list or ownership rule). */
    public Page<T> describe(Call call, Predicate<T> visible) {
        Input input = call.input();
        List<String> ids = idsMember == null ? List.of() : input.strings(idsMember);
        Integer maxResults = input.integer("MaxResults");
        if (!ids.isEmpty() && maxResults != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameter %s cannot be used with the parameter maxResults",
                    idsWireName);
        }
        List<CompiledFilter> compiled = compileFilters(call);
        String after = PageToken.decode(input.string("NextToken"));
        ids.forEach(type::requireWellFormed);
        World world = call.world();
        ScopeState state = world.scope(call.scope());
        FilterContext context = new FilterContext(call.scope(), state, world);

        Collection<T> candidates;
        if (!ids.isEmpty()) {
            List<T> found = new ArrayList<>();
            for (String id : new LinkedHashSet<>(ids)) {
                T resource = state.find(type, id).filter(visible).orElseThrow(() -> type.notFound(id));
                found.add(resource);
            }
            found.sort((a, b) -> a.id().compareTo(b.id()));
            candidates = found;
        } else {
            candidates = indexedCandidates(state, compiled, after).orElseGet(() -> after == null ? state.all(type) : state.after(type, after));
        }
        int limit = maxResults == null ? Integer.MAX_VALUE : maxResults;
        List<T> page = new ArrayList<>();
        String nextToken = null;
        for (T resource : candidates) {
            if ((ids.isEmpty() && !visible.test(resource)) || !matches(resource, compiled, context)) {
                continue;
            }
            if (page.size() == limit) {
                nextToken = PageToken.encode(page.get(page.size() - 1).id());
                break;
            }
            page.add(resource);
        }
        return new Page<>(page, nextToken);
    }

    /**
     * The candidates a {@code vpc-id}, name or {@code tag:<key>} filter narrows the search to, read from the
     * scope's indexes instead of scanning the table: exact values look up their entries, and name and tag
     * values with a literal prefix ({@code load-1-*}) read the range of the ordered index that has it. Every
     * filter is still applied to the candidates.
     */
    private Optional<Collection<T>> indexedCandidates(ScopeState state, List<CompiledFilter> compiled, String after) {
        boolean inVpc = InVpc.class.isAssignableFrom(type.recordClass());
        for (CompiledFilter filter : compiled) {
            boolean byVpc = inVpc && filter.name().equals("vpc-id");
            boolean byName = filters.nameFilter().filter(filter.name()::equals).isPresent();
            boolean byTag = filter.name().startsWith("tag:");
            boolean usable = byVpc ? filter.patterns().stream().allMatch(WildcardPattern::isLiteral)
                    : (byName || byTag) && filter.patterns().stream().noneMatch(pattern -> pattern.literalPrefix().isEmpty());
            if (!usable) {
                continue;
            }
            TreeSet<String> ids = new TreeSet<>();
            for (WildcardPattern pattern : filter.patterns()) {
                ids.addAll(byVpc ? state.idsInVpc(type, pattern.literal())
                        : byName ? namedIds(state, pattern) : taggedIds(state, filter.name().substring(4), pattern));
            }
            List<T> resources = new ArrayList<>();
            for (String id : after == null ? ids : ids.tailSet(after, false)) {
                state.find(type, id).ifPresent(resources::add);
            }
            return Optional.of(resources);
        }
        return Optional.empty();
    }

    private Collection<String> namedIds(ScopeState state, WildcardPattern pattern) {
        return pattern.isLiteral() ? state.idsNamed(type, pattern.literal()) : state.idsNamedWithPrefix(type, pattern.literalPrefix());
    }

    private static Collection<String> taggedIds(ScopeState state, String key, WildcardPattern pattern) {
        return pattern.isLiteral() ? state.idsTagged(key, pattern.literal()) : state.idsTaggedWithPrefix(key, pattern.literalPrefix());
    }

    private List<CompiledFilter> compileFilters(Call call) {
        List<CompiledFilter> compiled = new ArrayList<>();
        for (Input filter : call.input().structures(filtersMember)) {
            String name = filter.string("Name");
            if (name == null || name.isEmpty()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter 'null' is invalid");
            }
            boolean tagFilter = name.startsWith("tag:") || name.equals("tag-key") || name.equals("tag-value");
            if (!(tagFilter && DocumentedFilters.ec2().isDocumented(call.operation(), name.startsWith("tag:") ? name : "tag-key"))
                    && !(filters.has(name) && DocumentedFilters.ec2().isDocumented(call.operation(), name))) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
            compiled.add(CompiledFilter.of(name, filter));
        }
        return compiled;
    }

    private boolean matches(T resource, List<CompiledFilter> compiled, FilterContext context) {
        for (CompiledFilter filter : compiled) {
            if (!filter.matchesAny(valuesOf(filter.name(), resource, context))) {
                return false;
            }
        }
        return true;
    }

    private Collection<String> valuesOf(String name, T resource, FilterContext context) {
        if (name.startsWith("tag:") || name.equals("tag-key") || name.equals("tag-value")) {
            Map<String, String> tags = context.state().find(ResourceTypes.TAGS, resource.id()).<Map<String, String>>map(ResourceTags::tags).orElse(Map.of());
            if (name.equals("tag-key")) {
                return tags.keySet();
            }
            if (name.equals("tag-value")) {
                return tags.values();
            }
            String value = tags.get(name.substring(4));
            return value == null ? List.of() : List.of(value);
        }
        return filters.values(name, resource, context);
    }

    /** The names of all filters this describer can evaluate besides tag filters, for tests. */
    public Set<String> filterNames() {
        return Set.copyOf(filters.names());
    }
}
