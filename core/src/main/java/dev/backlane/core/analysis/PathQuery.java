package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A question for the path engine: from a source ({@code i-...}, {@code eni-...}, or {@code subnet-...}
 * with an address, written {@code subnet-...:10.0.1.5}) to a destination (a hostname, an IPv4 address,
 * a service name such as {@code com.amazonaws.us-east-1.s3}, or an endpoint DNS name), for a protocol
 * and port. With a principal, action and resource the policies on the way are evaluated too; identity
 * and resource policies are optional documents. {@code scope} limits the search for the source to one
 * account and region; empty searches every scope of the world. {@code established} asks about a TCP connection already
 * open rather than a new one: security groups are stateful and let a tracked connection's packets pass whatever their
 * rules say now, so they are not evaluated; everything stateless on the way (network ACLs, routes, the endpoint's state,
 * faults, the provider's side) is.
 */
public record PathQuery(
        Optional<dev.backlane.core.model.Scope> scope,
        String source,
        String destination,
        Protocol protocol,
        int port,
        Optional<PolicyQuestion> policy,
        boolean established) {

    public PathQuery {
        requireNonNull(scope, "scope is null");
        requireNonNull(source, "source is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(policy, "policy is null");
        if (protocol.hasPorts() && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
    }

    /** A question about a new connection. */
    public PathQuery(Optional<dev.backlane.core.model.Scope> scope, String source, String destination, Protocol protocol, int port,
            Optional<PolicyQuestion> policy) {
        this(scope, source, destination, protocol, port, policy, false);
    }

    public static PathQuery of(String source, String destination, Protocol protocol, int port) {
        return new PathQuery(Optional.empty(), source, destination, protocol, port, Optional.empty());
    }

    public PathQuery withPolicy(PolicyQuestion question) {
        return new PathQuery(scope, source, destination, protocol, port, Optional.of(question), established);
    }

    public PathQuery inScope(dev.backlane.core.model.Scope only) {
        return new PathQuery(Optional.of(only), source, destination, protocol, port, policy, established);
    }

    /** The same question about a connection already open (tracked): security groups are not evaluated. */
    public PathQuery asEstablished() {
        return new PathQuery(scope, source, destination, protocol, port, policy, true);
    }

    /**
     * Who calls which action on which resource, the identity and resource policies to weigh, and the request's own
     * condition keys that only the asker knows ({@code aws:RequestedRegion}, {@code aws:SecureTransport},
     * {@code s3:prefix}...). The keys of the principal and of the network path are added by the engine.
     */
    public record PolicyQuestion(String principal, String action, String resource, List<String> identityPolicies,
            Optional<String> resourcePolicy, Map<String, List<String>> context) {
        public PolicyQuestion {
            requireNonNull(principal, "principal is null");
            requireNonNull(action, "action is null");
            requireNonNull(resource, "resource is null");
            identityPolicies = List.copyOf(requireNonNull(identityPolicies, "identityPolicies is null"));
            requireNonNull(resourcePolicy, "resourcePolicy is null");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            requireNonNull(context, "context is null").forEach((key, values) -> copy.put(key, List.copyOf(values)));
            context = Collections.unmodifiableMap(copy);
        }

        public PolicyQuestion(String principal, String action, String resource, List<String> identityPolicies, Optional<String> resourcePolicy) {
            this(principal, action, resource, identityPolicies, resourcePolicy, Map.of());
        }

        public static PolicyQuestion of(String principal, String action, String resource) {
            return new PolicyQuestion(principal, action, resource, List.of(), Optional.empty());
        }

        /** The question with one more condition key of the request (a key given twice keeps its last values). */
        public PolicyQuestion withContext(String key, String... values) {
            Map<String, List<String>> more = new LinkedHashMap<>(context);
            more.put(key, List.of(values));
            return new PolicyQuestion(principal, action, resource, identityPolicies, resourcePolicy, more);
        }
    }
}
