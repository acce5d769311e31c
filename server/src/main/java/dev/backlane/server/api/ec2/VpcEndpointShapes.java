package dev.backlane.server.api.ec2;

import dev.backlane.core.endpoint.EndpointService;
import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.endpoint.VpcEndpointDnsEntries;
import dev.backlane.core.model.DnsEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** VPC endpoints and endpoint services as the EC2 model's {@code VpcEndpoint} and {@code ServiceDetail} shapes. */
final class VpcEndpointShapes {
    private VpcEndpointShapes() {}

    static Map<String, Object> vpcEndpoint(VpcEndpoint endpoint, Optional<EndpointService> service, VpcEndpointDnsEntries dns, Scope scope,
            ScopeState state, Instant at) {
        boolean gateway = endpoint.isGateway();
        return Output.create()
                .put("CreationTimestamp", endpoint.creationTimestamp())
                .put("DnsEntries", dns.entries(endpoint, service, state).stream().map(VpcEndpointShapes::dnsEntry).toList())
                .put("DnsOptions", gateway ? null : Output.create()
                        .put("DnsRecordIpType", endpoint.dnsRecordIpType())
                        .put("PrivateDnsOnlyForInboundResolverEndpoint", endpoint.privateDnsOnlyForInboundResolverEndpoint())
                        .build())
                .put("Groups", groups(endpoint, state))
                .put("IpAddressType", endpoint.ipAddressType())
                .put("NetworkInterfaceIds", endpoint.networkInterfaceIds())
                .put("OwnerId", scope.account())
                .put("PolicyDocument", endpoint.policyDocument())
                .put("PrivateDnsEnabled", endpoint.privateDnsEnabled())
                .put("RequesterManaged", false)
                .put("RouteTableIds", endpoint.routeTableIds().stream()
                        .filter(id -> state.find(ResourceTypes.ROUTE_TABLE, id).isPresent()).toList())
                .put("ServiceName", endpoint.serviceName())
                .put("ServiceRegion", endpoint.serviceRegion())
                .put("State", endpoint.stateAt(at).awsName())
                .put("SubnetIds", endpoint.subnetIds())
                .put("Tags", TagShapes.tagSet(state, endpoint.id()))
                .put("VpcEndpointId", endpoint.id())
                .put("VpcEndpointType", endpoint.type().awsName())
                .put("VpcId", endpoint.vpcId())
                .build();
    }

    private static Map<String, Object> dnsEntry(DnsEntry entry) {
        return Output.create().put("DnsName", entry.dnsName()).put("HostedZoneId", entry.hostedZoneId()).build();
    }

    private static List<Map<String, Object>> groups(VpcEndpoint endpoint, ScopeState state) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (String id : endpoint.groupIds()) {
            state.find(ResourceTypes.SECURITY_GROUP, id).map(SecurityGroup::name)
                    .ifPresent(name -> groups.add(Output.create().put("GroupId", id).put("GroupName", name).build()));
        }
        return groups;
    }

    static Map<String, Object> unsuccessful(VpcEndpointCommands.Unsuccessful item) {
        return Output.create()
                .put("Error", Output.create().put("Code", item.code().code()).put("Message", item.message()).build())
                .put("ResourceId", item.resourceId())
                .build();
    }

    /**
     * A service as one {@code ServiceDetail} per endpoint type: AWS lists services that offer both
     * gateway and interface endpoints (S3, DynamoDB) once for each, and only interface endpoints have a
     * private DNS name.
     */
    static Map<String, Object> serviceDetail(EndpointService service, VpcEndpointType type) {
        boolean gateway = type == VpcEndpointType.GATEWAY;
        String privateName = gateway ? null : service.privateDnsName();
        return Output.create()
                .put("ServiceName", service.serviceName())
                .put("ServiceId", service.serviceId())
                .put("ServiceType", List.of(Output.of("ServiceType", type.awsName())))
                .put("ServiceRegion", service.region())
                .put("AvailabilityZoneIds", service.availabilityZoneIds())
                .put("AvailabilityZones", service.availabilityZones())
                .put("Owner", service.owner())
                .put("BaseEndpointDnsNames", service.baseEndpointDnsNames())
                .put("PrivateDnsName", privateName)
                .put("PrivateDnsNames", privateName == null ? null : List.of(Output.of("PrivateDnsName", privateName)))
                .put("VpcEndpointPolicySupported", service.policySupported())
                .put("AcceptanceRequired", service.acceptanceRequired())
                .put("ManagesVpcEndpoints", service.managesVpcEndpoints())
                .put("PayerResponsibility", service.payerResponsibility())
                .put("Tags", service.tags().isEmpty() ? null : service.tags().entrySet().stream()
                        .map(tag -> Output.create().put("Key", tag.getKey()).put("Value", tag.getValue()).build()).toList())
                .put("PrivateDnsNameVerificationState", privateName == null ? null : service.privateDnsNameVerificationState())
                .put("SupportedIpAddressTypes", service.supportedIpAddressTypes())
                .build();
    }
}
