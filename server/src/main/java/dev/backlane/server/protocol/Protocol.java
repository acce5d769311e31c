package dev.backlane.server.protocol;

/**
 * The two AWS Query flavours Backlane speaks. They differ in how list members are named in requests,
 * how responses are wrapped and which code a malformed value gets.
 */
public enum Protocol {
    /** EC2's: lists always {@code Name.N}, request names from capitalised locationNames, {@code <item>} lists. */
    EC2,
    /** ELBv2's and STS's: {@code Name.member.N}, responses wrapped in {@code <XResult>} with ResponseMetadata. */
    QUERY;

    static Protocol of(String modelName) {
        return switch (modelName) {
            case "ec2" -> EC2;
            case "query" -> QUERY;
            default -> throw new IllegalArgumentException("unsupported protocol " + modelName);
        };
    }
}
