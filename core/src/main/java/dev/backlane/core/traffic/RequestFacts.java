package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a call to AWS is, as the request tells it: the service's signing name ({@code s3}, {@code sqs}, {@code ec2})
 * and region (from the SigV4 scope, else the host name), the access key that signed it, the real AWS host name the
 * call is for ({@code s3.us-east-1.amazonaws.com}, {@code bucket.s3.us-east-1.amazonaws.com}), the operation of
 * the service's model ({@code GetObject}; empty when the request matches none), the IAM action it needs
 * ({@code s3:GetObject}; empty when it cannot be told) and the resource it names as an ARN ({@code *} when it names
 * none), and the service's condition keys the request carries ({@code s3:prefix}, {@code s3:x-amz-acl}, ...), which
 * policies on the way may test.
 */
public record RequestFacts(String service, String region, Optional<String> accessKeyId, String hostname, String operation, String action,
        String resource, Map<String, List<String>> conditionKeys) {
    public RequestFacts {
        requireNonNull(service, "service is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(hostname, "hostname is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        requireNonNull(conditionKeys, "conditionKeys is null").forEach((key, values) -> copy.put(key, List.copyOf(values)));
        conditionKeys = Collections.unmodifiableMap(copy);
    }

    /** Facts without service condition keys. */
    public RequestFacts(String service, String region, Optional<String> accessKeyId, String hostname, String operation, String action,
            String resource) {
        this(service, region, accessKeyId, hostname, operation, action, resource, Map.of());
    }
}
