package dev.backlane.server.api.describe;

import dev.backlane.core.model.Resource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The filters one Describe operation understands, each a function from a resource to the values it
 * has under that filter name. Values may be a string, a boolean or number (compared as their text), a
 * collection of those, or null for none. {@code tag:<key>}, {@code tag-key} and {@code tag-value} are
 * handled by {@link Describer} for every kind.
 */
public final class FilterSet<T extends Resource> {
    private final Map<String, BiFunction<T, FilterContext, Object>> filters;
    private final String nameFilter;

    private FilterSet(Map<String, BiFunction<T, FilterContext, Object>> filters, String nameFilter) {
        this.filters = Map.copyOf(filters);
        this.nameFilter = nameFilter;
    }

    /** The filter whose values are the resource's {@link dev.backlane.core.model.Named} name, if any: it can use the name index. */
    public java.util.Optional<String> nameFilter() {
        return java.util.Optional.ofNullable(nameFilter);
    }

    public static <T extends Resource> Builder<T> builder() {
        return new Builder<>();
    }

    public boolean has(String name) {
        return filters.containsKey(name);
    }

    public Collection<String> names() {
        return filters.keySet();
    }

    /** The resource's values under the filter, as text. */
    public List<String> values(String name, T resource, FilterContext context) {
        Object value = filters.get(name).apply(resource, context);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    public static final class Builder<T extends Resource> {
        private final Map<String, BiFunction<T, FilterContext, Object>> filters = new HashMap<>();
        private String nameFilter;

        /** A filter on the resource's name, which Describe answers from the scope's name index. */
        public Builder<T> addName(String name, Function<T, Object> values) {
            nameFilter = name;
            return add(name, values);
        }

        public Builder<T> add(String name, Function<T, Object> values) {
            return add(name, (resource, context) -> values.apply(resource));
        }

        public Builder<T> add(String name, BiFunction<T, FilterContext, Object> values) {
            if (filters.put(name, values) != null) {
                throw new IllegalStateException("filter defined twice: " + name);
            }
            return this;
        }

        public FilterSet<T> build() {
            return new FilterSet<>(filters, nameFilter);
        }
    }
}
