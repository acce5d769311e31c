package dev.backlane.core.world;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The asynchronous state changes AWS makes its callers wait for, each with the time Backlane takes
 * for it unless configured otherwise ({@link TransitionTimes}). The defaults are short but not zero, so
 * that clients' waiters see the intermediate state once and still finish within their first poll; the
 * retentions are AWS's. {@code docs/lifecycles.md} lists AWS's typical durations beside these.
 */
public enum Transition {
    /** A NAT gateway is {@code pending} before {@code available}. */
    NAT_GATEWAY_PENDING("nat-gateway-pending", Duration.ofSeconds(1), false),
    /** A deleted NAT gateway is {@code deleting} before {@code deleted}. */
    NAT_GATEWAY_DELETING("nat-gateway-deleting", Duration.ofSeconds(1), false),
    /** A {@code deleted} NAT gateway is still described for this long (about an hour on AWS). */
    NAT_GATEWAY_RETENTION("nat-gateway-retention", Duration.ofHours(1), true),
    /** An interface or Gateway Load Balancer endpoint is {@code pending} before it settles. */
    VPC_ENDPOINT_PENDING("vpc-endpoint-pending", Duration.ofSeconds(1), false),
    /** A deleted VPC endpoint is {@code deleting} before {@code deleted}. */
    VPC_ENDPOINT_DELETING("vpc-endpoint-deleting", Duration.ofSeconds(1), false),
    /** A {@code deleted} VPC endpoint is still described for this long. */
    VPC_ENDPOINT_RETENTION("vpc-endpoint-retention", Duration.ofMinutes(10), true),
    /** A new endpoint service is {@code Pending} before {@code Available}. */
    ENDPOINT_SERVICE_PENDING("endpoint-service-pending", Duration.ofSeconds(1), false),
    /** A new ELBv2 load balancer is {@code provisioning} before {@code active}. */
    LOAD_BALANCER_PROVISIONING("load-balancer-provisioning", Duration.ofSeconds(2), false),
    /** A launched or started instance is {@code pending} before {@code running}. */
    INSTANCE_PENDING("instance-pending", Duration.ofSeconds(1), false),
    /** A stopped instance is {@code stopping} before {@code stopped}. */
    INSTANCE_STOPPING("instance-stopping", Duration.ofSeconds(1), false),
    /** A terminated instance is {@code shutting-down} before {@code terminated}. */
    INSTANCE_SHUTTING_DOWN("instance-shutting-down", Duration.ofSeconds(1), false),
    /** A {@code terminated} instance is still described for this long (about an hour on AWS). */
    INSTANCE_RETENTION("instance-retention", Duration.ofHours(1), true),
    /** A new Route 53 Resolver query logging configuration is {@code CREATING} before {@code CREATED}. */
    QUERY_LOG_CONFIG_CREATING("query-log-config-creating", Duration.ofSeconds(1), false),
    /** A query logging configuration's new VPC association is {@code CREATING} before {@code ACTIVE}. */
    QUERY_LOG_ASSOCIATION_CREATING("query-log-association-creating", Duration.ofSeconds(1), false);

    private final String configName;
    private final Duration standard;
    private final boolean retention;

    Transition(String configName, Duration standard, boolean retention) {
        this.configName = configName;
        this.standard = standard;
        this.retention = retention;
    }

    /** Whether this is how long a deleted resource stays visible, rather than a state that passes. */
    public boolean isRetention() {
        return retention;
    }

    /** The name used on the command line ({@code --transition nat-gateway-pending=5s}). */
    public String configName() {
        return configName;
    }

    /** Backlane's default duration. */
    public Duration standard() {
        return standard;
    }

    public static Optional<Transition> byConfigName(String name) {
        return Arrays.stream(values()).filter(transition -> transition.configName.equals(name)).findFirst();
    }
}
