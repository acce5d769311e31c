package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
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
 *
 * <p>A call that needs several authorizations carries the others in {@code moreAuthorizations}: a DynamoDB batch
 * or transaction one per table (or item kind) beyond the first, S3's CopyObject and UploadPartCopy
 * {@code s3:GetObject} on the copy source beside {@code s3:PutObject} on the destination. On AWS each must be
 * allowed; one denial denies the call.
 */
public record RequestFacts(String service, String region, Optional<String> accessKeyId, String hostname, String operation, String action,
        String resource, Map<String, List<String>> conditionKeys, List<Authorization> moreAuthorizations) {
    /** One IAM action on one resource ARN ({@code *} when none is named) that a call needs. */
    public record Authorization(String action, String resource) {
        public Authorization {
            requireNonNull(action, "action is null");
            requireNonNull(resource, "resource is null");
            if (action.isEmpty()) {
                throw new IllegalArgumentException("action is empty");
            }
        }
    }

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
        moreAuthorizations = List.copyOf(requireNonNull(moreAuthorizations, "moreAuthorizations is null"));
        if (action.isEmpty() && !moreAuthorizations.isEmpty()) {
            throw new IllegalArgumentException("a call whose action is unknown carries no more authorizations");
        }
    }

    /** Facts of a call that needs one authorization (or none known). */
    public RequestFacts(String service, String region, Optional<String> accessKeyId, String hostname, String operation, String action,
            String resource, Map<String, List<String>> conditionKeys) {
        this(service, region, accessKeyId, hostname, operation, action, resource, conditionKeys, List.of());
    }

    /** Facts without service condition keys. */
    public RequestFacts(String service, String region, Optional<String> accessKeyId, String hostname, String operation, String action,
            String resource) {
        this(service, region, accessKeyId, hostname, operation, action, resource, Map.of());
    }

    /** Every authorization the call needs, the primary ({@link #action()} on {@link #resource()}) first; none when the action is unknown. */
    public List<Authorization> authorizations() {
        if (action.isEmpty()) {
            return List.of();
        }
        List<Authorization> all = new ArrayList<>();
        all.add(new Authorization(action, resource));
        all.addAll(moreAuthorizations);
        return List.copyOf(all);
    }

    /** The same call asking for {@code authorization} alone: what a denial of that authorization is about. */
    public RequestFacts onlyFor(Authorization authorization) {
        requireNonNull(authorization, "authorization is null");
        return new RequestFacts(service, region, accessKeyId, hostname, operation, authorization.action(), authorization.resource(), conditionKeys);
    }
}
