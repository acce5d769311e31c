package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

/** One AWS service as Backlane speaks it: its model, and the parser and writer of its protocol, which the model drives. */
public record ServiceEndpoint(String name, ServiceModel model, RequestParser parser, ResponseWriter writer) {
    public ServiceEndpoint {
        requireNonNull(name, "name is null");
        requireNonNull(model, "model is null");
        requireNonNull(parser, "parser is null");
        requireNonNull(writer, "writer is null");
    }

    public static ServiceEndpoint load(String name, String modelFile) {
        ServiceModel model = ServiceModel.load(modelFile);
        return switch (model.protocol()) {
            case EC2, QUERY -> new ServiceEndpoint(name, model, new QueryRequestParser(model), new XmlResponseWriter(model));
            case JSON -> new ServiceEndpoint(name, model, new JsonRequestParser(model), new JsonResponseWriter(model));
        };
    }

    /** Whether requests name their operation in {@code X-Amz-Target} and carry JSON, rather than an {@code Action} parameter. */
    public boolean speaksJson() {
        return model.protocol() == Protocol.JSON;
    }
}
