package dev.backlane.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.Hop;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.ServiceTarget;
import dev.backlane.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON forms of path queries and results, shared by {@code backlane explain} and
 * {@code POST /_backlane/explain}. A query is
 * {@code {"from", "to", "port", "protocol", "principal", "action", "resource", "identityPolicies", "resourcePolicy", "account", "region"}}
 * ({@code to} may carry the port as {@code host:port}; the port defaults to 443, the protocol to tcp).
 * A result is {@code {"verdict", "via", "hops": [{"id", "type", "detail"}], "explanations": [{"code", "component", "detail"}]}},
 * and, for a reachable path through an interface endpoint to a provider's endpoint service, {@code "targets"}: the
 * load balancer's targets a new connection may go to ({@code {"account", "region", "vpcId", "loadBalancerArn",
 * "loadBalancerAddress", "targetGroupArn", "targetId", "address", "port", "availabilityZone", "proxyProtocolV2"}}).
 */
public final class PathJson {
    public static final int DEFAULT_PORT = 443;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PathJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The query a JSON object describes; IllegalArgumentException names what is wrong. */
    public static PathQuery query(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a query is a JSON object with \"from\" and \"to\"");
        }
        String from = text(node, "from").orElseThrow(() -> new IllegalArgumentException("\"from\" is required"));
        String to = text(node, "to").orElseThrow(() -> new IllegalArgumentException("\"to\" is required"));
        Destination destination = Destination.parse(to);
        int port = node.hasNonNull("port") ? port(node.get("port")) : destination.port().orElse(DEFAULT_PORT);
        Protocol protocol = Protocol.parse(text(node, "protocol").orElse("tcp"));
        Optional<Scope> scope = Optional.empty();
        if (node.hasNonNull("account") || node.hasNonNull("region")) {
            scope = Optional.of(new Scope(text(node, "account").orElseThrow(() -> new IllegalArgumentException("\"account\" goes with \"region\"")),
                    text(node, "region").orElseThrow(() -> new IllegalArgumentException("\"region\" goes with \"account\""))));
        }
        PathQuery query = new PathQuery(scope, from, destination.host(), protocol, port, Optional.empty());
        Optional<String> principal = text(node, "principal");
        Optional<String> action = text(node, "action");
        Optional<String> resource = text(node, "resource");
        if (principal.isPresent() || action.isPresent() || resource.isPresent()) {
            if (principal.isEmpty() || action.isEmpty() || resource.isEmpty()) {
                throw new IllegalArgumentException("\"principal\", \"action\" and \"resource\" go together");
            }
            List<String> identity = new ArrayList<>();
            node.path("identityPolicies").forEach(policy -> identity.add(policy.isTextual() ? policy.asText() : policy.toString()));
            Optional<String> resourcePolicy = node.hasNonNull("resourcePolicy")
                    ? Optional.of(node.get("resourcePolicy").isTextual() ? node.get("resourcePolicy").asText() : node.get("resourcePolicy").toString())
                    : Optional.empty();
            query = query.withPolicy(new PathQuery.PolicyQuestion(principal.get(), action.get(), resource.get(), identity, resourcePolicy));
        }
        return query;
    }

    /** The JSON object for a query, the inverse of {@link #query}. */
    public static ObjectNode toJson(PathQuery query) {
        ObjectNode node = MAPPER.createObjectNode();
        query.scope().ifPresent(scope -> node.put("account", scope.account()).put("region", scope.region()));
        node.put("from", query.source());
        node.put("to", query.destination());
        node.put("port", query.port());
        node.put("protocol", query.protocol().awsName());
        query.policy().ifPresent(policy -> {
            node.put("principal", policy.principal());
            node.put("action", policy.action());
            node.put("resource", policy.resource());
            ArrayNode identity = node.putArray("identityPolicies");
            policy.identityPolicies().forEach(identity::add);
            policy.resourcePolicy().ifPresent(document -> node.put("resourcePolicy", document));
        });
        return node;
    }

    public static ObjectNode toJson(PathResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("verdict", result.verdict().name());
        if (result.via().isPresent()) {
            node.put("via", result.via().get());
        } else {
            node.putNull("via");
        }
        ArrayNode hops = node.putArray("hops");
        for (Hop hop : result.hops()) {
            ObjectNode item = hops.addObject().put("id", hop.id()).put("type", hop.type().label()).put("detail", hop.detail());
            if (hop.returnPath()) {
                item.put("returnPath", true);
            }
        }
        ArrayNode explanations = node.putArray("explanations");
        for (Explanation explanation : result.explanations()) {
            explanations.addObject().put("code", explanation.code().name()).put("component", explanation.component())
                    .put("detail", explanation.detail());
        }
        if (!result.targets().isEmpty()) {
            ArrayNode targets = node.putArray("targets");
            for (ServiceTarget target : result.targets()) {
                targets.addObject().put("account", target.scope().account()).put("region", target.scope().region()).put("vpcId", target.vpcId())
                        .put("loadBalancerArn", target.loadBalancerArn()).put("loadBalancerAddress", target.loadBalancerAddress())
                        .put("targetGroupArn", target.targetGroupArn()).put("targetId", target.targetId()).put("address", target.address())
                        .put("port", target.port()).put("availabilityZone", target.availabilityZone()).put("proxyProtocolV2", target.proxyProtocolV2());
            }
        }
        return node;
    }

    public static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static int port(JsonNode value) {
        if (value.isInt()) {
            return value.asInt();
        }
        try {
            return Integer.parseInt(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"port\" must be a number, not " + value);
        }
    }

    /** A destination as written on the command line: {@code host}, {@code host:port} or {@code address:port}. */
    public record Destination(String host, Optional<Integer> port) {
        public static Destination parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon > 0 && colon < text.length() - 1 && text.substring(colon + 1).chars().allMatch(Character::isDigit)
                    && text.indexOf(':') == colon) {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port > 65535) {
                    throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
                }
                return new Destination(text.substring(0, colon), Optional.of(port));
            }
            return new Destination(text, Optional.empty());
        }
    }
}
