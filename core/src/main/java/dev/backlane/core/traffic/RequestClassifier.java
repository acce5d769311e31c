package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.analysis.PublicService;
import dev.backlane.core.analysis.ServiceNames;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.traffic.RequestBindings.Operation;
import dev.backlane.core.traffic.RequestFacts.Authorization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tells what an AWS call is from its head (and, when {@link #needsBody} says so, its body): the service and region
 * from the SigV4 credential scope, else from the host name the client called through the gateway as a proxy; the
 * access key; the real AWS host name; the operation from the protocol the service speaks (Query {@code Action},
 * JSON {@code X-Amz-Target}, rpc-v2-cbor's {@code /service/S/operation/O} path, REST HTTP bindings, S3 path-style
 * and virtual-hosted); the IAM action; and the resource ARN the request names. Pure: no I/O, no clock.
 */
public final class RequestClassifier {
    private static final RequestClassifier STANDARD = new RequestClassifier(ServiceNames.standard(), RegionCatalog.standard());
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CBOR_PATH = "/service/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTITION_DNS_SUFFIX = "amazonaws.com";

    private final RequestBindings bindings = RequestBindings.standard();
    private final ServiceNames names;
    private final RegionCatalog regions;

    public RequestClassifier(ServiceNames names, RegionCatalog regions) {
        this.names = requireNonNull(names, "names is null");
        this.regions = requireNonNull(regions, "regions is null");
    }

    /** The classifier over AWS's data shipped with Backlane. */
    public static RequestClassifier standard() {
        return STANDARD;
    }

    /**
     * Whether the decision needs the body: a Query protocol form (its {@code Action} and parameters travel in it),
     * or a JSON body of a service whose requests name their resource in it (SQS, DynamoDB, KMS, SSM, Secrets
     * Manager, ECR, CloudWatch Logs). S3's and other REST bodies, and CBOR, never: they stream.
     */
    public boolean needsBody(HttpRequestHead head) {
        String contentType = head.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith(FORM)) {
            return !isS3Host(head);
        }
        return head.header("x-amz-target").flatMap(this::targetService).map(service -> ResourceArns.namedInBody(service.signingName()))
                .orElse(false);
    }

    /**
     * The facts of a request. {@code account} is the caller's account, which the access key alone does not give:
     * resources named without an account (a table, a key, a parameter) are ARNs in it, as on AWS.
     *
     * @throws AwsException as AWS answers: a malformed {@code Authorization} ({@code IncompleteSignature}, S3's
     *         {@code AuthorizationHeaderMalformed}), a credential scoped to no region ({@code SignatureDoesNotMatch}),
     *         an unsigned request to no AWS host ({@code MissingAuthenticationToken}), a service no AWS hostname is
     *         known for ({@code UnsupportedService})
     */
    public RequestFacts classify(HttpRequestHead head, Optional<byte[]> body, String account) {
        requireNonNull(head, "head is null");
        requireNonNull(body, "body is null");
        requireNonNull(account, "account is null");
        RequestTarget target = RequestTarget.parse(head.target());
        Optional<String> host = host(head, target);
        Optional<PublicService> hostService = host.flatMap(names::serviceOfHostname);
        boolean s3Host = hostService.map(service -> service.name().equals("s3")).orElse(false);
        Optional<SigningScope> scope = SigningScope.of(head.header("authorization"), target, s3Host);

        String signingName;
        String region;
        if (scope.isPresent() && scope.get().service().isPresent()) {
            signingName = scope.get().service().get();
            region = scope.get().region().orElseThrow();
            if (regions.region(region).isEmpty()) {
                throw new AwsException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Credential should be scoped to a valid region, not '" + region + "'. ");
            }
        } else if (hostService.isPresent()) {
            signingName = bindings.byEndpointPrefix(hostService.get().name()).map(RequestBindings.Service::signingName)
                    .orElse(hostService.get().name());
            region = hostService.get().region();
        } else if (scope.isPresent()) {
            throw new AwsException(ErrorCode.INCOMPLETE_SIGNATURE, "A request signed without a SigV4 credential scope must be sent to an AWS host name"
                    + " (through the gateway as a proxy) so that its service and region are known; Host: " + host.orElse("(none)"));
        } else {
            throw new AwsException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        Optional<RequestBindings.Service> service = bindings.bySigningName(signingName);
        String endpointPrefix = service.map(RequestBindings.Service::endpointPrefix).orElse(signingName);
        String hostname = hostService.isPresent() ? host.get() : names.hostnameOf(endpointPrefix, region)
                // A modeled service that botocore's endpoint data omits (FIS) has the partition's default name, as SDKs build it.
                .or(() -> service.map(found -> found.endpointPrefix() + "." + region + "." + PARTITION_DNS_SUFFIX))
                .orElseThrow(() -> new AwsException(ErrorCode.UNSUPPORTED_SERVICE,
                        "No AWS endpoint of service '" + signingName + "' is known in region '" + region + "' (from the request's credential scope)"));

        Map<String, List<String>> parameters = new LinkedHashMap<>(target.parameters());
        String contentType = head.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith(FORM) && body.isPresent()) {
            RequestTarget.parseForm(new String(body.get(), StandardCharsets.ISO_8859_1)).forEach((name, values) -> parameters.merge(name, values,
                    (a, b) -> { List<String> both = new ArrayList<>(a); both.addAll(b); return both; }));
        }
        Optional<JsonNode> json = body.filter(bytes -> contentType.contains("json")).flatMap(RequestClassifier::readJson);

        Map<String, String> labels = new LinkedHashMap<>();
        Optional<String> operationName = operation(head, target, s3Host ? names.subdomainOf(host.get()) : Optional.empty(), service, parameters,
                labels);
        String operation = operationName.orElse("");
        String action = operationName.map(name -> action(service, signingName, name, parameters)).orElse("");
        if (operation.equals("ExecuteStatement") && signingName.equals("dynamodb")) {
            // The statement's verb decides the action, its FROM/INTO the table.
            Optional<PartiQlStatement> statement = json.map(node -> node.path("Statement").asText("")).flatMap(PartiQlStatement::parse);
            if (statement.isPresent()) {
                action = statement.get().action();
                labels.put("TableName", statement.get().table());
            }
        }
        if (signingName.equals("sqs") && target.rawSegments().size() == 2) {
            // The Query protocol may address the queue by its URL's path instead of a QueueUrl parameter.
            labels.putIfAbsent("QueueUrl", target.rawPath());
        }
        Function<String, Optional<String>> member = name -> Optional.ofNullable(labels.get(name))
                .or(() -> json.map(node -> node.get(name)).filter(JsonNode::isTextual).map(JsonNode::asText))
                .or(() -> Optional.ofNullable(parameters.get(name)).filter(values -> !values.isEmpty()).map(values -> values.get(0)));
        String resource = operationName.isPresent() ? ResourceArns.of(signingName, region, account, operation, member) : "*";
        Map<String, List<String>> conditionKeys = signingName.equals("s3") ? S3ConditionKeys.of(head, parameters, scope) : Map.of();
        List<Authorization> authorizations = FurtherAuthorizations.of(signingName, region, account, operation, action, resource, json, head);
        if (!authorizations.isEmpty()) {
            // The first is the call's own action and resource; the others are asked too (TrafficJudge).
            action = authorizations.get(0).action();
            resource = authorizations.get(0).resource();
        }
        return new RequestFacts(signingName, region, scope.map(SigningScope::accessKeyId), hostname, operation, action, resource, conditionKeys,
                authorizations.isEmpty() ? List.of() : authorizations.subList(1, authorizations.size()));
    }

    /** The operation by the protocol the request speaks; REST labels of the path go into {@code labels}. */
    private Optional<String> operation(HttpRequestHead head, RequestTarget target, Optional<String> bucket, Optional<RequestBindings.Service> service,
            Map<String, List<String>> parameters, Map<String, String> labels) {
        if (service.isPresent() && service.get().rest()) {
            List<String> segments = target.rawSegments();
            if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
                segments.remove(segments.size() - 1);
            }
            bucket.ifPresent(name -> segments.add(0, name));
            return rest(service.get(), head, segments, parameters, labels);
        }
        Optional<String> target2 = head.header("x-amz-target");
        if (target2.isPresent()) {
            int dot = target2.get().lastIndexOf('.');
            String name = dot < 0 ? target2.get() : target2.get().substring(dot + 1);
            return known(service, name);
        }
        if (target.rawPath().startsWith(CBOR_PATH)) {
            List<String> segments = target.rawSegments();
            if (segments.size() == 4 && segments.get(2).equals("operation")) {
                return known(service, segments.get(3));
            }
        }
        Optional<String> action = Optional.ofNullable(parameters.get("Action")).filter(values -> !values.isEmpty()).map(values -> values.get(0));
        return action.flatMap(name -> known(service, name));
    }

    /** An operation named on the wire: the model's when the service has one, else the name as given. */
    private static Optional<String> known(Optional<RequestBindings.Service> service, String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return service.isEmpty() ? Optional.of(name) : service.get().operation(name).map(Operation::name);
    }

    /**
     * The REST operation whose binding the request fits with the most discriminators (query literals, required query
     * parameters and headers), then the most literal path segments; an SDK's {@code x-id} names it outright.
     */
    private static Optional<String> rest(RequestBindings.Service service, HttpRequestHead head, List<String> segments,
            Map<String, List<String>> parameters, Map<String, String> labels) {
        Optional<String> named = Optional.ofNullable(parameters.get("x-id")).filter(values -> !values.isEmpty()).map(values -> values.get(0));
        Operation best = null;
        Map<String, String> bestLabels = null;
        Comparator<Operation> rank = Comparator.<Operation>comparingInt(operation -> named.map(name -> name.equals(operation.name()) ? 1 : 0).orElse(0))
                .thenComparingInt(operation -> operation.rest().orElseThrow().discriminators())
                .thenComparingInt(operation -> operation.rest().orElseThrow().literalSegments())
                .thenComparingInt(operation -> operation.rest().orElseThrow().deprecated() ? 0 : 1);
        for (Operation operation : service.restOperations(head.method())) {
            Optional<Map<String, String>> match = operation.rest().orElseThrow().match(head.method(), segments, parameters, head.headers());
            if (match.isPresent() && (best == null || rank.compare(operation, best) > 0)) {
                best = operation;
                bestLabels = match.get();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        labels.putAll(bestLabels);
        return Optional.of(best.name());
    }

    private static String action(Optional<RequestBindings.Service> service, String signingName, String operation, Map<String, List<String>> parameters) {
        if (service.isEmpty()) {
            // A service without a shipped model: IAM's prefix is its signing name for nearly every service.
            return signingName + ":" + operation;
        }
        Operation found = service.get().operation(operation).orElseThrow();
        if (found.actionWithVersionId().isPresent() && parameters.containsKey("versionId")) {
            return found.actionWithVersionId().get();
        }
        return found.action();
    }

    private Optional<RequestBindings.Service> targetService(String target) {
        int dot = target.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : bindings.byTargetPrefix(target.substring(0, dot));
    }

    private boolean isS3Host(HttpRequestHead head) {
        return host(head, RequestTarget.parse(head.target())).flatMap(names::serviceOfHostname).map(service -> service.name().equals("s3"))
                .orElse(false) || head.header("authorization").map(value -> value.contains("/s3/aws4_request")).orElse(false);
    }

    private static Optional<String> host(HttpRequestHead head, RequestTarget target) {
        return target.host().or(() -> head.header("host").map(RequestTarget::hostOf)).filter(name -> !name.isEmpty());
    }

    private static Optional<JsonNode> readJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            // A body that is not JSON names no resource; the service itself answers SerializationException.
            return Optional.empty();
        }
    }
}
