package dev.backlane.server.api.ec2;

import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.SubnetAddresses;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.Map;

/** Subnets as the EC2 model's {@code Subnet} shape. */
final class SubnetShapes {
    private SubnetShapes() {}

    static Map<String, Object> subnet(Subnet subnet, Scope scope, ScopeState state) {
        return Output.create()
                .put("AvailabilityZone", subnet.availabilityZone())
                .put("AvailabilityZoneId", subnet.availabilityZoneId())
                .put("AvailableIpAddressCount", SubnetAddresses.availableCount(state, subnet))
                .put("CidrBlock", subnet.cidrBlock())
                .put("DefaultForAz", subnet.defaultForAz())
                .put("MapPublicIpOnLaunch", subnet.mapPublicIpOnLaunch())
                .put("MapCustomerOwnedIpOnLaunch", false)
                .put("State", subnet.state())
                .put("SubnetId", subnet.id())
                .put("VpcId", subnet.vpcId())
                .put("OwnerId", scope.account())
                .put("AssignIpv6AddressOnCreation", subnet.assignIpv6AddressOnCreation())
                .put("Ipv6CidrBlockAssociationSet", subnet.ipv6CidrAssociations().stream().map(SubnetShapes::ipv6Association).toList())
                .put("Tags", TagShapes.tagSet(state, subnet.id()))
                .put("SubnetArn", subnet.arn(scope))
                .put("EnableDns64", subnet.enableDns64())
                .put("Ipv6Native", false)
                .put("PrivateDnsNameOptionsOnLaunch", Output.create()
                        .put("HostnameType", subnet.hostnameType())
                        .put("EnableResourceNameDnsARecord", subnet.enableResourceNameDnsARecordOnLaunch())
                        .put("EnableResourceNameDnsAAAARecord", subnet.enableResourceNameDnsAaaaRecordOnLaunch())
                        .build())
                .put("BlockPublicAccessStates", Output.of("InternetGatewayBlockMode", "off"))
                .build();
    }

    /** An IPv6 block of a subnet; subnets' blocks come from their VPC's Amazon-provided block. */
    static Map<String, Object> ipv6Association(CidrAssociation association) {
        return Output.create()
                .put("AssociationId", association.associationId())
                .put("Ipv6CidrBlock", association.cidrBlock())
                .put("Ipv6CidrBlockState", Output.of("State", association.state()))
                .put("Ipv6AddressAttribute", "public")
                .put("IpSource", "amazon")
                .build();
    }
}
