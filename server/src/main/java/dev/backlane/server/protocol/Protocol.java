package dev.backlane.server.protocol;

/**
 * The protocols Backlane speaks: the two AWS Query flavours, which differ in how list members are named
 * in requests, how responses are wrapped and which code a malformed value gets, and awsJson, whose
 * requests and responses are JSON documents of the operation's shapes.
 */
public enum Protocol {
    /** EC2's: lists always {@code Name.N}, request names from capitalised locationNames, {@code <item>} lists. */
    EC2,
    /** ELBv2's and STS's: {@code Name.member.N}, responses wrapped in {@code <XResult>} with ResponseMetadata. */
    QUERY,
    /** awsJson 1.0 / 1.1 (CloudWatch Logs): the operation in {@code X-Amz-Target}, a JSON body, errors as {@code __type}. */
    JSON;

    static Protocol of(String modelName) {
        return switch (modelName) {
            case "ec2" -> EC2;
            case "query" -> QUERY;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unsupported protocol " + modelName);
        };
    }
}
