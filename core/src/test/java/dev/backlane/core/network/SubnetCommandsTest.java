package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.zone.ZoneMappings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetCommandsTest {
    private final CoreTestCloud test = new CoreTestCloud();
    private final Vpc vpc = test.write(transaction -> test.vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));

    private Subnet create(String cidr, String zone) {
        return test.write(transaction -> test.subnets.create(transaction, new SubnetCommands.CreateSubnet(vpc.id(), cidr, null, zone, null)));
    }

    private NetworkAcl defaultAcl() {
        return test.state().all(ResourceTypes.NETWORK_ACL).stream().filter(acl -> acl.vpcId().equals(vpc.id())).findFirst().orElseThrow();
    }

    @Test
    void defaultSubnetsAreSlash20sWith4091FreeAddressesOnePerZone() {
        List<Subnet> defaults = test.state().all(ResourceTypes.SUBNET).stream().filter(Subnet::defaultForAz).toList();
        assertEquals(3, defaults.size(), "eu-west-1 has three zones");
        for (Subnet subnet : defaults) {
            assertEquals(20, Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow().prefixLength());
            assertEquals(4091, SubnetAddresses.availableCount(test.state(), subnet));
        }
        assertEquals(3, defaults.stream().map(Subnet::availabilityZone).distinct().count());
    }

    @Test
    void newSubnetIsAssociatedWithTheDefaultAclInTheSameCommand() {
        Subnet subnet = create("10.0.0.0/24", "eu-west-1b");
        assertEquals(ZoneMappings.standard().derived(CoreTestCloud.SCOPE.account(), "eu-west-1").idOf("eu-west-1b"), subnet.availabilityZoneId());
        assertEquals(List.of(subnet.id()), defaultAcl().associations().stream().map(a -> a.subnetId()).toList());
        test.write(transaction -> {
            test.subnets.delete(transaction, subnet.id());
            return null;
        });
        assertEquals(List.of(), defaultAcl().associations());
    }

    @Test
    void failedCreateLeavesNothingBehind() {
        create("10.0.0.0/24", null);
        AwsException conflict = assertThrows(AwsException.class, () -> create("10.0.0.128/25", null));
        assertEquals(ErrorCode.INVALID_SUBNET_CONFLICT, conflict.code());
        assertEquals(1, defaultAcl().associations().size());
        assertEquals(1, test.state().all(ResourceTypes.SUBNET).stream().filter(s -> s.vpcId().equals(vpc.id())).count());
    }

    @Test
    void rangeRulesUseTheVpcsAssociatedBlocks() {
        assertEquals(ErrorCode.INVALID_SUBNET_RANGE, assertThrows(AwsException.class, () -> create("10.0.0.0/29", null)).code());
        assertEquals(ErrorCode.INVALID_SUBNET_RANGE, assertThrows(AwsException.class, () -> create("10.1.0.0/24", null)).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, assertThrows(AwsException.class, () -> create("10.0.0.0/33", null)).code());
        test.write(transaction -> test.vpcs.associateCidr(transaction, vpc.id(), "10.1.0.0/16", false));
        assertEquals("10.1.0.0/24", create("10.1.0.0/24", null).cidrBlock());
        assertEquals("10.0.0.0/28", create("10.0.0.0/28", null).cidrBlock());
    }

    @Test
    void unspecifiedZoneSpreadsSubnetsAcrossZones() {
        assertEquals("eu-west-1a", create("10.0.0.0/24", null).availabilityZone());
        assertEquals("eu-west-1a", create("10.0.1.0/24", "eu-west-1a").availabilityZone());
        assertEquals("eu-west-1b", create("10.0.2.0/24", null).availabilityZone());
        assertEquals("eu-west-1c", create("10.0.3.0/24", null).availabilityZone());
        assertEquals("eu-west-1b", create("10.0.4.0/24", null).availabilityZone());
    }

    @Test
    void subnetsInTheVpcBlockItsSecondaryCidrFromBeingDisassociated() {
        var association = test.write(transaction -> test.vpcs.associateCidr(transaction, vpc.id(), "10.1.0.0/16", false));
        create("10.1.0.0/24", null);
        assertThrows(AwsException.class, () -> test.write(transaction -> test.vpcs.disassociateCidr(transaction, association.associationId())));
        assertTrue(test.state().find(ResourceTypes.VPC, vpc.id()).orElseThrow().associatedCidrs().contains("10.1.0.0/16"));
    }
}
