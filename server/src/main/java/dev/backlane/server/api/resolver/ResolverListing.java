package dev.backlane.server.api.resolver;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.server.api.Input;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Route 53 Resolver's List behaviour for one kind of item: {@code Filters} (each {@code Name} one of the
 * documented names, matching any of its {@code Values} exactly), {@code SortBy} one of the same names,
 * {@code SortOrder}, {@code MaxResults} (1-100, default 100) and an opaque {@code NextToken}. The answer
 * carries {@code TotalCount} (all items) and {@code TotalFilteredCount} (those the filters keep).
 */
final class ResolverListing<T> {
    private static final int DEFAULT_MAX_RESULTS = 100;

    private final Map<String, Function<T, String>> fields;
    private final String defaultSort;

    ResolverListing(Map<String, Function<T, String>> fields, String defaultSort) {
        this.fields = Map.copyOf(fields);
        this.defaultSort = requireNonNull(defaultSort, "defaultSort is null");
    }

    /** One page, with the counts. */
    record Listed<T>(List<T> items, String nextToken, int totalCount, int totalFilteredCount) {}

    Listed<T> list(Input input, List<T> all) {
        List<T> kept = new ArrayList<>(all);
        for (Input filter : input.structures("Filters")) {
            String name = filter.string("Name");
            Function<T, String> field = field(name, "Filters.Name");
            List<String> values = filter.strings("Values");
            kept.removeIf(item -> !values.contains(field.apply(item)));
        }
        String sortBy = input.string("SortBy") == null ? defaultSort : input.string("SortBy");
        Function<T, String> sortField = field(sortBy, "SortBy");
        Comparator<T> order = Comparator.comparing(item -> String.valueOf(sortField.apply(item)));
        kept.sort("DESCENDING".equals(input.string("SortOrder")) ? order.reversed() : order);

        int start = decode(input.string("NextToken"));
        int max = input.integer("MaxResults") == null ? DEFAULT_MAX_RESULTS : input.integer("MaxResults");
        if (max < 1 || max > 100) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "MaxResults must be between 1 and 100, not %d.", max);
        }
        int end = Math.min(kept.size(), start + max);
        List<T> page = start >= kept.size() ? List.of() : kept.subList(start, end);
        String next = end < kept.size() ? encode(end) : null;
        return new Listed<>(List.copyOf(page), next, all.size(), kept.size());
    }

    private Function<T, String> field(String name, String parameter) {
        Function<T, String> field = name == null ? null : fields.get(name);
        if (field == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "%s '%s' is not valid; valid names are %s.", parameter, name,
                    String.join(", ", fields.keySet().stream().sorted().toList()));
        }
        return field;
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw AwsException.of(ErrorCode.INVALID_NEXT_TOKEN_EXCEPTION, "The NextToken '%s' is not valid.", token);
    }
}
