package dev.backlane.server.api.describe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * EC2's Describe behaviour for things that are AWS's data rather than an account's resources (instance
 * types, their offerings, public images): documented {@code Filters} with wildcards, and
 * {@code MaxResults}/{@code NextToken} pagination in key order. The caller gives the candidates.
 */
public final class CatalogDescriber<T> {
    private final Function<T, String> key;
    private final Map<String, Function<T, Object>> filters;

    public CatalogDescriber(Function<T, String> key, Map<String, Function<T, Object>> filters) {
        this.key = requireNonNull(key, "key is null");
        this.filters = Map.copyOf(filters);
    }

    public Page<T> describe(Call call, Collection<T> candidates) {
        Input input = call.input();
        List<CompiledFilter> compiled = new ArrayList<>();
        for (Input filter : input.structures("Filters")) {
            String name = filter.string("Name");
            if (name == null || !filters.containsKey(name) || !DocumentedFilters.ec2().isDocumented(call.operation(), name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
            compiled.add(CompiledFilter.of(name, filter));
        }
        String after = PageToken.decode(input.string("NextToken"));
        Integer maxResults = input.integer("MaxResults");
        int limit = maxResults == null ? Integer.MAX_VALUE : maxResults;
        List<T> sorted = new ArrayList<>(candidates);
        sorted.sort((a, b) -> key.apply(a).compareTo(key.apply(b)));
        List<T> page = new ArrayList<>();
        for (T candidate : sorted) {
            if ((after != null && key.apply(candidate).compareTo(after) <= 0) || !matches(candidate, compiled)) {
                continue;
            }
            if (page.size() == limit) {
                return new Page<>(page, PageToken.encode(key.apply(page.get(page.size() - 1))));
            }
            page.add(candidate);
        }
        return new Page<>(page, null);
    }

    private boolean matches(T candidate, List<CompiledFilter> compiled) {
        for (CompiledFilter filter : compiled) {
            Object value = filters.get(filter.name()).apply(candidate);
            List<String> values = value == null ? List.of()
                    : value instanceof Collection<?> collection ? collection.stream().filter(Objects::nonNull).map(String::valueOf).toList()
                    : List.of(String.valueOf(value));
            if (!filter.matchesAny(values)) {
                return false;
            }
        }
        return true;
    }
}
