package dev.backlane.server.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceIdsTest {
    @Test
    void parametersNamedForIdsOrArnsGiveTheirIdsButNotAccountsOrNames() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", "AuthorizeSecurityGroupIngress");
        parameters.put("GroupId", "sg-0123456789abcdef0");
        parameters.put("GroupName", "web-0123456789");
        parameters.put("IpPermissions.1.UserIdGroupPairs.1.GroupId", "sg-0fedcba9876543210");
        parameters.put("IpPermissions.1.UserIdGroupPairs.1.UserId", "111122223333");
        parameters.put("ResourceId.1", "vpc-1a2b3c4d");
        parameters.put("LoadBalancerArns.member.1", "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/a/0123");
        parameters.put("Tag.1.Value", "sg-0123456789abcdef1");
        assertEquals(List.of("sg-0123456789abcdef0", "sg-0fedcba9876543210", "vpc-1a2b3c4d",
                "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/a/0123"), ResourceIds.inParameters(parameters));
    }

    @Test
    void writeOutputGivesTheIdOfWhatItCreatedButNotWhatThatMentions() {
        Map<String, Object> vpc = new LinkedHashMap<>();
        vpc.put("DhcpOptionsId", "dopt-0123456789abcdef0");
        vpc.put("VpcId", "vpc-0a1b2c3d4e5f60718");
        vpc.put("OwnerId", "000000000000");
        vpc.put("CidrBlockAssociationSet", List.of(Map.of("AssociationId", "vpc-cidr-assoc-0123456789abcdef0")));
        assertEquals(List.of("vpc-0a1b2c3d4e5f60718"), ResourceIds.inOutput(Map.of("Vpc", vpc)));
        assertEquals(List.of("sg-0123456789abcdef0"), ResourceIds.inOutput(Map.of("GroupId", "sg-0123456789abcdef0", "Return", true)));
    }

    @Test
    void unionKeepsOrderDropsRepeatsAndStopsAtTheLimit() {
        assertEquals(List.of("vpc-11111111", "subnet-22222222"), ResourceIds.union(List.of("vpc-11111111"), List.of("subnet-22222222", "vpc-11111111")));
        List<String> many = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "eni-%08x".formatted(i)).toList();
        assertEquals(ResourceIds.LIMIT, ResourceIds.union(List.of(), many).size());
    }

    @Test
    void idsArePrefixAndEightToSeventeenHexDigits() {
        assertTrue(ResourceIds.isResourceId("vpce-svc-0123456789abcdef0"));
        assertTrue(ResourceIds.isResourceId("sg-1a2b3c4d"));
        assertFalse(ResourceIds.isResourceId("sg-1a2b3c4"));
        assertFalse(ResourceIds.isResourceId("111122223333"));
        assertFalse(ResourceIds.isResourceId("my-group-name"));
        assertFalse(ResourceIds.isResourceId("-0123456789"));
        assertTrue(ResourceIds.namesResource("SecurityGroupIds.member.3"));
        assertFalse(ResourceIds.namesResource("Filter.1.Value.1"));
    }
}
