package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

/**
 * An AWS service as public DNS knows it: the name it has in AWS's endpoint data ({@code sqs},
 * {@code api.ecr}, {@code kinesis}; {@code dkr.ecr} and {@code execute-api} for services known only by
 * their private DNS name) and the region that serves it. A global service (IAM, Route 53, CloudFront) is
 * served from the region of its credential scope, us-east-1.
 */
public record PublicService(String name, String region, boolean global) {
    public PublicService {
        requireNonNull(name, "name is null");
        requireNonNull(region, "region is null");
    }

    /** {@code sqs in us-east-1}, or {@code iam (global, us-east-1)}. */
    public String describe() {
        return global ? name + " (global, " + region + ")" : name + " in " + region;
    }
}
