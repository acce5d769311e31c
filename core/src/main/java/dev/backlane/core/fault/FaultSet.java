package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.policy.CompiledPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The faults active at one moment, and which of them apply to a question: a DNS question in a VPC (F1), a packet
 * reaching an endpoint's interface (F2, F3), a call weighed against an endpoint policy (F4), a call through a gateway
 * (F7), a connection through a gateway (toxics, F6), a telemetry record (F8). Immutable, so the path engine and the DNS listeners can keep answers computed on one set until it changes;
 * {@link #none()} costs nothing to ask.
 */
public final class FaultSet {
    private static final FaultSet NONE = new FaultSet(List.of());

    private final List<Fault> faults;
    private final Map<String, CompiledPolicy> denyPolicies;

    private FaultSet(List<Fault> faults) {
        this.faults = List.copyOf(faults);
        this.denyPolicies = this.faults.stream().filter(fault -> fault.kind() == FaultKind.F4_POLICY_DENY)
                .collect(Collectors.toUnmodifiableMap(Fault::id, FaultDenyPolicy::compile));
    }

    public static FaultSet none() {
        return NONE;
    }

    /** The set of the faults given (which the caller has found active). */
    public static FaultSet of(List<Fault> faults) {
        return requireNonNull(faults, "faults is null").isEmpty() ? NONE : new FaultSet(faults);
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    public List<Fault> faults() {
        return faults;
    }

    /** The first fault of the kind whose scope covers the subject (in the order the faults were made). */
    public Optional<Fault> first(FaultKind kind, FaultSubject subject) {
        for (Fault fault : faults) {
            if (fault.kind() == kind && fault.scope().covers(subject)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    /** Every fault of the kind whose scope covers the subject. */
    public List<Fault> all(FaultKind kind, FaultSubject subject) {
        List<Fault> found = new ArrayList<>();
        for (Fault fault : faults) {
            if (fault.kind() == kind && fault.scope().covers(subject)) {
                found.add(fault);
            }
        }
        return found;
    }

    /** Whether any fault of the kind is active at all, so callers can skip building a subject. */
    public boolean has(FaultKind kind) {
        for (Fault fault : faults) {
            if (fault.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /**
     * The faults whose toxic acts on a connection of the subject ({@code TOXIC} faults, and F7 faults adding latency),
     * in the order made.
     */
    public List<Fault> toxics(FaultSubject subject) {
        List<Fault> found = new ArrayList<>();
        for (Fault fault : faults) {
            if (fault.parameters().toxic().isPresent() && fault.scope().covers(subject)) {
                found.add(fault);
            }
        }
        return found;
    }

    /** Whether any active fault acts on the bytes of connections (a toxic or F6), so callers can skip building a subject. */
    public boolean actsOnConnections() {
        for (Fault fault : faults) {
            if (fault.parameters().toxic().isPresent() || fault.kind() == FaultKind.F6_ASYMMETRIC_ROUTING) {
                return true;
            }
        }
        return false;
    }

    /** The Deny statement an F4 fault of this set layers on endpoint policies, compiled once. */
    public CompiledPolicy denyPolicy(Fault fault) {
        CompiledPolicy policy = denyPolicies.get(fault.id());
        if (policy == null) {
            throw new IllegalArgumentException(fault.id() + " is not an F4 fault of this set");
        }
        return policy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaultSet set && set.faults.equals(faults);
    }

    @Override
    public int hashCode() {
        return faults.hashCode();
    }
}
