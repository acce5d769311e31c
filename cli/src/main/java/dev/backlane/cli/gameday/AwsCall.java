package dev.backlane.cli.gameday;

import java.util.Locale;
import java.util.Optional;

/**
 * The calls the load generator makes through a workload's gateway: each an AWS API request in its service's own
 * protocol, signed with SigV4, answered by Backlane itself (STS, EC2) or by the service's upstream ({@code --upstream s3=URL}).
 */
enum AwsCall {
    STS_GET_CALLER_IDENTITY("sts", "GetCallerIdentity", "POST", "/", "Action=GetCallerIdentity&Version=2011-06-15"),
    EC2_DESCRIBE_VPCS("ec2", "DescribeVpcs", "POST", "/", "Action=DescribeVpcs&Version=2016-11-15"),
    EC2_DESCRIBE_AVAILABILITY_ZONES("ec2", "DescribeAvailabilityZones", "POST", "/", "Action=DescribeAvailabilityZones&Version=2016-11-15"),
    S3_LIST_BUCKETS("s3", "ListBuckets", "GET", "/", "");

    private final String service;
    private final String operation;
    private final String method;
    private final String path;
    private final String body;

    AwsCall(String service, String operation, String method, String path, String body) {
        this.service = service;
        this.operation = operation;
        this.method = method;
        this.path = path;
        this.body = body;
    }

    /** {@code sts:GetCallerIdentity}, as a file names it. */
    String label() {
        return service + ":" + operation;
    }

    String service() {
        return service;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String body() {
        return body;
    }

    /** The service's regional hostname, which a client resolves before calling it. */
    String hostname(String region) {
        return service + "." + region + ".amazonaws.com";
    }

    static Optional<AwsCall> parse(String label) {
        for (AwsCall call : values()) {
            if (call.label().toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }

    static String known() {
        StringBuilder known = new StringBuilder();
        for (AwsCall call : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(call.label());
        }
        return known.toString();
    }
}
