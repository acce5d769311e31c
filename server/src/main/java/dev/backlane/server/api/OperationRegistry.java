package dev.backlane.server.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The handlers of every implemented operation, by service ({@code ec2}, {@code sts}, ...) and operation name. */
public final class OperationRegistry {
    private final Map<String, Map<String, OperationHandler>> handlers = new HashMap<>();
    private final Map<String, Map<String, Integer>> maxRequestBytes = new HashMap<>();

    public OperationRegistry ec2(String operation, OperationHandler handler) {
        return add("ec2", operation, handler);
    }

    public OperationRegistry add(String service, String operation, OperationHandler handler) {
        OperationHandler previous = handlers.computeIfAbsent(service, ignored -> new HashMap<>()).put(operation, handler);
        if (previous != null) {
            throw new IllegalStateException("two handlers for " + service + ":" + operation);
        }
        return this;
    }

    /**
     * Refuses a call of the operation whose request, as sent (compressed, when it was), is larger than {@code bytes}:
     * AWS's limit on the request of an operation that documents one, answered {@code RequestEntityTooLarge}.
     */
    public OperationRegistry limitRequest(String service, String operation, int bytes) {
        maxRequestBytes.computeIfAbsent(service, ignored -> new HashMap<>()).put(operation, bytes);
        return this;
    }

    /** The largest request the operation takes, when it has a limit of its own. */
    public OptionalInt maxRequestBytes(String service, String operation) {
        Integer bytes = maxRequestBytes.getOrDefault(service, Map.of()).get(operation);
        return bytes == null ? OptionalInt.empty() : OptionalInt.of(bytes);
    }

    public Optional<OperationHandler> find(String service, String operation) {
        return Optional.ofNullable(handlers.getOrDefault(service, Map.of()).get(operation));
    }

    /** The names of the service's implemented operations, sorted. */
    public java.util.SortedSet<String> operations(String service) {
        return new java.util.TreeSet<>(handlers.getOrDefault(service, Map.of()).keySet());
    }

    public int count() {
        return handlers.values().stream().mapToInt(Map::size).sum();
    }
}
