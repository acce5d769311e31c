package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.network.RouteTarget;
import dev.backlane.core.network.SecurityGroupPermission.PeerKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathEngineTest {
    private static final String STS = "com.amazonaws.us-east-1.sts";
    private static final String EC2 = "com.amazonaws.us-east-1.ec2";
    private static final String S3 = "com.amazonaws.us-east-1.s3";

    private final AnalysisWorld world = new AnalysisWorld();
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    /** Zones picked by ID (the catalogue's us-east-1a and b, and the zone without EC2), named as the test account names them. */
    private static final String ZONE_A = AnalysisWorld.zoneName("use1-az6");
    private static final String ZONE_B = AnalysisWorld.zoneName("use1-az1");
    private static final String ZONE_WITHOUT_EC2 = AnalysisWorld.zoneName("use1-az3");

    private final Subnet subnetA = world.subnet(vpc, "10.0.1.0/24", ZONE_A);
    private final Subnet subnetB = world.subnet(vpc, "10.0.2.0/24", ZONE_B);
    private final SecurityGroup workloads = world.group(vpc, "workloads");
    private final SecurityGroup endpointGroup = world.group(vpc, "endpoints");
    private final NetworkInterface workload = world.eni(subnetA, workloads.id());

    PathEngineTest() {
        world.allowIn(endpointGroup.id(), 443, "10.0.0.0/16");
    }

    @Test
    void privateDnsNameResolvesToTheEndpointInterfaceOfTheSourceZone() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetB, subnetA), endpointGroup.id());
        PathResult result = world.explain(workload.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.of(endpoint.id()), result.via());
        NetworkInterface zoneA = endpointInterface(endpoint, ZONE_A);
        assertTrue(hop(result, HopType.DNS).detail().contains(zoneA.privateIpAddress()), hop(result, HopType.DNS).detail());
        assertEquals(List.of(), codes(result));
        assertEquals(List.of(HopType.NETWORK_INTERFACE, HopType.DNS, HopType.SECURITY_GROUP, HopType.ROUTE_TABLE, HopType.VPC_ENDPOINT,
                HopType.SECURITY_GROUP, HopType.AWS_SERVICE), types(result));
    }

    @Test
    void serviceNameIsResolvedAsItsPublicHostname() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), endpointGroup.id());
        PathResult result = world.explain(workload.id(), STS, 443);
        assertEquals(Optional.of(endpoint.id()), result.via());
    }

    @Test
    void privateDnsOffResolvesPubliclyAndSaysSo() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, false, "available", List.of(subnetA), endpointGroup.id());
        PathResult result = world.explain(workload.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.BLOCKED, result.verdict());
        assertEquals(List.of(ExplanationCode.PRIVATE_DNS_DISABLED, ExplanationCode.NO_ROUTE_TO_DESTINATION), codes(result));
        assertEquals(endpoint.id(), result.explanations().get(0).component());
    }

    @Test
    void vpcDnsAttributesOffKeepPrivateDnsFromApplying() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), endpointGroup.id());
        world.dnsAttributes(vpc.id(), true, false);
        world.internetRoute(vpc, world.mainRouteTable(vpc));
        world.elasticIp(workload);
        PathResult result = world.explain(workload.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(List.of(ExplanationCode.VPC_DNS_ATTRIBUTES_DISABLED), codes(result));
        assertEquals(vpc.id(), result.explanations().get(0).component());
    }

    @Test
    void zonalNameResolvesToItsZoneAndCrossingZonesIsReported() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, EC2, false, "available", List.of(subnetA, subnetB), endpointGroup.id());
        String zonal = endpoint.id() + "-abcd1234-" + ZONE_B + ".ec2.us-east-1.vpce.amazonaws.com";
        PathResult result = world.explain(workload.id(), zonal, 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertTrue(hop(result, HopType.DNS).detail().contains(endpointInterface(endpoint, ZONE_B).privateIpAddress()));
        assertEquals(List.of(ExplanationCode.AVAILABILITY_ZONE_CROSSED), codes(result));
    }

    @Test
    void s3EndpointNamesTakeABucketLabel() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, S3, false, "available", List.of(subnetA), endpointGroup.id());
        PathResult result = world.explain(workload.id(), "my-bucket." + endpoint.id() + "-abcd1234.s3.us-east-1.vpce.amazonaws.com", 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.of(endpoint.id()), result.via());
    }

    @Test
    void endpointOnlyInOtherZoneIsReachableButReported() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetB), endpointGroup.id());
        PathResult result = world.explain(workload.id(), STS, 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        Explanation crossing = result.explanations().get(0);
        assertEquals(ExplanationCode.AVAILABILITY_ZONE_CROSSED, crossing.code());
        assertTrue(crossing.detail().contains(endpoint.id() + " has no interface in " + ZONE_A), crossing.detail());
    }

    @Test
    void endpointSecurityGroupWithoutTheRuleBlocks() {
        SecurityGroup closed = world.group(vpc, "closed");
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), closed.id());
        PathResult result = world.explain(workload.id(), STS, 443);
        assertEquals(Verdict.BLOCKED, result.verdict());
        assertEquals(List.of(ExplanationCode.ENI_SG_RULES_MISMATCH), codes(result));
        assertEquals(closed.id(), result.explanations().get(0).component());
    }

    @Test
    void destinationIsTheEndpointInterfaceAddressAndPortEvenWhenItsGroupBlocks() {
        SecurityGroup closed = world.group(vpc, "closed");
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), closed.id());
        NetworkInterface reached = endpointInterface(endpoint, ZONE_A);
        PathResult result = world.explain(workload.id(), STS, 443);
        assertEquals(Optional.of(new PathResult.Destination(reached.privateIpAddress(), 443, Optional.of(reached.id()))), result.destination());
    }

    @Test
    void destinationOfAPathBlockedAtTheSourceNamesNoInterface() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), endpointGroup.id());
        world.revokeAllEgress(workloads.id());
        PathResult blocked = world.explain(workload.id(), STS, 443);
        assertEquals(Optional.of(new PathResult.Destination(endpointInterface(endpoint, ZONE_A).privateIpAddress(), 443, Optional.empty())),
                blocked.destination());
    }

    @Test
    void endpointSecurityGroupMayReferenceTheWorkloadGroup() {
        SecurityGroup byGroup = world.group(vpc, "by-group");
        world.allowInFromGroup(byGroup.id(), 443, workloads.id());
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), byGroup.id());
        assertEquals(Optional.of(endpoint.id()), world.explain(workload.id(), STS, 443).via());
        NetworkInterface other = world.eni(subnetA, endpointGroup.id());
        PathResult refused = world.explain(other.id(), STS, 443);
        assertEquals(Verdict.BLOCKED, refused.verdict());
        // The endpoint's own security group refused it: the endpoint it reached is named, though the path did not go through.
        assertEquals(Optional.empty(), refused.via());
        assertEquals(Optional.of(endpoint.id()), refused.endpoint());
    }

    @Test
    void sourceEgressMustAllowTheTraffic() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), endpointGroup.id());
        world.revokeAllEgress(workloads.id());
        world.allowOut(workloads.id(), 80, PeerKind.CIDR_IPV4, "0.0.0.0/0");
        PathResult blocked = world.explain(workload.id(), STS, 443);
        assertEquals(List.of(ExplanationCode.ENI_SG_RULES_MISMATCH), codes(blocked));
        assertEquals(workloads.id(), blocked.explanations().get(0).component());
        assertEquals(Optional.empty(), blocked.endpoint(), "stopped at its source, before any endpoint");
        world.allowOut(workloads.id(), 443, PeerKind.CIDR_IPV4, "10.0.0.0/16");
        assertEquals(Verdict.PRIVATE, world.explain(workload.id(), STS, 443).verdict());
    }

    @Test
    void networkAclDenyingTheRequestBlocks() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetB), endpointGroup.id());
        NetworkAcl acl = world.acl(vpc, subnetA);
        world.aclEntry(acl.id(), 100, true, "allow", "0.0.0.0/0", 80, 80);
        world.aclEntry(acl.id(), 100, false, "allow", "0.0.0.0/0", 1024, 65535);
        PathResult result = world.explain(workload.id(), STS, 443);
        assertEquals(List.of(ExplanationCode.SUBNET_ACL_RESTRICTION), codes(result));
        assertEquals(acl.id(), result.explanations().get(0).component());
        assertEquals(Optional.empty(), result.endpoint(), "stopped leaving its subnet, before the endpoint");
        assertTrue(hop(result, HopType.NETWORK_ACL).detail().contains("rule * deny"), hop(result, HopType.NETWORK_ACL).detail());
    }

    @Test
    void networkAclMustLetTheReplyBackOnEphemeralPorts() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetB), endpointGroup.id());
        NetworkAcl acl = world.acl(vpc, subnetA);
        world.aclEntry(acl.id(), 100, true, "allow", "0.0.0.0/0", 443, 443);
        world.aclEntry(acl.id(), 100, false, "allow", "0.0.0.0/0", 1024, 32767);
        PathResult partial = world.explain(workload.id(), STS, 443);
        assertEquals(List.of(ExplanationCode.AVAILABILITY_ZONE_CROSSED, ExplanationCode.SUBNET_ACL_RESTRICTION), codes(partial));
        assertTrue(partial.returnHops().stream().anyMatch(hop -> hop.type() == HopType.NETWORK_ACL));
        world.aclEntry(acl.id(), 110, false, "allow", "10.0.0.0/16", 32768, 65535);
        assertEquals(Verdict.PRIVATE, world.explain(workload.id(), STS, 443).verdict());
    }

    @Test
    void networkAclDenyBeforeAllowWins() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetB), endpointGroup.id());
        NetworkAcl acl = world.acl(vpc, subnetB);
        world.aclEntry(acl.id(), 50, false, "deny", "10.0.1.0/24", 443, 443);
        world.aclEntry(acl.id(), 100, false, "allow", "0.0.0.0/0", null, null);
        world.aclEntry(acl.id(), 100, true, "allow", "0.0.0.0/0", null, null);
        PathResult result = world.explain(workload.id(), STS, 443);
        assertEquals(ExplanationCode.SUBNET_ACL_RESTRICTION, result.explanations().get(result.explanations().size() - 1).code());
        assertTrue(result.hops().stream().anyMatch(hop -> hop.detail().contains("rule 50 deny")));
    }

    @Test
    void trafficInsideOneSubnetSkipsTheNetworkAcl() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), endpointGroup.id());
        NetworkAcl acl = world.acl(vpc, subnetA);
        PathResult result = world.explain(workload.id(), STS, 443);
        assertEquals(Optional.of(endpoint.id()), result.via());
        assertTrue(result.hops().stream().noneMatch(hop -> hop.id().equals(acl.id())));
    }

    @Test
    void endpointStatesBlockWithTheirOwnCodes() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "pendingAcceptance", List.of(subnetA), endpointGroup.id());
        assertEquals(List.of(ExplanationCode.ENDPOINT_PENDING_ACCEPTANCE), codes(world.explain(workload.id(), STS, 443)));
        world.update(endpoint.withState(VpcEndpointState.REJECTED));
        assertEquals(List.of(ExplanationCode.ENDPOINT_REJECTED), codes(world.explain(workload.id(), STS, 443)));
        world.update(endpoint.withState(VpcEndpointState.PENDING));
        assertEquals(List.of(ExplanationCode.ENDPOINT_PENDING), codes(world.explain(workload.id(), STS, 443)));
        world.update(endpoint.withState(VpcEndpointState.FAILED));
        assertEquals(List.of(ExplanationCode.ENDPOINT_NOT_AVAILABLE), codes(world.explain(workload.id(), STS, 443)));
    }

    @Test
    void serviceNotOfferedInTheInterfaceZoneBlocks() {
        Subnet subnetE = world.subnet(vpc, "10.0.5.0/24", ZONE_WITHOUT_EC2);
        NetworkInterface inE = world.eni(subnetE, workloads.id());
        world.interfaceEndpoint(vpc, EC2, true, "available", List.of(subnetE), endpointGroup.id());
        PathResult result = world.explain(inE.id(), EC2, 443);
        assertEquals(List.of(ExplanationCode.VPCE_SERVICE_NOT_INSTALLED_IN_AZ), codes(result));
    }

    @Test
    void gatewayEndpointCarriesS3ThroughItsPrefixListRoute() {
        VpcEndpoint gateway = world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        PathResult result = world.explain(workload.id(), "my-bucket.s3.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.of(gateway.id()), result.via());
        assertTrue(hop(result, HopType.DNS).detail().contains("resolves publicly to 3.5.0.1"));
        assertTrue(hop(result, HopType.ROUTE_TABLE).detail().contains(AnalysisWorld.S3_PREFIX_LIST));
        assertEquals(Optional.of(new PathResult.Destination("3.5.0.1", 443, Optional.empty())), result.destination());
    }

    @Test
    void moreSpecificCidrRouteWinsOverThePrefixList() {
        world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        String table = world.mainRouteTable(vpc);
        String gateway = world.internetRoute(vpc, table);
        world.route(table, "3.5.0.0/24", RouteTarget.gateway(gateway));
        world.elasticIp(workload);
        PathResult result = world.explain(workload.id(), S3, 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of(gateway), result.via());
    }

    @Test
    void s3PrivateDnsForInboundResolverOnlyLeavesTheVpcOnTheGateway() {
        VpcEndpoint gateway = world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, S3, true, "available", List.of(subnetA), endpointGroup.id());
        world.update(endpoint.withDns(true, "ipv4", "ipv4", true));
        PathResult result = world.explain(workload.id(), "bucket.s3.us-east-1.amazonaws.com", 443);
        assertEquals(Optional.of(gateway.id()), result.via());
        assertEquals(List.of(ExplanationCode.PRIVATE_DNS_INBOUND_RESOLVER_ONLY), codes(result));
        world.update(endpoint.withDns(true, "ipv4", "ipv4", false));
        assertEquals(Optional.of(endpoint.id()), world.explain(workload.id(), "bucket.s3.us-east-1.amazonaws.com", 443).via());
    }

    @Test
    void internetGatewayNeedsAPublicAddress() {
        String gateway = world.internetRoute(vpc, world.mainRouteTable(vpc));
        PathResult without = world.explain(workload.id(), "203.0.113.10", 443);
        assertEquals(List.of(ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS), codes(without));
        world.elasticIp(workload);
        PathResult with = world.explain(workload.id(), "203.0.113.10", 443);
        assertEquals(Verdict.PUBLIC, with.verdict());
        assertEquals(Optional.of(gateway), with.via());
        assertEquals(HopType.INTERNET, with.hops().get(with.hops().size() - 1).type());
    }

    @Test
    void natGatewayLeavesThroughItsSubnetsInternetRoute() {
        Subnet publicSubnet = world.subnet(vpc, "10.0.9.0/24", ZONE_A);
        RouteTable publicTable = world.routeTable(vpc, publicSubnet);
        NatGateway nat = world.natGateway(publicSubnet);
        world.route(world.mainRouteTable(vpc), "0.0.0.0/0", RouteTarget.natGateway(nat.id()));
        PathResult noInternet = world.explain(workload.id(), S3, 443);
        assertEquals(List.of(ExplanationCode.NO_ROUTE_TO_DESTINATION), codes(noInternet));
        assertEquals(publicTable.id(), noInternet.explanations().get(0).component());
        String gateway = world.internetRoute(vpc, publicTable.id());
        PathResult result = world.explain(workload.id(), S3, 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of(nat.id()), result.via());
        assertTrue(result.hops().stream().anyMatch(hop -> hop.id().equals(gateway)));
    }

    @Test
    void blackholeRouteIsABadStateRoute() {
        String table = world.mainRouteTable(vpc);
        String gateway = world.internetRoute(vpc, table);
        world.write(tx -> {
            world.gateways.detach(tx, gateway, vpc.id());
            return null;
        });
        PathResult result = world.explain(workload.id(), "203.0.113.10", 443);
        assertEquals(List.of(ExplanationCode.BAD_STATE_ROUTE), codes(result));
        assertEquals(table, result.explanations().get(0).component());
    }

    @Test
    void endpointPolicyDenyNamesTheStatement() {
        VpcEndpoint gateway = world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.update(gateway.withPolicyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"ReadOnly","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
                 {"Sid":"NoDeletes","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]}"""));
        PathQuery base = PathQuery.of(workload.id(), S3, Protocol.TCP, 443);
        String role = "arn:aws:iam::111122223333:role/app";
        PathResult denied = world.engine.explain(world.world(), base.withPolicy(PathQuery.PolicyQuestion.of(role, "s3:DeleteObject",
                "arn:aws:s3:::bucket/key")));
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(denied));
        assertTrue(denied.explanations().get(0).detail().contains("NoDeletes"), denied.explanations().get(0).detail());
        assertEquals(Optional.of(gateway.id()), denied.endpoint(), "its policy denied it");
        PathResult allowed = world.engine.explain(world.world(), base.withPolicy(PathQuery.PolicyQuestion.of(role, "s3:GetObject",
                "arn:aws:s3:::bucket/key")));
        assertEquals(Verdict.PRIVATE, allowed.verdict());
        PathResult notListed = world.engine.explain(world.world(), base.withPolicy(PathQuery.PolicyQuestion.of(role, "s3:PutObject",
                "arn:aws:s3:::bucket/key")));
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(notListed));
    }

    @Test
    void endpointPolicyDenyNamesAConditionKeyTheRequestLacks() {
        VpcEndpoint gateway = world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.update(gateway.withPolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Sid":"SameOrg","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",
                 "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}"""));
        PathResult denied = world.engine.explain(world.world(), PathQuery.of(workload.id(), S3, Protocol.TCP, 443).withPolicy(
                PathQuery.PolicyQuestion.of("arn:aws:iam::111122223333:role/app", "s3:GetObject", "arn:aws:s3:::bucket/key")));
        assertEquals(List.of(ExplanationCode.ENDPOINT_POLICY_DENIES), codes(denied));
        assertTrue(denied.explanations().get(0).detail().endsWith("; Statement 0 (Sid \"SameOrg\"): Condition StringEquals "
                + "aws:PrincipalOrgID is false because the request has no aws:PrincipalOrgID"), denied.explanations().get(0).detail());
    }

    @Test
    void identityAndResourcePoliciesAreWeighedWithTheEndpointPolicy() {
        world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        String identity = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
        String bucket = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
                 "Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0000000000000dead"}}}]}""";
        PathQuery query = PathQuery.of(workload.id(), S3, Protocol.TCP, 443).withPolicy(new PathQuery.PolicyQuestion(
                "arn:aws:iam::111122223333:role/app", "s3:GetObject", "arn:aws:s3:::bucket/key", List.of(identity), Optional.of(bucket)));
        PathResult result = world.engine.explain(world.world(), query);
        assertEquals(List.of(ExplanationCode.RESOURCE_POLICY_DENIES), codes(result));
        PathQuery identityOnly = PathQuery.of(workload.id(), S3, Protocol.TCP, 443).withPolicy(new PathQuery.PolicyQuestion(
                "arn:aws:iam::111122223333:role/app", "s3:GetObject", "arn:aws:s3:::bucket/key", List.of(identity), Optional.empty()));
        assertEquals(Verdict.PRIVATE, world.engine.explain(world.world(), identityOnly).verdict());
    }

    @Test
    void instanceSourceIsItsPrimaryInterface() {
        NetworkInterface primary = world.instanceInterface(subnetA, "i-0123456789abcdef0", workloads.id());
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), endpointGroup.id());
        PathResult result = world.explain("i-0123456789abcdef0", STS, 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(List.of("i-0123456789abcdef0", primary.id()), result.hops().subList(0, 2).stream().map(Hop::id).toList());
        assertEquals(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND,
                assertThrows(AwsException.class, () -> world.explain("i-0000000000000beef", STS, 443)).code());
    }

    @Test
    void subnetAndAddressSourceSkipsSecurityGroups() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), endpointGroup.id());
        PathResult result = world.explain(subnetA.id() + ":10.0.1.200", STS, 443);
        assertEquals(Optional.of(endpoint.id()), result.via());
        assertEquals(ExplanationCode.SOURCE_WITHOUT_SECURITY_GROUPS, result.explanations().get(0).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(AwsException.class, () -> world.explain(subnetA.id() + ":10.9.0.1", STS, 443)).code());
    }

    @Test
    void interfaceToInterfaceInTheVpcIsPrivateWithoutVia() {
        SecurityGroup database = world.group(vpc, "database");
        world.allowInFromGroup(database.id(), 5432, workloads.id());
        NetworkInterface db = world.eni(subnetB, database.id());
        PathResult result = world.explain(workload.id(), db.privateIpAddress(), 5432);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.empty(), result.via());
        assertEquals(List.of(ExplanationCode.ENI_SG_RULES_MISMATCH), codes(world.explain(workload.id(), db.privateIpAddress(), 22)));
        assertEquals(List.of(ExplanationCode.NO_INTERFACE_AT_ADDRESS), codes(world.explain(workload.id(), "10.0.3.3", 5432)));
    }

    @Test
    void otherServicesStayOffTheS3GatewayEndpointAndLeaveThroughTheNat() {
        world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        NatGateway nat = natDefaultRoute();
        for (String name : List.of("sqs.us-east-1.amazonaws.com", "kms.us-east-1.amazonaws.com", "lambda.us-east-1.amazonaws.com",
                "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "api.ecr.us-east-1.amazonaws.com", "kinesis.us-east-1.amazonaws.com")) {
            PathResult result = world.explain(workload.id(), name, 443);
            assertEquals(Verdict.PUBLIC, result.verdict(), name);
            assertEquals(Optional.of(nat.id()), result.via(), name);
        }
        assertEquals(Verdict.PRIVATE, world.explain(workload.id(), "bucket.s3.us-east-1.amazonaws.com", 443).verdict());
    }

    @Test
    void s3OfAnotherRegionLeavesThroughTheNatNotThisRegionsGateway() {
        world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        NatGateway nat = natDefaultRoute();
        assertEquals(Optional.of(nat.id()), world.explain(workload.id(), "bucket.s3.eu-west-1.amazonaws.com", 443).via());
        PathResult accessPoint = world.explain(workload.id(), "reports-111122223333.s3-accesspoint.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PRIVATE, accessPoint.verdict());
    }

    @Test
    void stsWithPrivateDnsOffLeavesThroughTheNatNotTheS3Gateway() {
        world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.interfaceEndpoint(vpc, STS, false, "available", List.of(subnetA), endpointGroup.id());
        NatGateway nat = natDefaultRoute();
        PathResult result = world.explain(workload.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of(nat.id()), result.via());
        assertEquals(List.of(ExplanationCode.PRIVATE_DNS_DISABLED), codes(result));
    }

    @Test
    void ecrNamesResolveToTheEndpointsThatListThem() {
        VpcEndpoint api = world.interfaceEndpoint(vpc, "com.amazonaws.us-east-1.ecr.api", true, "available", List.of(subnetA), endpointGroup.id());
        VpcEndpoint dkr = world.interfaceEndpoint(vpc, "com.amazonaws.us-east-1.ecr.dkr", true, "available", List.of(subnetA), endpointGroup.id());
        assertEquals(Optional.of(api.id()), world.explain(workload.id(), "api.ecr.us-east-1.amazonaws.com", 443).via());
        assertEquals(Optional.of(dkr.id()), world.explain(workload.id(), "111122223333.dkr.ecr.us-east-1.amazonaws.com", 443).via());
        PathResult fips = world.explain(workload.id(), "ecr-fips.us-east-1.amazonaws.com", 443);
        assertEquals(List.of(ExplanationCode.NO_ROUTE_TO_DESTINATION), codes(fips));
        assertTrue(hop(fips, HopType.DNS).detail().contains("api.ecr in us-east-1"), hop(fips, HopType.DNS).detail());
    }

    @Test
    void serviceNameShowsTheServicesRealName() {
        assertEquals("api.ecr.us-east-1.amazonaws.com", hop(world.explain(workload.id(), "com.amazonaws.us-east-1.ecr.api", 443), HopType.DNS).id());
        assertEquals("kinesis.us-east-1.amazonaws.com",
                hop(world.explain(workload.id(), "com.amazonaws.us-east-1.kinesis-streams", 443), HopType.DNS).id());
        assertEquals("*.execute-api.us-east-1.amazonaws.com",
                hop(world.explain(workload.id(), "com.amazonaws.us-east-1.execute-api", 443), HopType.DNS).id());
    }

    @Test
    void globalServiceIsReachedOverTheInternet() {
        String gateway = world.internetRoute(vpc, world.mainRouteTable(vpc));
        world.elasticIp(workload);
        PathResult result = world.explain(workload.id(), "iam.amazonaws.com", 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of(gateway), result.via());
        Hop last = result.hops().get(result.hops().size() - 1);
        assertEquals(HopType.AWS_SERVICE, last.type());
        assertTrue(last.detail().startsWith("iam (global, us-east-1) reached over the internet"), last.detail());
    }

    @Test
    void namesAwsDoesNotServeDoNotResolve() {
        PathResult result = world.explain(workload.id(), "foo.us-east-1.amazonaws.com", 443);
        assertEquals(List.of(ExplanationCode.DESTINATION_NOT_RESOLVED), codes(result));
    }

    private NatGateway natDefaultRoute() {
        Subnet publicSubnet = world.subnet(vpc, "10.0.9.0/24", "us-east-1a");
        RouteTable publicTable = world.routeTable(vpc, publicSubnet);
        world.internetRoute(vpc, publicTable.id());
        NatGateway nat = world.natGateway(publicSubnet);
        world.route(world.mainRouteTable(vpc), "0.0.0.0/0", RouteTarget.natGateway(nat.id()));
        return nat;
    }

    @Test
    void unknownNamesDoNotResolve() {
        PathResult result = world.explain(workload.id(), "example.org", 443);
        assertEquals(List.of(ExplanationCode.DESTINATION_NOT_RESOLVED), codes(result));
    }

    @Test
    void indexesAreBuiltOncePerWorld() {
        var snapshot = world.world();
        assertSame(world.engine.index(snapshot), world.engine.index(snapshot));
        world.group(vpc, "another");
        var changed = world.world();
        assertTrue(world.engine.index(changed) != world.engine.index(snapshot));
    }

    private NetworkInterface endpointInterface(VpcEndpoint endpoint, String zone) {
        VpcEndpoint current = world.world().find(AnalysisWorld.SCOPE, ResourceTypes.VPC_ENDPOINT, endpoint.id()).orElseThrow();
        return current.networkInterfaceIds().stream()
                .map(id -> world.world().find(AnalysisWorld.SCOPE, ResourceTypes.NETWORK_INTERFACE, id).orElseThrow())
                .filter(eni -> eni.availabilityZone().equals(zone)).findFirst().orElseThrow();
    }

    private static Hop hop(PathResult result, HopType type) {
        return result.hops().stream().filter(hop -> hop.type() == type).findFirst().orElseThrow(() -> new AssertionError(result));
    }

    private static List<HopType> types(PathResult result) {
        return result.hops().stream().map(Hop::type).toList();
    }

    private static List<ExplanationCode> codes(PathResult result) {
        return result.explanations().stream().map(Explanation::code).toList();
    }
}
