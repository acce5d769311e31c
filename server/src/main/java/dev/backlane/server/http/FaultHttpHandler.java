package dev.backlane.server.http;

import static dev.backlane.server.http.AdminRequests.integer;
import static dev.backlane.server.http.AdminRequests.refusal;
import static dev.backlane.server.http.AdminRequests.text;
import static dev.backlane.server.http.AdminRequests.texts;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultParameters;
import dev.backlane.core.fault.FaultRequest;
import dev.backlane.core.fault.ToxicRequest;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.fault.Faults;
import dev.backlane.server.traffic.Workloads;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /_backlane/faults}: injected failures. {@code POST} with {@code {"kind": "F7", "scope": {...}, "parameters":
 * {...}, "startTime": "...", "duration": "PT5M"}} makes one (201 and the fault); {@code GET} lists those not yet
 * ended; {@code GET /ID} gives one; {@code DELETE /ID} removes it at once. A refused request is 400 with the AWS code
 * naming the parameter, and nothing is made.
 */
public final class FaultHttpHandler extends AdminCollectionHandler<Fault> {
    public static final String PATH = "/_backlane/faults";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOP_LEVEL = List.of("kind", "scope", "parameters", "startTime", "duration");
    private static final List<String> PARAMETERS = List.of("actions", "operations", "percentage", "requestsPerSecond", "latency", "jitter", "toxic",
            "mode", "bytesPerSecond", "totalBytes", "delay", "telemetry");
    private static final List<String> TOXIC = List.of("name", "type", "stream", "toxicity", "attributes");

    private final Faults faults;
    private final Cloud cloud;
    private final Workloads workloads;
    private final InstantSource clock;

    public FaultHttpHandler(Faults faults, Cloud cloud, Workloads workloads, InstantSource clock) {
        super(PATH, "faults", "{\"kind\": \"F7\", \"scope\": {\"service\": \"s3\"}, \"duration\": \"PT5M\"}");
        this.faults = requireNonNull(faults, "faults is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    Optional<Fault> find(String id) {
        return faults.find(id);
    }

    @Override
    Optional<Fault> remove(String id) {
        return faults.remove(id);
    }

    @Override
    String notFound(String id) {
        return refusal(ErrorCode.INVALID_FAULT_ID_NOT_FOUND.code(), "The fault '" + id + "' does not exist");
    }

    @Override
    List<Fault> members() {
        return faults.list();
    }

    @Override
    Fault add(JsonNode body) {
        return faults.create(request(body), cloud.snapshot(), workloads::networkInterfaceOf);
    }

    /** The request the body asks for; a member that is not known or not of its type is refused naming it. */
    public static FaultRequest request(JsonNode body) {
        unknownMembers(body, TOP_LEVEL, "");
        Map<String, String> scope = new LinkedHashMap<>();
        JsonNode scopeNode = body.path("scope");
        if (!scopeNode.isMissingNode() && !scopeNode.isNull()) {
            if (!scopeNode.isObject()) {
                throw invalid("scope", scopeNode, "an object of scope fields");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = scopeNode.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isTextual()) {
                    throw invalid("scope." + field.getKey(), field.getValue(), "a string");
                }
                scope.put(field.getKey(), field.getValue().textValue());
            }
        }
        JsonNode parameters = body.path("parameters");
        if (!parameters.isMissingNode() && !parameters.isNull() && !parameters.isObject()) {
            throw invalid("parameters", parameters, "an object");
        }
        if (parameters.isObject()) {
            unknownMembers(parameters, PARAMETERS, "parameters.");
        }
        Optional<Integer> percentage = parameters.isObject() ? box(integer(parameters, "percentage")) : Optional.empty();
        Optional<Double> rate = number(parameters, "requestsPerSecond", "").map(JsonNode::doubleValue);
        List<String> none = List.of();
        boolean given = parameters.isObject();
        return new FaultRequest(text(body, "kind"), scope, given ? texts(parameters, "actions") : none, given ? texts(parameters, "operations") : none,
                percentage, rate, text(body, "startTime"), text(body, "duration"), toxic(parameters.path("toxic")),
                whole(parameters, "latency", ""), whole(parameters, "jitter", ""), given ? text(parameters, "mode") : Optional.empty(),
                whole(parameters, "bytesPerSecond", ""), whole(parameters, "totalBytes", ""), given ? text(parameters, "delay") : Optional.empty(),
                given ? texts(parameters, "telemetry") : none);
    }

