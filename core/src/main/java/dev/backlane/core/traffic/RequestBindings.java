package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How requests name the operations of the services whose models Backlane ships ({@code data/request-bindings.json},
 * made by {@code tools/aws-data/generate_request_bindings.py} from botocore's models): per service, keyed by its
 * SigV4 signing name, the protocols it speaks, its JSON target prefix, its IAM prefix, and per operation the IAM
 * action and, for REST services, the HTTP binding.
 */
final class RequestBindings {
    private static final String RESOURCE = "/dev/backlane/core/data/request-bindings.json";

    /** One service as its model describes it; its REST operations grouped by HTTP method. */
    record Service(String signingName, String endpointPrefix, String iamPrefix, Set<String> protocols, Optional<String> targetPrefix,
            Map<String, Operation> operations, Map<String, List<Operation>> restByMethod) {
        Service {
            requireNonNull(signingName, "signingName is null");
            requireNonNull(endpointPrefix, "endpointPrefix is null");
            requireNonNull(iamPrefix, "iamPrefix is null");
            protocols = Set.copyOf(protocols);
            requireNonNull(targetPrefix, "targetPrefix is null");
            operations = Map.copyOf(operations);
            Map<String, List<Operation>> byMethod = new HashMap<>();
            restByMethod.forEach((method, list) -> byMethod.put(method, List.copyOf(list)));
            restByMethod = Map.copyOf(byMethod);
        }

        boolean rest() {
            return protocols.stream().anyMatch(protocol -> protocol.startsWith("rest-"));
        }

        Optional<Operation> operation(String name) {
            return Optional.ofNullable(operations.get(name));
        }

        /** The REST operations bound to an HTTP method: the candidates for a request with it. */
        List<Operation> restOperations(String method) {
            return restByMethod.getOrDefault(method, List.of());
        }

        List<Operation> restOperations() {
            return restByMethod.values().stream().flatMap(List::stream).toList();
        }
    }

    /** An operation: its IAM action ("" when it depends on the body), the action when an object version is named, its binding. */
    record Operation(String name, String action, Optional<String> actionWithVersionId, Optional<RestBinding> rest) {
        Operation {
            requireNonNull(name, "name is null");
            requireNonNull(action, "action is null");
            requireNonNull(actionWithVersionId, "actionWithVersionId is null");
            requireNonNull(rest, "rest is null");
        }
    }

    private static final RequestBindings STANDARD = new RequestBindings(DataResource.read(RESOURCE));

    private final Map<String, Service> bySigningName = new LinkedHashMap<>();
    private final Map<String, Service> byEndpointPrefix = new HashMap<>();
    private final Map<String, Service> byTargetPrefix = new HashMap<>();

    private RequestBindings(JsonNode data) {
        data.path("services").fields().forEachRemaining(entry -> {
            JsonNode node = entry.getValue();
            String iamPrefix = node.path("iamPrefix").asText();
            Map<String, Operation> operations = new LinkedHashMap<>();
            Map<String, List<Operation>> rest = new HashMap<>();
            node.path("operations").fields().forEachRemaining(op -> {
                JsonNode spec = op.getValue();
                String action = spec.has("action") ? spec.path("action").asText() : iamPrefix + ":" + op.getKey();
                Optional<RestBinding> binding = spec.has("method") ? Optional.of(RestBinding.of(spec)) : Optional.empty();
                Operation operation = new Operation(op.getKey(), action, Optional.ofNullable(spec.path("withVersionId").textValue()), binding);
                operations.put(op.getKey(), operation);
                binding.ifPresent(found -> rest.computeIfAbsent(found.method(), ignored -> new ArrayList<>()).add(operation));
            });
            Set<String> protocols = new TreeSet<>();
            node.path("protocols").forEach(protocol -> protocols.add(protocol.asText()));
            Service service = new Service(entry.getKey(), node.path("endpointPrefix").asText(), iamPrefix, protocols,
                    Optional.ofNullable(node.path("targetPrefix").textValue()), operations, rest);
            bySigningName.put(service.signingName(), service);
            byEndpointPrefix.put(service.endpointPrefix(), service);
            service.targetPrefix().ifPresent(prefix -> byTargetPrefix.put(prefix, service));
        });
    }

    static RequestBindings standard() {
        return STANDARD;
    }

    Optional<Service> bySigningName(String signingName) {
        return Optional.ofNullable(bySigningName.get(signingName.toLowerCase(Locale.ROOT)));
    }

    /** The service whose hostnames start with the prefix ({@code api.ecr}, {@code monitoring}). */
    Optional<Service> byEndpointPrefix(String endpointPrefix) {
        return Optional.ofNullable(byEndpointPrefix.get(endpointPrefix));
    }

    /** The service of a JSON target ({@code DynamoDB_20120810}) or an rpc-v2-cbor service name. */
    Optional<Service> byTargetPrefix(String targetPrefix) {
        return Optional.ofNullable(byTargetPrefix.get(targetPrefix));
    }

    Collection<Service> services() {
        return bySigningName.values();
    }
}
