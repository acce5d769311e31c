package dev.backlane.core.sli;

import static java.util.Objects.requireNonNull;

/** What an SLI is computed for: every call ({@code all}), an endpoint, a service, a zone, a workload, a VPC or a telemetry sink. */
public record SliKey(Kind kind, String id) implements Comparable<SliKey> {
    public static final SliKey ALL = new SliKey(Kind.ALL, "all");

    /** The kinds of key, named as the API and the CLI name them. */
    public enum Kind {
        ALL("all"), ENDPOINT("endpoint"), SERVICE("service"), ZONE("zone"), WORKLOAD("workload"), VPC("vpc"), SINK("sink");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public SliKey {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
    }

    public static SliKey endpoint(String id) {
        return new SliKey(Kind.ENDPOINT, id);
    }

    @Override
    public int compareTo(SliKey other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : id.compareTo(other.id);
    }
}
