package dev.backlane.server.api.endpointservice;

import dev.backlane.core.endpoint.AwsServiceCatalog;
import dev.backlane.core.endpoint.EndpointDnsNames;
import dev.backlane.core.endpointservice.EndpointConnection;
import dev.backlane.core.endpointservice.EndpointServiceZones;
import dev.backlane.core.endpointservice.UnsuccessfulItem;
import dev.backlane.core.model.AllowedPrincipal;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ConnectionNotification;
import dev.backlane.core.model.DnsEntry;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.EndpointServiceType;
import dev.backlane.core.model.PrivateDnsVerification;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.ec2.TagShapes;
import dev.backlane.server.api.ec2.UnsuccessfulShapes;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Endpoint services, their connections, allowed principals and notifications as the EC2 model's shapes. */
final class EndpointServiceShapes {
    private EndpointServiceShapes() {}

    /** The {@code ServiceConfiguration} shape; {@code owner} is the owner's state, for the load balancers' zones and the tags. */
    static Map<String, Object> serviceConfiguration(EndpointServiceConfiguration service, ScopeState owner, Scope ownerScope,
            EndpointServiceZones zones, Instant at) {
        String region = ownerScope.region();
        List<AvailabilityZone> serviceZones = zones.ofOwner(owner, ownerScope, service);
        PrivateDnsVerification verification = service.privateDnsVerification();
        return Output.create()
                .put("ServiceType", List.of(Map.of("ServiceType", service.type().awsName())))
                .put("ServiceId", service.id())
                .put("ServiceName", service.serviceName())
                .put("ServiceState", service.stateAt(at).awsName())
                .put("AvailabilityZoneIds", serviceZones.stream().map(AvailabilityZone::id).toList())
                .put("AvailabilityZones", serviceZones.stream().map(AvailabilityZone::name).toList())
                .put("AcceptanceRequired", service.acceptanceRequired())
                .put("ManagesVpcEndpoints", false)
                .put("NetworkLoadBalancerArns", service.type() == EndpointServiceType.INTERFACE ? service.loadBalancerArns() : null)
                .put("GatewayLoadBalancerArns", service.type() == EndpointServiceType.GATEWAY_LOAD_BALANCER ? service.loadBalancerArns() : null)
                .put("SupportedIpAddressTypes", service.supportedIpAddressTypes())
                .put("BaseEndpointDnsNames", List.of(service.baseEndpointDnsName(region)))
                .put("PrivateDnsName", service.privateDnsName())
                .put("PrivateDnsNameConfiguration", verification == null ? null : Output.create()
                        .put("State", verification.state().awsName())
                        .put("Type", PrivateDnsVerification.TYPE)
                        .put("Value", verification.value())
                        .put("Name", verification.name())
                        .build())
                .put("PayerResponsibility", service.payerResponsibility())
                .put("Tags", TagShapes.tagSet(owner, service.id()))
                .put("SupportedRegions", List.of(Map.of("Region", region, "ServiceState", "Available")))
                .put("RemoteAccessEnabled", false)
                .build();
    }

    /** The provider's view of a consumer's endpoint ({@code VpcEndpointConnection}). */
    static Map<String, Object> connection(EndpointConnection connection, EndpointServiceConfiguration service, World world, String region,
            Instant at) {
        VpcEndpoint endpoint = connection.endpoint();
        ScopeState consumer = world.scope(connection.consumer());
        List<String> endpointZones = endpoint.subnetIds().stream()
                .map(subnetId -> consumer.find(ResourceTypes.SUBNET, subnetId).map(Subnet::availabilityZone).orElse(null))
                .filter(zone -> zone != null)
                .toList();
        List<DnsEntry> entries = EndpointDnsNames.entries(endpoint.id(), endpoint.dnsSuffix(), service.baseEndpointDnsName(region), endpointZones,
                false, AwsServiceCatalog.standard().hostedZoneId(region), null, null);
        return Output.create()
                .put("ServiceId", service.id())
                .put("VpcEndpointId", endpoint.id())
                .put("VpcEndpointOwner", connection.consumer().account())
                .put("VpcEndpointState", endpoint.stateAt(at).awsName())
                .put("CreationTimestamp", endpoint.creationTimestamp())
                .put("DnsEntries", entries.stream().map(entry -> Map.<String, Object>of("DnsName", entry.dnsName(), "HostedZoneId", entry.hostedZoneId()))
                        .toList())
                .put("NetworkLoadBalancerArns", service.type() == EndpointServiceType.INTERFACE ? service.loadBalancerArns() : null)
                .put("GatewayLoadBalancerArns", service.type() == EndpointServiceType.GATEWAY_LOAD_BALANCER ? service.loadBalancerArns() : null)
                .put("IpAddressType", endpoint.ipAddressType())
                .put("VpcEndpointConnectionId", connectionId(endpoint.id()))
                .put("VpcEndpointRegion", connection.consumer().region())
                .build();
    }

    /** A connection's ID, derived from its endpoint's so that it is stable: {@code vpce-con-<the endpoint's digits>}. */
    static String connectionId(String vpcEndpointId) {
        return "vpce-con-" + vpcEndpointId.substring(vpcEndpointId.lastIndexOf('-') + 1);
    }

    static Map<String, Object> allowedPrincipal(AllowedPrincipal principal, String serviceId) {
        return Output.create()
                .put("PrincipalType", principal.type().awsName())
                .put("Principal", principal.principal())
                .put("ServicePermissionId", principal.servicePermissionId())
                .put("ServiceId", serviceId)
                .build();
    }

    static Map<String, Object> notification(ConnectionNotification notification) {
        return Output.create()
                .put("ConnectionNotificationId", notification.id())
                .put("ServiceId", notification.serviceId())
                .put("VpcEndpointId", notification.vpcEndpointId())
                .put("ConnectionNotificationType", ConnectionNotification.TYPE)
                .put("ConnectionNotificationArn", notification.connectionNotificationArn())
                .put("ConnectionEvents", notification.connectionEvents())
                .put("ConnectionNotificationState", ConnectionNotification.STATE)
                .put("ServiceRegion", notification.serviceRegion())
                .build();
    }

    static Map<String, Object> unsuccessful(List<UnsuccessfulItem> items) {
        return Output.of("Unsuccessful", UnsuccessfulShapes.items(items));
    }
}
