package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A path for Reachability Analyzer: a source (an instance or network interface), a destination (a
 * resource ID, or {@code null} with {@code destinationIp}), a protocol and an optional destination port.
 */
public record NetworkInsightsPath(String id, String source, String sourceIp, String destination, String destinationIp, String protocol,
        Integer destinationPort, Instant createdDate) implements Resource {
    public NetworkInsightsPath {
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(createdDate, "createdDate is null");
    }

    public String arn(Scope scope) {
        return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":network-insights-path/" + id;
    }
}
