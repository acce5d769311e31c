package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a call to AWS is, as the request tells it: the service's signing name ({@code s3}, {@code sqs}, {@code ec2})
 * and region (from the SigV4 scope, else the host name), the access key that signed it, the real AWS host name the
 * call is for ({@code s3.us-east-1.amazonaws.com}, {@code bucket.s3.us-east-1.amazonaws.com}), the operation of
 * the service's model ({@code GetObject}; empty when the request matches none), the IAM action it needs
 * ({@code s3:GetObject}) and the resource it names as an ARN ({@code *} when it names none).
 */
public record RequestFacts(String service, String region, Optional<String> accessKeyId, String hostname, String operation, String action,
        String resource) {
    public RequestFacts {
        requireNonNull(service, "service is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(hostname, "hostname is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
    }
}
