package dev.backlane.core.analysis;

/** The kinds of component a path passes through, named as Backlane's resource kinds are. */
public enum HopType {
    INSTANCE("instance"),
    NETWORK_INTERFACE("network-interface"),
    SUBNET("subnet"),
    DNS("dns"),
    SECURITY_GROUP("security-group"),
    NETWORK_ACL("network-acl"),
    ROUTE_TABLE("route-table"),
    INTERNET_GATEWAY("internet-gateway"),
    NAT_GATEWAY("natgateway"),
    VPC_ENDPOINT("vpc-endpoint"),
    VPC_PEERING_CONNECTION("vpc-peering-connection"),
    LOAD_BALANCER("load-balancer"),
    LISTENER("listener"),
    TARGET_GROUP("target-group"),
    TARGET("target"),
    POLICY("policy"),
    AWS_SERVICE("aws-service"),
    INTERNET("internet");

    private final String label;

    HopType(String label) {
        this.label = label;
    }

    /** The name shown in output, e.g. {@code route-table}. */
    public String label() {
        return label;
    }
}
