package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS service as Backlane speaks it: its model, and the parser and writer of its protocol, which the model drives.
 * A service whose model lists several protocols (CloudWatch: Smithy RPC v2 CBOR, awsJson 1.0, Query) is spoken in each,
 * {@link #speaking} giving the endpoint of one; the first is the one requests that carry no protocol's mark get.
 */
public final class ServiceEndpoint {
    private final String name;
    private final ServiceModel model;
    private final RequestParser parser;
    private final ResponseWriter writer;
    private final Map<Protocol, ServiceEndpoint> variants;
    /** A REST service's operations by method and path; null for the others. */
    private final RestJsonRoutes routes;

    public ServiceEndpoint(String name, ServiceModel model, RequestParser parser, ResponseWriter writer) {
        this(name, model, parser, writer, new EnumMap<>(Protocol.class));
    }

    private ServiceEndpoint(String name, ServiceModel model, RequestParser parser, ResponseWriter writer, Map<Protocol, ServiceEndpoint> variants) {
        this.name = requireNonNull(name, "name is null");
        this.model = requireNonNull(model, "model is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.variants = variants;
        this.routes = model.protocol() == Protocol.REST_JSON ? new RestJsonRoutes(model) : null;
        variants.put(model.protocol(), this);
    }

    public static ServiceEndpoint load(String name, String modelFile) {
        ServiceModel model = ServiceModel.load(modelFile);
        Map<Protocol, ServiceEndpoint> variants = new EnumMap<>(Protocol.class);
        ServiceEndpoint preferred = in(name, model, variants);
        for (Protocol other : model.protocols()) {
            if (!variants.containsKey(other)) {
                in(name, model.withProtocol(other), variants);
            }
        }
        return preferred;
    }

    private static ServiceEndpoint in(String name, ServiceModel model, Map<Protocol, ServiceEndpoint> variants) {
        return switch (model.protocol()) {
            case EC2, QUERY -> new ServiceEndpoint(name, model, new QueryRequestParser(model), new XmlResponseWriter(model), variants);
            case JSON, RPC_V2_CBOR -> new ServiceEndpoint(name, model, new JsonRequestParser(model), new JsonResponseWriter(model), variants);
            case REST_JSON -> new ServiceEndpoint(name, model, new RestJsonRequestParser(model), new RestJsonResponseWriter(model), variants);
        };
    }

    public String name() {
        return name;
    }

    public ServiceModel model() {
        return model;
    }

    public RequestParser parser() {
        return parser;
    }

    public ResponseWriter writer() {
        return writer;
    }

    /** This service spoken in the protocol, if its model lists it. */
    public Optional<ServiceEndpoint> speaking(Protocol protocol) {
        return Optional.ofNullable(variants.get(protocol));
    }

    /** Whether requests name their operation in {@code X-Amz-Target} and carry JSON, rather than an {@code Action} parameter. */
    public boolean speaksJson() {
        return model.protocol() == Protocol.JSON;
    }

    /** Whether requests name their operation by HTTP method and path (REST-JSON). */
    public boolean speaksRest() {
        return model.protocol() == Protocol.REST_JSON;
    }

    /** A REST service's operations by method and path. */
    public RestJsonRoutes routes() {
        if (routes == null) {
            throw new IllegalStateException(name + " is not a REST service");
        }
        return routes;
    }
}
