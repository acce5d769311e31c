package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** The tags of one resource, keyed by the resource's ID, with the resource's kind for DescribeTags. */
public record ResourceTags(String id, String resourceType, SortedMap<String, String> tags) implements Resource {
    public ResourceTags {
        requireNonNull(id, "id is null");
        requireNonNull(resourceType, "resourceType is null");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(tags, "tags is null")));
    }
}
