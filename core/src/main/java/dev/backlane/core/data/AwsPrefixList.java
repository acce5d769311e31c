package dev.backlane.core.data;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An AWS-managed prefix list of one region: the address ranges of a service such as S3 or DynamoDB. */
public record AwsPrefixList(String region, String service, String id, String name, List<String> cidrs) {
    public AwsPrefixList {
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        cidrs = List.copyOf(requireNonNull(cidrs, "cidrs is null"));
    }

    public String arn() {
        return "arn:aws:ec2:" + region + ":aws:prefix-list/" + id;
    }
}
