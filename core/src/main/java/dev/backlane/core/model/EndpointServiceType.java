package dev.backlane.core.model;


/**
 * What a provider's endpoint service offers, fixed by its load balancers: network load balancers make
 * an {@code Interface} service, Gateway Load Balancers a {@code GatewayLoadBalancer} service.
 */
public enum EndpointServiceType {
    INTERFACE("Interface", LoadBalancerType.NETWORK, "NetworkLoadBalancerArns"),
    GATEWAY_LOAD_BALANCER("GatewayLoadBalancer", LoadBalancerType.GATEWAY, "GatewayLoadBalancerArns");

    private final String awsName;
    private final LoadBalancerType loadBalancerType;
    private final String parameter;

    EndpointServiceType(String awsName, LoadBalancerType loadBalancerType, String parameter) {
        this.awsName = awsName;
        this.loadBalancerType = loadBalancerType;
        this.parameter = parameter;
    }

    /** The name in {@code ServiceType} and in consumers' {@code VpcEndpointType}. */
    public String awsName() {
        return awsName;
    }

    public LoadBalancerType loadBalancerType() {
        return loadBalancerType;
    }

    /** The request parameter that lists this type's load balancers. */
    public String parameter() {
        return parameter;
    }
}
