package dev.backlane.core.network;

import java.util.Arrays;
import java.util.Optional;

/**
 * The traffic FIS's {@code aws:network:disrupt-connectivity} denies to a subnet, by its {@code scope} parameter (the FIS
 * actions reference): everything ({@code all}), intra-VPC traffic with subnets in other Availability Zones, the Region's
 * DynamoDB or S3 addresses (their AWS-managed prefix lists), or a customer-managed prefix list's CIDRs.
 */
public enum ConnectivityScope {
    ALL("all"),
    AVAILABILITY_ZONE("availability-zone"),
    DYNAMODB("dynamodb"),
    PREFIX_LIST("prefix-list"),
    S3("s3");

    private final String awsName;

    ConnectivityScope(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    public static Optional<ConnectivityScope> of(String awsName) {
        return Arrays.stream(values()).filter(scope -> scope.awsName.equals(awsName)).findFirst();
    }
}
