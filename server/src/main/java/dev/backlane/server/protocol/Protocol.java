package dev.backlane.server.protocol;

/**
 * The protocols Backlane speaks: the two AWS Query flavours, which differ in how list members are named
 * in requests, how responses are wrapped and which code a malformed value gets, awsJson, whose
 * requests and responses are JSON documents of the operation's shapes, and Smithy RPC v2 CBOR, the same
 * documents in CBOR.
 */
public enum Protocol {
    /** EC2's: lists always {@code Name.N}, request names from capitalised locationNames, {@code <item>} lists. */
    EC2,
    /** ELBv2's and STS's: {@code Name.member.N}, responses wrapped in {@code <XResult>} with ResponseMetadata. */
    QUERY,
    /** awsJson 1.0 / 1.1 (CloudWatch Logs): the operation in {@code X-Amz-Target}, a JSON body, errors as {@code __type}. */
    JSON,
    /**
     * Smithy RPC v2 CBOR (CloudWatch): the operation in the path {@code /service/<Service>/operation/<Operation>}, the
     * input and output CBOR maps of the shapes' members, timestamps as tag 1 epoch seconds, errors as {@code __type}.
     */
    RPC_V2_CBOR,
    /** REST-JSON (FIS): the operation from the method and path, the input from path labels, query string and JSON body. */
    REST_JSON;

    static Protocol of(String modelName) {
        return find(modelName).orElseThrow(() -> new IllegalArgumentException("unsupported protocol " + modelName));
    }

    static java.util.Optional<Protocol> find(String modelName) {
        return switch (modelName == null ? "" : modelName) {
            case "ec2" -> java.util.Optional.of(EC2);
            case "query" -> java.util.Optional.of(QUERY);
            case "json" -> java.util.Optional.of(JSON);
            case "smithy-rpc-v2-cbor" -> java.util.Optional.of(RPC_V2_CBOR);
            case "rest-json" -> java.util.Optional.of(REST_JSON);
            default -> java.util.Optional.empty();
        };
    }
}
