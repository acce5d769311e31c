package dev.backlane.server.protocol;

import dev.backlane.core.model.WireName;
import java.util.Optional;

/**
 * Every protocol an AWS service model names ({@code metadata.protocol(s)}): what a client of that
 * service sends and how it reads an error back. Backlane parses and answers only the two Query
 * flavours ({@link Protocol}); the others it needs to refuse a service in that service's own words.
 */
public enum WireProtocol implements WireName {
    EC2("ec2"),
    QUERY("query"),
    JSON("json"),
    REST_JSON("rest-json"),
    REST_XML("rest-xml"),
    RPC_V2_CBOR("smithy-rpc-v2-cbor");

    private final String modelName;

    WireProtocol(String modelName) {
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }

    /** The name the service models give the protocol. */
    @Override
    public String wireName() {
        return modelName;
    }

    public static Optional<WireProtocol> of(String modelName) {
        return WireName.find(WireProtocol.class, modelName);
    }
}
