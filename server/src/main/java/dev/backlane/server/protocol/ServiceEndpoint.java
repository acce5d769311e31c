package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

/** One AWS service as Backlane speaks it: its model, and the parser and writer the model drives. */
public record ServiceEndpoint(String name, ServiceModel model, QueryRequestParser parser, XmlResponseWriter writer) {
    public ServiceEndpoint {
        requireNonNull(name, "name is null");
        requireNonNull(model, "model is null");
        requireNonNull(parser, "parser is null");
        requireNonNull(writer, "writer is null");
    }

    public static ServiceEndpoint load(String name, String modelFile) {
        ServiceModel model = ServiceModel.load(modelFile);
        return new ServiceEndpoint(name, model, new QueryRequestParser(model), new XmlResponseWriter(model));
    }
}
