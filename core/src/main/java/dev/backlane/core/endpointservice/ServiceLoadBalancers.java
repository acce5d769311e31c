package dev.backlane.core.endpointservice;

import dev.backlane.core.elb.LoadBalancerUse;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.EndpointServiceType;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerState;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The load balancers behind endpoint services: a service takes the caller's own active load balancers of
 * its type, each used by one service at most, and while a service uses a load balancer,
 * DeleteLoadBalancer refuses ({@link LoadBalancerUse}).
 */
public final class ServiceLoadBalancers implements LoadBalancerUse {
    private static final Pattern ARN = Pattern.compile("arn:aws:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/(app|net|gwy)/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");

    @Override
    public Optional<String> userOf(Transaction transaction, LoadBalancer loadBalancer) {
        return serviceUsing(transaction, loadBalancer.id()).map(EndpointServiceConfiguration::id);
    }

    /** The caller's load balancer for a service of {@code type}, checked; {@code serviceId} is the service it joins, null for a new one. */
    static LoadBalancer require(Transaction transaction, EndpointServiceType type, String arn, String serviceId) {
        if (arn == null || !ARN.matcher(arn).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "The load balancer ARN '%s' is not valid.", arn);
        }
        LoadBalancer loadBalancer = transaction.find(ResourceTypes.LOAD_BALANCER, arn)
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER, "Load balancer %s does not exist.", arn));
        if (loadBalancer.type() != type.loadBalancerType()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Load balancer %s is not a %s load balancer; %s takes only those.", arn,
                    type.loadBalancerType().wireName(), type.parameter());
        }
        LoadBalancerState state = loadBalancer.state(transaction.now());
        switch (state) {
            case ACTIVE -> { }
            case PROVISIONING -> throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Load balancer %s is not in the active state (it is %s).",
                    arn, state.wireName());
        }
        Optional<EndpointServiceConfiguration> user = serviceUsing(transaction, arn);
        if (user.isPresent() && !user.get().id().equals(serviceId)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Load balancer %s is already associated with the VPC endpoint service %s.", arn,
                    user.get().id());
        }
        return loadBalancer;
    }

    private static Optional<EndpointServiceConfiguration> serviceUsing(Transaction transaction, String arn) {
        return transaction.all(ResourceTypes.VPC_ENDPOINT_SERVICE).stream()
                .filter(service -> service.loadBalancerArns().contains(arn))
                .findFirst();
    }
}
