package dev.backlane.server.api.endpointservice;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.describe.DocumentedFilters;
import dev.backlane.server.api.describe.Page;
import dev.backlane.server.api.describe.PageToken;
import dev.backlane.server.api.describe.CompiledFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * EC2's Describe behaviour for items that are not resources of the caller's scope (connections in
 * consumers' accounts, a service's allowed principals, notifications): {@code Filter.N} with the names
 * documented for the operation, wildcards, and {@code MaxResults}/{@code NextToken} in key order.
 */
final class ListedItems<T> {
    private final Function<T, String> key;
    private final Map<String, Function<T, Collection<String>>> filters = new LinkedHashMap<>();

    ListedItems(Function<T, String> key) {
        this.key = key;
    }

    ListedItems<T> filter(String name, Function<T, Collection<String>> values) {
        filters.put(name, values);
        return this;
    }

    Page<T> page(Call call, Collection<T> items) {
        Input input = call.input();
        List<Compiled> compiled = new ArrayList<>();
        for (Input filter : input.structures("Filters")) {
            String name = filter.string("Name");
            if (name == null || !filters.containsKey(name) || !DocumentedFilters.ec2().isDocumented(call.operation(), name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
            compiled.add(new Compiled(filters.get(name), CompiledFilter.of(name, filter)));
        }
        String after = PageToken.decode(input.string("NextToken"));
        Integer maxResults = input.integer("MaxResults");
        int limit = maxResults == null ? Integer.MAX_VALUE : maxResults;
        List<T> sorted = items.stream().sorted(Comparator.comparing(key)).toList();
        List<T> page = new ArrayList<>();
        String nextToken = null;
        for (T item : sorted) {
            if ((after != null && key.apply(item).compareTo(after) <= 0) || !compiled.stream().allMatch(filter -> filter.matches(item))) {
                continue;
            }
            if (page.size() == limit) {
                nextToken = PageToken.encode(key.apply(page.get(page.size() - 1)));
                break;
            }
            page.add(item);
        }
        return new Page<>(page, nextToken);
    }

    private final class Compiled {
        private final Function<T, Collection<String>> values;
        private final CompiledFilter filter;

        Compiled(Function<T, Collection<String>> values, CompiledFilter filter) {
            this.values = values;
            this.filter = filter;
        }

        boolean matches(T item) {
            return filter.matchesAny(values.apply(item));
        }
    }
}
