package dev.backlane.core.elb;

import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.world.Transaction;
import java.util.Optional;

/**
 * Something outside ELBv2 that can depend on a load balancer, such as a VPC endpoint service. While
 * any use answers, DeleteLoadBalancer refuses with ResourceInUse.
 */
@FunctionalInterface
public interface LoadBalancerUse {
    /** A description of what uses the load balancer (e.g. {@code vpce-svc-0123...}), or empty. */
    Optional<String> userOf(Transaction transaction, LoadBalancer loadBalancer);
}
