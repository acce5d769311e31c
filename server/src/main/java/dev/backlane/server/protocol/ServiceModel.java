package dev.backlane.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An AWS service model (botocore's {@code service-2.json}), read once from the resources: the
 * operations and shapes that drive request parsing and response writing for that service.
 */
public final class ServiceModel {
    private final String serviceId;
    private final String apiVersion;
    private final String xmlNamespace;
    private final Protocol protocol;
    private final List<Protocol> protocols;
    private final boolean awsQueryCompatible;
    private final Map<String, String> errorShapesByCode;
    private final String targetPrefix;
    private final String jsonVersion;
    private final Map<String, OperationModel> operations;
    private final Map<String, Shape> shapes;
    /** The HTTP status of each error shape that names one ({@code ResourceNotFoundException} 404 in FIS). */
    private final Map<String, Integer> errorStatuses;

    private ServiceModel(String serviceId, String apiVersion, String xmlNamespace, Protocol protocol, List<Protocol> protocols,
            boolean awsQueryCompatible, Map<String, String> errorShapesByCode, String targetPrefix, String jsonVersion,
            Map<String, OperationModel> operations, Map<String, Shape> shapes, Map<String, Integer> errorStatuses) {
        this.errorStatuses = errorStatuses;
        this.protocols = protocols;
        this.awsQueryCompatible = awsQueryCompatible;
        this.errorShapesByCode = errorShapesByCode;
        this.targetPrefix = targetPrefix;
        this.jsonVersion = jsonVersion;
        this.serviceId = serviceId;
        this.apiVersion = apiVersion;
        this.xmlNamespace = xmlNamespace;
        this.protocol = protocol;
        this.operations = operations;
        this.shapes = shapes;
    }

    /** Loads {@code models/<file>} from this package's resources. */
    public static ServiceModel load(String file) {
        try (InputStream in = ServiceModel.class.getResourceAsStream("/dev/backlane/server/models/" + file)) {
            if (in == null) {
                throw new IllegalStateException("service model not found: " + file);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceModel parse(JsonNode root) {
        JsonNode metadata = root.path("metadata");
        Map<String, Shape> shapes = new HashMap<>();
        root.path("shapes").fields().forEachRemaining(entry -> shapes.put(entry.getKey(), shape(entry.getKey(), entry.getValue())));
        Map<String, OperationModel> operations = new LinkedHashMap<>();
        root.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            operations.put(entry.getKey(), new OperationModel(
                    entry.getKey(),
                    text(operation.path("input").path("shape")),
                    text(operation.path("output").path("shape")),
                    text(operation.path("output").path("resultWrapper")),
                    text(operation.path("http").path("method")),
                    text(operation.path("http").path("requestUri"))));
        });
        String namespace = text(metadata.path("xmlNamespace"));
        if (namespace == null) {
            namespace = text(metadata.path("xmlNamespace").path("uri"));
        }
        String serviceId = text(metadata.path("serviceId"));
        // A model may list several protocols (metadata.protocols, preferred first); Backlane speaks those it knows.
        List<Protocol> protocols = new ArrayList<>();
        metadata.path("protocols").forEach(name -> Protocol.find(name.asText()).ifPresent(protocols::add));
        if (protocols.isEmpty()) {
            protocols.add(Protocol.of(text(metadata.path("protocol"))));
        }
        Map<String, String> errorShapes = new HashMap<>();
        Map<String, Integer> errorStatuses = new HashMap<>();
        root.path("shapes").fields().forEachRemaining(entry -> {
            if (entry.getValue().path("error").has("httpStatusCode")) {
                errorStatuses.put(entry.getKey(), entry.getValue().path("error").path("httpStatusCode").asInt());
            }
            String code = text(entry.getValue().path("error").path("code"));
            if (code != null) {
                errorShapes.putIfAbsent(code, entry.getKey());
            }
        });
        return new ServiceModel(
                serviceId == null ? text(metadata.path("endpointPrefix")) : serviceId,
                text(metadata.path("apiVersion")),
                namespace,
                protocols.get(0),
                List.copyOf(protocols),
                metadata.has("awsQueryCompatible"),
                Map.copyOf(errorShapes),
                text(metadata.path("targetPrefix")),
                text(metadata.path("jsonVersion")),
                Map.copyOf(operations),
                Map.copyOf(shapes),
                Map.copyOf(errorStatuses));
    }

    private static Shape shape(String name, JsonNode node) {
        Map<String, Member> members = new LinkedHashMap<>();
        node.path("members").fields().forEachRemaining(entry -> members.put(entry.getKey(), member(entry.getKey(), entry.getValue())));
        Set<String> required = new LinkedHashSet<>();
        node.path("required").forEach(value -> required.add(value.asText()));
        Set<String> enumValues = new LinkedHashSet<>();
        node.path("enum").forEach(value -> enumValues.add(value.asText()));
        return new Shape(
                name,
                ShapeType.of(node.path("type").asText()),
                members,
                required,
                node.has("member") ? member("member", node.get("member")) : null,
                node.has("key") ? member("key", node.get("key")) : null,
                node.has("value") ? member("value", node.get("value")) : null,
                node.path("flattened").asBoolean(false),
                enumValues,
                node.has("min") ? node.get("min").asDouble() : null,
                node.has("max") ? node.get("max").asDouble() : null,
                text(node.path("timestampFormat")),
                text(node.path("pattern")));
    }

    private static Member member(String name, JsonNode node) {
        return new Member(name, node.path("shape").asText(), text(node.path("locationName")), text(node.path("queryName")),
                node.path("flattened").asBoolean(false), text(node.path("location")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /** The model's service ID ({@code EC2}, {@code Elastic Load Balancing v2}), as AWS names the service. */
    public String serviceId() {
        return serviceId;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The XML namespace of responses, with the trailing slash AWS writes. */
    public String xmlNamespace() {
        return xmlNamespace == null ? null : xmlNamespace.endsWith("/") ? xmlNamespace : xmlNamespace + "/";
    }

    /** The protocol this reading of the model speaks: the model's preferred one, unless {@link #withProtocol} chose another. */
    public Protocol protocol() {
        return protocol;
    }

    /** Every protocol the model lists that Backlane speaks, preferred first. */
    public List<Protocol> protocols() {
        return protocols;
    }

    /** The same model read in another of its protocols. */
    public ServiceModel withProtocol(Protocol other) {
        if (!protocols.contains(other)) {
            throw new IllegalArgumentException(serviceId + " does not speak " + other);
        }
        return new ServiceModel(serviceId, apiVersion, xmlNamespace, other, protocols, awsQueryCompatible, errorShapesByCode, targetPrefix,
                jsonVersion, operations, shapes, errorStatuses);
    }

    /**
     * Whether the service moved from Query to JSON or CBOR keeping its Query error codes ({@code awsQueryCompatible}):
     * its JSON and CBOR errors then carry {@code x-amzn-query-error: Code;Sender}, which clients read the code from.
     */
    public boolean awsQueryCompatible() {
        return awsQueryCompatible;
    }

    /** The model's error shape for an error code ({@code InvalidParameterValue} -> {@code InvalidParameterValueException}), if it has one. */
    public Optional<String> errorShape(String code) {
        return Optional.ofNullable(errorShapesByCode.get(code));
    }

    /** An awsJson service's {@code X-Amz-Target} prefix ({@code Logs_20140328}); null for the Query services. */
    public String targetPrefix() {
        return targetPrefix;
    }

    /** An awsJson service's content type, {@code application/x-amz-json-1.1}; null for the Query services. */
    public String jsonContentType() {
        return jsonVersion == null ? null : "application/x-amz-json-" + jsonVersion;
    }

    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** The status the model gives an error shape of this name, for REST protocols, which carry the error's kind in the status. */
    public Optional<Integer> errorStatus(String code) {
        return Optional.ofNullable(errorStatuses.get(code));
    }

    /** Every operation, in the model's order. */
    public java.util.Collection<OperationModel> operations() {
        return operations.values();
    }

    public Set<String> operationNames() {
        return operations.keySet();
    }

    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("no shape " + name + " in model " + serviceId);
        }
        return shape;
    }

    public Shape shapeOf(Member member) {
        return shape(member.shapeName());
    }
}
