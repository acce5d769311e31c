package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A provider's VPC endpoint service ({@code vpce-svc-...}), named
 * {@code com.amazonaws.vpce.<region>.vpce-svc-...}, in front of its network or Gateway Load Balancers.
 * Its Availability Zones are not stored: they are its load balancers' zones at the time of reading. It
 * is {@code Pending} until {@code availableTime}, then {@code Available}.
 * {@code privateDnsName} and {@code privateDnsVerification} are null when the service has no private name.
 */
public record EndpointServiceConfiguration(
        String id,
        String serviceName,
        EndpointServiceType type,
        List<String> loadBalancerArns,
        boolean acceptanceRequired,
        String privateDnsName,
        PrivateDnsVerification privateDnsVerification,
        List<String> supportedIpAddressTypes,
        String payerResponsibility,
        List<AllowedPrincipal> allowedPrincipals,
        Instant createdTime,
        Instant availableTime) implements Resource {

    public EndpointServiceConfiguration {
        requireNonNull(id, "id is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(type, "type is null");
        loadBalancerArns = List.copyOf(requireNonNull(loadBalancerArns, "loadBalancerArns is null"));
        supportedIpAddressTypes = List.copyOf(requireNonNull(supportedIpAddressTypes, "supportedIpAddressTypes is null"));
        requireNonNull(payerResponsibility, "payerResponsibility is null");
        allowedPrincipals = List.copyOf(requireNonNull(allowedPrincipals, "allowedPrincipals is null"));
        requireNonNull(createdTime, "createdTime is null");
        if (availableTime == null) {
            availableTime = createdTime;
        }
    }

    /** {@code com.amazonaws.vpce.<region>.vpce-svc-...}. */
    public static String serviceNameOf(String region, String id) {
        return "com.amazonaws.vpce." + region + "." + id;
    }

    /** The base of the DNS names of endpoints to this service: {@code vpce-svc-....<region>.vpce.amazonaws.com}. */
    public String baseEndpointDnsName(String region) {
        return id + "." + region + ".vpce.amazonaws.com";
    }

    public ServiceState stateAt(Instant at) {
        return at.isBefore(availableTime) ? ServiceState.PENDING : ServiceState.AVAILABLE;
    }

    public DnsNameState privateDnsNameState() {
        return privateDnsVerification == null ? null : privateDnsVerification.state();
    }

    /** Whether callers of the account may see and connect to the service: its owner always may. */
    public boolean allows(String ownerAccount, String callerAccount) {
        return ownerAccount.equals(callerAccount) || allowedPrincipals.stream().anyMatch(principal -> principal.admits(callerAccount));
    }

    public EndpointServiceConfiguration withLoadBalancerArns(List<String> arns) {
        return new EndpointServiceConfiguration(id, serviceName, type, arns, acceptanceRequired, privateDnsName, privateDnsVerification,
                supportedIpAddressTypes, payerResponsibility, allowedPrincipals, createdTime, availableTime);
    }

    public EndpointServiceConfiguration withAcceptanceRequired(boolean required) {
        return new EndpointServiceConfiguration(id, serviceName, type, loadBalancerArns, required, privateDnsName, privateDnsVerification,
                supportedIpAddressTypes, payerResponsibility, allowedPrincipals, createdTime, availableTime);
    }

    public EndpointServiceConfiguration withPrivateDns(String name, PrivateDnsVerification verification) {
        return new EndpointServiceConfiguration(id, serviceName, type, loadBalancerArns, acceptanceRequired, name, verification,
                supportedIpAddressTypes, payerResponsibility, allowedPrincipals, createdTime, availableTime);
    }

    public EndpointServiceConfiguration withSupportedIpAddressTypes(List<String> types) {
        return new EndpointServiceConfiguration(id, serviceName, type, loadBalancerArns, acceptanceRequired, privateDnsName,
                privateDnsVerification, types, payerResponsibility, allowedPrincipals, createdTime, availableTime);
    }

    public EndpointServiceConfiguration withPayerResponsibility(String payer) {
        return new EndpointServiceConfiguration(id, serviceName, type, loadBalancerArns, acceptanceRequired, privateDnsName,
                privateDnsVerification, supportedIpAddressTypes, payer, allowedPrincipals, createdTime, availableTime);
    }

    public EndpointServiceConfiguration withAllowedPrincipals(List<AllowedPrincipal> principals) {
        return new EndpointServiceConfiguration(id, serviceName, type, loadBalancerArns, acceptanceRequired, privateDnsName,
                privateDnsVerification, supportedIpAddressTypes, payerResponsibility, principals, createdTime, availableTime);
    }
}
