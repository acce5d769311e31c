package dev.backlane.core.fault;

/**
 * Which way a toxic acts, as in Toxiproxy: {@code upstream} on the bytes the client (the workload) sends towards the
 * server, {@code downstream} (the default) on the bytes coming back to the client.
 */
public enum ToxicStream {
    UPSTREAM("upstream"),
    DOWNSTREAM("downstream");

    private final String wireName;

    ToxicStream(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
