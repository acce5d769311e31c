package dev.backlane.server.api.describe;

import java.util.List;

/** One page of a Describe: the resources and, when more follow, the token for the next page. */
public record Page<T>(List<T> items, String nextToken) {
    public Page {
        items = List.copyOf(items);
    }
}
