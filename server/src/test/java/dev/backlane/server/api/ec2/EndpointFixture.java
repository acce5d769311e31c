package dev.backlane.server.api.ec2;

import dev.backlane.server.TestApi;
import java.util.ArrayList;
import java.util.List;

/** A VPC with DNS hostnames on, subnets in two zones, a group and a route table, made through the API, for endpoint tests. */
final class EndpointFixture {
    final TestApi api;
    final String vpcId;
    final String subnetA;
    final String subnetB;
    final String subnetA2;
    final String groupId;
    final String routeTableId;

    EndpointFixture(TestApi api) {
        this.api = api;
        vpcId = api.ec2("CreateVpc", "CidrBlock", "10.0.0.0/16").assertOk().text("//vpc/vpcId");
        api.ec2("ModifyVpcAttribute", "VpcId", vpcId, "EnableDnsHostnames.Value", "true").assertOk();
        subnetA = subnet("10.0.1.0/24", "us-east-1a");
        subnetB = subnet("10.0.2.0/24", "us-east-1b");
        subnetA2 = subnet("10.0.3.0/24", "us-east-1a");
        groupId = api.ec2("CreateSecurityGroup", "VpcId", vpcId, "GroupName", "endpoints", "GroupDescription", "endpoints").assertOk()
                .text("//groupId");
        routeTableId = api.ec2("CreateRouteTable", "VpcId", vpcId).assertOk().text("//routeTable/routeTableId");
    }

    String subnet(String cidr, String zone) {
        return api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", cidr, "AvailabilityZone", zone).assertOk().text("//subnet/subnetId");
    }

    String otherVpc() {
        return api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").assertOk().text("//vpc/vpcId");
    }

    TestApi.Response create(String... parameters) {
        List<String> all = new ArrayList<>(List.of("VpcId", vpcId));
        all.addAll(List.of(parameters));
        return api.ec2("CreateVpcEndpoint", all.toArray(String[]::new));
    }

    String gateway(String service, String... routeTables) {
        List<String> all = new ArrayList<>(List.of("ServiceName", "com.amazonaws.us-east-1." + service));
        for (int i = 0; i < routeTables.length; i++) {
            all.add("RouteTableId." + (i + 1));
            all.add(routeTables[i]);
        }
        return create(all.toArray(String[]::new)).assertOk().text("//vpcEndpoint/vpcEndpointId");
    }

    TestApi.Response describe(String endpointId) {
        return api.ec2("DescribeVpcEndpoints", "VpcEndpointId.1", endpointId).assertOk();
    }

    List<String> routesTo(String routeTable, String target) {
        return api.ec2("DescribeRouteTables", "RouteTableId.1", routeTable).assertOk()
                .texts("//routeTableSet/item/routeSet/item[gatewayId='" + target + "']/destinationPrefixListId");
    }

    /** The published state: the same object until a command changes something. */
    Object snapshot() {
        return api.cloud().snapshot();
    }
}
