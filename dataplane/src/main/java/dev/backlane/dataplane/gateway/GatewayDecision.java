package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.traffic.RequestFacts;
import java.net.URI;
import java.util.Map;

/** What a gateway does with one request, as its {@link GatewayDecider} judged it. */
public sealed interface GatewayDecision {
    /**
     * Send the request to the upstream (scheme, host and port of the URI), untouched but for {@code addedHeaders}, and
     * stream the answer back.
     */
    record Forward(URI upstream, RequestFacts facts, PathResult path, Map<String, String> addedHeaders) implements GatewayDecision {
        public Forward {
            requireNonNull(upstream, "upstream is null");
            requireNonNull(facts, "facts is null");
            requireNonNull(path, "path is null");
            addedHeaders = Map.copyOf(requireNonNull(addedHeaders, "addedHeaders is null"));
        }

        /** Forward the request untouched. */
        public Forward(URI upstream, RequestFacts facts, PathResult path) {
            this(upstream, facts, path, Map.of());
        }
    }

    /**
     * Answer without forwarding: an endpoint policy's 403 or a missing upstream, already written in the service's
     * own protocol. The facts and path are those known (null when the request could not be classified).
     */
    record Respond(int status, Map<String, String> headers, byte[] body, RequestFacts facts, PathResult path) implements GatewayDecision {
        public Respond {
            requireNonNull(headers, "headers is null");
            requireNonNull(body, "body is null");
            headers = Map.copyOf(headers);
        }
    }

    /** The path engine found no way: the gateway treats the call as dropped, per its {@link BlockedTraffic} mode. */
    record Block(RequestFacts facts, PathResult path) implements GatewayDecision {
        public Block {
            requireNonNull(facts, "facts is null");
            requireNonNull(path, "path is null");
        }
    }
}
