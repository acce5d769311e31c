package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ConnectionNotification;
import dev.backlane.core.model.DnsNameState;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.EndpointServiceType;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.PrivateDnsVerification;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.Transition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CreateVpcEndpointServiceConfiguration, ModifyVpcEndpointServiceConfiguration,
 * DeleteVpcEndpointServiceConfigurations, StartVpcEndpointServicePrivateDnsVerification and
 * ModifyVpcEndpointServicePayerResponsibility with EC2's rules. A service may not be deleted while
 * consumers' endpoints are connected to it ({@link EndpointConnections}).
 */
public final class EndpointServiceCommands {
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final List<String> IP_ADDRESS_TYPES = List.of("ipv4", "ipv6");
    private static final String SERVICE_OWNER = "ServiceOwner";

    /** The parameters of CreateVpcEndpointServiceConfiguration; absent ones are null (lists empty). */
    public record CreateServiceConfiguration(
            List<String> networkLoadBalancerArns,
            List<String> gatewayLoadBalancerArns,
            Boolean acceptanceRequired,
            String privateDnsName,
            List<String> supportedIpAddressTypes,
            List<String> supportedRegions) {

        public CreateServiceConfiguration {
            networkLoadBalancerArns = List.copyOf(requireNonNull(networkLoadBalancerArns, "networkLoadBalancerArns is null"));
            gatewayLoadBalancerArns = List.copyOf(requireNonNull(gatewayLoadBalancerArns, "gatewayLoadBalancerArns is null"));
            supportedIpAddressTypes = List.copyOf(requireNonNull(supportedIpAddressTypes, "supportedIpAddressTypes is null"));
            supportedRegions = List.copyOf(requireNonNull(supportedRegions, "supportedRegions is null"));
        }
    }