    /** A toxic in Toxiproxy's shape; its {@code name}, which Toxiproxy needs to find it again, is taken and ignored: the fault ID names it. */
    private static Optional<ToxicRequest> toxic(JsonNode toxic) {
        if (toxic.isMissingNode() || toxic.isNull()) {
            return Optional.empty();
        }
        if (!toxic.isObject()) {
            throw invalid("toxic", toxic, "an object with type, stream, toxicity and attributes");
        }
        unknownMembers(toxic, TOXIC, "parameters.toxic.");
        Map<String, Long> attributes = new LinkedHashMap<>();
        JsonNode given = toxic.path("attributes");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                throw invalid("toxic.attributes", given, "an object of whole numbers");
            }
            for (Iterator<String> names = given.fieldNames(); names.hasNext();) {
                String name = names.next();
                attributes.put(name, whole(given, name, "toxic.attributes.").orElseThrow());
            }
        }
        return Optional.of(new ToxicRequest(text(toxic, "type"), text(toxic, "stream"),
                number(toxic, "toxicity", "toxic.").map(JsonNode::doubleValue), attributes));
    }

    private static Optional<JsonNode> number(JsonNode parent, String name, String prefix) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw invalid(prefix + name, value, "a number");
        }
        return Optional.of(value);
    }

    private static Optional<Long> whole(JsonNode parent, String name, String prefix) {
        return number(parent, name, prefix).map(value -> {
            if (!value.canConvertToLong() || value.isFloatingPointNumber() && value.doubleValue() != Math.rint(value.doubleValue())) {
                throw invalid(prefix + name, value, "a whole number");
            }
            return value.longValue();
        });
    }

    private static void unknownMembers(JsonNode node, List<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw AwsException.of(ErrorCode.UNKNOWN_PARAMETER, "The parameter %s%s is not recognized; the known ones are %s.", prefix, name,
                        String.join(", ", known));
            }
        }
    }

    private static Optional<Integer> box(java.util.OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }

    private static AwsException invalid(String name, JsonNode value, String expected) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. Expected %s.", value, name, expected);
    }

    @Override
    ObjectNode describe(Fault fault) {
        return describe(fault, clock.instant());
    }

    /** A fault as the admin API shows it; {@code state} is {@code active} or {@code pending} (not yet started). */
    static ObjectNode describe(Fault fault, Instant now) {
        ObjectNode node = JSON.createObjectNode().put("faultId", fault.id()).put("kind", fault.kind().label())
                .put("description", fault.kind().description());
        ObjectNode scope = node.putObject("scope");
        fault.scope().values().forEach((field, value) -> scope.put(field.wireName(), value));
        ObjectNode parameters = node.putObject("parameters");
        FaultParameters given = fault.parameters();
        if (!given.actions().isEmpty()) {
            given.actions().forEach(parameters.putArray("actions")::add);
        }
        if (!given.operations().isEmpty()) {
            given.operations().forEach(parameters.putArray("operations")::add);
        }
        given.percentage().ifPresent(value -> parameters.put("percentage", value));
        given.requestsPerSecond().ifPresent(value -> parameters.put("requestsPerSecond", value));
        given.toxic().ifPresent(toxic -> {
            if (fault.kind() == FaultKind.F7_THROTTLING) {
                parameters.put("latency", toxic.attribute("latency")).put("jitter", toxic.attribute("jitter"));
                return;
            }
            ObjectNode attributes = parameters.putObject("toxic").put("type", toxic.type().wireName()).put("stream", toxic.stream().wireName())
                    .put("toxicity", toxic.toxicity()).putObject("attributes");
            toxic.attributes().forEach(attributes::put);
        });
        given.mode().ifPresent(mode -> parameters.put("mode", mode.wireName()));
        given.bytesPerSecond().ifPresent(value -> parameters.put("bytesPerSecond", value));
        given.totalBytes().ifPresent(value -> parameters.put("totalBytes", value));
        given.delay().ifPresent(value -> parameters.put("delay", value.toString()));
        if (!given.telemetry().isEmpty()) {
            given.telemetry().forEach(kind -> parameters.withArray("telemetry").add(kind.wireName()));
        }
        node.put("startTime", fault.startTime().toString()).put("endTime", fault.endTime().toString())
                .put("state", fault.activeAt(now) ? "active" : "pending");
        return node;
    }
}
