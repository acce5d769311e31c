package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.TargetSocketPlacement;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The target sockets of a running server: each maps a target's address and port in a VPC of a scope to the host
 * socket a real process listens on. Like workloads they live in memory only; the program that listens registers
 * its socket ({@code backlane run --listen}, or {@code POST /_backlane/targets}) and removes it when it stops. One
 * address and port of a VPC has at most one socket, as one host port has one listener.
 */
public final class TargetSocketRegistry implements TargetSockets {
    /** The prefix of mapping IDs: {@code tsock-} and 17 hex digits. */
    public static final String ID_PREFIX = "tsock";

    /** One mapping: the target's place in the emulated network and the host socket behind it. */
    public record Mapping(String id, Scope scope, TargetSocketPlacement.Placement target, InetSocketAddress socket) {
        public Mapping {
            requireNonNull(id, "id is null");
            requireNonNull(scope, "scope is null");
            requireNonNull(target, "target is null");
            requireNonNull(socket, "socket is null");
        }
    }

    private record Key(Scope scope, String vpcId, String address, int port) {}

    private final IdSource ids;
    private final ConcurrentMap<String, Mapping> byId = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Mapping> byTarget = new ConcurrentHashMap<>();

    public TargetSocketRegistry(IdSource ids) {
        this.ids = requireNonNull(ids, "ids is null");
    }

    /** Maps the target to the socket; refuses ({@code InvalidParameterValue}) a target that already has one. */
    public Mapping add(Scope scope, TargetSocketPlacement.Placement target, InetSocketAddress socket) {
        Mapping mapping = new Mapping(ids.next(ID_PREFIX), scope, target, socket);
        Mapping existing = byTarget.putIfAbsent(key(mapping), mapping);
        if (existing != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Address %s port %d of %s is already mapped to %s by %s", target.address(),
                    target.port(), target.vpcId(), describe(existing.socket()), existing.id());
        }
        byId.put(mapping.id(), mapping);
        return mapping;
    }

    /** Removes a mapping; empty when there is none with that ID. */
    public Optional<Mapping> remove(String id) {
        Mapping removed = byId.remove(id);
        if (removed != null) {
            byTarget.remove(key(removed), removed);
        }
        return Optional.ofNullable(removed);
    }

    public Optional<Mapping> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every mapping, in ID order. */
    public List<Mapping> list() {
        List<Mapping> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Mapping::id));
        return all;
    }

    /** The scopes that have a mapping: the only ones where a target can be probed. */
    public Set<Scope> scopes() {
        Set<Scope> scopes = new TreeSet<>();
        byId.values().forEach(mapping -> scopes.add(mapping.scope()));
        return scopes;
    }

    @Override
    public Optional<InetSocketAddress> socketOf(Scope scope, String vpcId, String address, int port) {
        return Optional.ofNullable(byTarget.get(new Key(scope, vpcId, address, port))).map(Mapping::socket);
    }

    private static Key key(Mapping mapping) {
        return new Key(mapping.scope(), mapping.target().vpcId(), mapping.target().address(), mapping.target().port());
    }

    static String describe(InetSocketAddress socket) {
        String host = socket.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getPort();
    }
}