    public EndpointServiceConfiguration create(Transaction transaction, CreateServiceConfiguration request) {
        boolean network = !request.networkLoadBalancerArns().isEmpty();
        boolean gateway = !request.gatewayLoadBalancerArns().isEmpty();
        if (network == gateway) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                    "exactly one of network_load_balancer_arn or gateway_load_balancer_arn is a required member");
        }
        EndpointServiceType type = network ? EndpointServiceType.INTERFACE : EndpointServiceType.GATEWAY_LOAD_BALANCER;
        List<String> arns = new ArrayList<>(new LinkedHashSet<>(network ? request.networkLoadBalancerArns() : request.gatewayLoadBalancerArns()));
        List<LoadBalancer> loadBalancers = arns.stream().map(arn -> ServiceLoadBalancers.require(transaction, type, arn, null)).toList();
        checkRegions(transaction, request.supportedRegions());
        List<String> ipTypes = request.supportedIpAddressTypes().isEmpty() ? List.of("ipv4")
                : List.copyOf(new LinkedHashSet<>(request.supportedIpAddressTypes()));
        checkIpAddressTypes(ipTypes, loadBalancers);
        String id = transaction.newId(ResourceTypes.VPC_ENDPOINT_SERVICE);
        String privateDnsName = request.privateDnsName() == null || request.privateDnsName().isEmpty() ? null : request.privateDnsName();
        if (privateDnsName != null && type == EndpointServiceType.GATEWAY_LOAD_BALANCER) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Private DNS names are not supported for Gateway Load Balancer endpoint services.");
        }
        EndpointServiceConfiguration service = new EndpointServiceConfiguration(id,
                EndpointServiceConfiguration.serviceNameOf(transaction.region(), id), type, arns,
                request.acceptanceRequired() == null || request.acceptanceRequired(), privateDnsName,
                privateDnsName == null ? null : newVerification(transaction, privateDnsName), ipTypes, SERVICE_OWNER, List.of(),
                transaction.now(), transaction.endOf(Transition.ENDPOINT_SERVICE_PENDING));
        return transaction.put(ResourceTypes.VPC_ENDPOINT_SERVICE, service);
    }

    /** The parameters of ModifyVpcEndpointServiceConfiguration; absent ones are null (lists empty). */
    public record ModifyServiceConfiguration(
            String serviceId,
            List<String> addNetworkLoadBalancerArns,
            List<String> removeNetworkLoadBalancerArns,
            List<String> addGatewayLoadBalancerArns,
            List<String> removeGatewayLoadBalancerArns,
            Boolean acceptanceRequired,
            String privateDnsName,
            boolean removePrivateDnsName,
            List<String> addSupportedIpAddressTypes,
            List<String> removeSupportedIpAddressTypes,
            List<String> addSupportedRegions,
            List<String> removeSupportedRegions) {

        public ModifyServiceConfiguration {
            requireNonNull(serviceId, "serviceId is null");
            addNetworkLoadBalancerArns = List.copyOf(addNetworkLoadBalancerArns);
            removeNetworkLoadBalancerArns = List.copyOf(removeNetworkLoadBalancerArns);
            addGatewayLoadBalancerArns = List.copyOf(addGatewayLoadBalancerArns);
            removeGatewayLoadBalancerArns = List.copyOf(removeGatewayLoadBalancerArns);
            addSupportedIpAddressTypes = List.copyOf(addSupportedIpAddressTypes);
            removeSupportedIpAddressTypes = List.copyOf(removeSupportedIpAddressTypes);
            addSupportedRegions = List.copyOf(addSupportedRegions);
            removeSupportedRegions = List.copyOf(removeSupportedRegions);
        }
    }

    public EndpointServiceConfiguration modify(Transaction transaction, ModifyServiceConfiguration request) {
        EndpointServiceConfiguration service = transaction.get(ResourceTypes.VPC_ENDPOINT_SERVICE, request.serviceId());
        EndpointServiceType type = service.type();
        List<String> added = switch (type) {
            case INTERFACE -> refuseOther(request.addGatewayLoadBalancerArns(), request.removeGatewayLoadBalancerArns(), request.addNetworkLoadBalancerArns(),
                    EndpointServiceType.GATEWAY_LOAD_BALANCER);
            case GATEWAY_LOAD_BALANCER -> refuseOther(request.addNetworkLoadBalancerArns(), request.removeNetworkLoadBalancerArns(),
                    request.addGatewayLoadBalancerArns(), EndpointServiceType.INTERFACE);
        };
        List<String> removed = switch (type) {
            case INTERFACE -> request.removeNetworkLoadBalancerArns();
            case GATEWAY_LOAD_BALANCER -> request.removeGatewayLoadBalancerArns();
        };
        List<String> arns = new ArrayList<>(service.loadBalancerArns());
        for (String arn : new LinkedHashSet<>(removed)) {
            if (!arns.remove(arn)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Load balancer %s is not associated with the VPC endpoint service %s.", arn,
                        service.id());
            }
        }
        for (String arn : new LinkedHashSet<>(added)) {
            ServiceLoadBalancers.require(transaction, type, arn, service.id());
            if (!arns.contains(arn)) {
                arns.add(arn);
            }
        }
        if (arns.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "A VPC endpoint service must have at least one load balancer; %s cannot be removed.",
                    String.join(", ", removed));
        }
        checkRegions(transaction, request.addSupportedRegions());
        checkRegions(transaction, request.removeSupportedRegions());

        List<String> ipTypes = new ArrayList<>(service.supportedIpAddressTypes());
        ipTypes.removeAll(request.removeSupportedIpAddressTypes());
        for (String ipType : request.addSupportedIpAddressTypes()) {
            if (!ipTypes.contains(ipType)) {
                ipTypes.add(ipType);
            }
        }
        if (ipTypes.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "A VPC endpoint service must support at least one IP address type.");
        }
        ipTypes.sort(null);
        List<LoadBalancer> loadBalancers = arns.stream().flatMap(arn -> transaction.find(ResourceTypes.LOAD_BALANCER, arn).stream()).toList();
        checkIpAddressTypes(ipTypes, loadBalancers);

        EndpointServiceConfiguration changed = service.withLoadBalancerArns(arns).withSupportedIpAddressTypes(ipTypes);
        if (request.acceptanceRequired() != null) {
            changed = changed.withAcceptanceRequired(request.acceptanceRequired());
        }
        boolean newName = request.privateDnsName() != null && !request.privateDnsName().isEmpty();
        if (newName && request.removePrivateDnsName()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameters PrivateDnsName and RemovePrivateDnsName cannot be used together.");
        }
        if (newName && !request.privateDnsName().equals(service.privateDnsName())) {
            if (type == EndpointServiceType.GATEWAY_LOAD_BALANCER) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Private DNS names are not supported for Gateway Load Balancer endpoint services.");
            }
            changed = changed.withPrivateDns(request.privateDnsName(), newVerification(transaction, request.privateDnsName()));
        }
        if (request.removePrivateDnsName()) {
            changed = changed.withPrivateDns(null, null);
        }
        return transaction.put(ResourceTypes.VPC_ENDPOINT_SERVICE, changed);
    }

    /**
     * Deletes the services with their connection notifications. Malformed and unknown IDs, and services
     * with live connections, are reported, not thrown, and do not stop the others.
     */
    public List<UnsuccessfulItem> delete(Transaction transaction, List<String> serviceIds) {
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(serviceIds)) {
            if (!ResourceTypes.VPC_ENDPOINT_SERVICE.isWellFormed(id)) {
                unsuccessful.add(UnsuccessfulItem.of(id, ResourceTypes.VPC_ENDPOINT_SERVICE.malformed(id)));
                continue;
            }
            Optional<EndpointServiceConfiguration> service = transaction.find(ResourceTypes.VPC_ENDPOINT_SERVICE, id);
            if (service.isEmpty()) {
                unsuccessful.add(UnsuccessfulItem.of(id, ResourceTypes.VPC_ENDPOINT_SERVICE.notFound(id)));
                continue;
            }
            if (EndpointConnections.of(transaction.world(), service.get().serviceName()).stream().anyMatch(EndpointConnection::live)) {
                unsuccessful.add(new UnsuccessfulItem(id, ErrorCode.EXISTING_VPC_ENDPOINT_CONNECTIONS,
                        "Service has existing active VPC Endpoint connections!"));
                continue;
            }
            for (ConnectionNotification notification : List.copyOf(transaction.all(ResourceTypes.CONNECTION_NOTIFICATION))) {
                if (id.equals(notification.serviceId())) {
                    transaction.remove(ResourceTypes.CONNECTION_NOTIFICATION, notification.id());
                }
            }
            transaction.remove(ResourceTypes.VPC_ENDPOINT_SERVICE, id);
        }
        return unsuccessful;
    }

    /**
     * Checks the TXT record of the service's private DNS name. Backlane has no public DNS to look in, so
     * the check finds the record: the name becomes {@code verified}.
     */
    public EndpointServiceConfiguration startPrivateDnsVerification(Transaction transaction, String serviceId) {
        EndpointServiceConfiguration service = transaction.get(ResourceTypes.VPC_ENDPOINT_SERVICE, serviceId);
        if (service.privateDnsVerification() == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "The VPC endpoint service %s does not have a private DNS name to verify.", serviceId);
        }
        return transaction.put(ResourceTypes.VPC_ENDPOINT_SERVICE,
                service.withPrivateDns(service.privateDnsName(), service.privateDnsVerification().verified()));
    }

    public EndpointServiceConfiguration modifyPayerResponsibility(Transaction transaction, String serviceId, String payerResponsibility) {
        EndpointServiceConfiguration service = transaction.get(ResourceTypes.VPC_ENDPOINT_SERVICE, serviceId);
        if (!SERVICE_OWNER.equals(payerResponsibility)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter PayerResponsibility is invalid. Valid values are ServiceOwner.",
                    payerResponsibility);
        }
        return transaction.put(ResourceTypes.VPC_ENDPOINT_SERVICE, service.withPayerResponsibility(payerResponsibility));
    }

    private static List<String> refuseOther(List<String> addOther, List<String> removeOther, List<String> addOwn, EndpointServiceType other) {
        if (!addOther.isEmpty() || !removeOther.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "A VPC endpoint service cannot mix load balancer types; Add/Remove%s are not allowed for this service.",
                    other.parameter());
        }
        return addOwn;
    }

    private static void checkIpAddressTypes(List<String> ipTypes, List<LoadBalancer> loadBalancers) {
        for (String ipType : ipTypes) {
            if (!IP_ADDRESS_TYPES.contains(ipType)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter SupportedIpAddressType is invalid. Valid values are ipv4, ipv6.",
                        ipType);
            }
        }
        if (ipTypes.contains("ipv6")) {
            for (LoadBalancer loadBalancer : loadBalancers) {
                if (loadBalancer.ipAddressType().equals("ipv4")) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                            "Supported IP address type ipv6 requires dualstack load balancers; %s is ipv4.", loadBalancer.id());
                }
            }
        }
    }

    /** Cross-region endpoint services are beyond Backlane: only the service's own region may be named. */
    private static void checkRegions(Transaction transaction, List<String> regions) {
        for (String region : regions) {
            if (!region.equals(transaction.region())) {
                throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION,
                        "Cross-region endpoint services are not supported by Backlane: SupportedRegion %s is not the service's region %s.", region,
                        transaction.region());
            }
        }
    }

    private static PrivateDnsVerification newVerification(Transaction transaction, String privateDnsName) {
        if (!DOMAIN.matcher(privateDnsName).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "The private DNS name %s is not a valid domain name.", privateDnsName);
        }
        return new PrivateDnsVerification("_" + transaction.ids().hex(20), "vpce:" + transaction.ids().hex(20), DnsNameState.PENDING_VERIFICATION);
    }
}
