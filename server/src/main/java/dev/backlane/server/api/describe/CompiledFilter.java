package dev.backlane.server.api.describe;

import dev.backlane.server.api.Input;
import java.util.Collection;
import java.util.List;

/**
 * One {@code Filter.N} of a Describe with its values compiled: it matches a resource when any of the
 * resource's values under the filter name matches any of the filter's values (wildcards allowed).
 */
public record CompiledFilter(String name, List<WildcardPattern> patterns) {
    public CompiledFilter {
        patterns = List.copyOf(patterns);
    }

    /** The filter named {@code name} with the {@code Values} of the given {@code Filter} structure. */
    public static CompiledFilter of(String name, Input filter) {
        return new CompiledFilter(name, filter.strings("Values").stream().map(WildcardPattern::compile).toList());
    }

    public boolean matchesAny(Collection<String> values) {
        for (String value : values) {
            for (WildcardPattern pattern : patterns) {
                if (pattern.matches(value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
