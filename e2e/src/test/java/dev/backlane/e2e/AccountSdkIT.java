package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Who the caller is (STS), and that accounts and regions never see each other's resources. */
class AccountSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void callerIdentityIsTheDefaultAccountForAnyNonNumericKey() {
        GetCallerIdentityResponse identity = backlane.sts().getCallerIdentity();
        assertEquals("000000000000", identity.account());
        assertEquals("arn:aws:iam::000000000000:root", identity.arn());
        assertEquals("000000000000", backlane.sts("AKIAIOSFODNN7EXAMPLE").getCallerIdentity().account());
    }

    @Test
    void twelveDigitAccessKeySelectsThatAccount() {
        GetCallerIdentityResponse identity = backlane.sts("111111111111").getCallerIdentity();
        assertEquals("111111111111", identity.account());
        assertEquals("arn:aws:iam::111111111111:root", identity.arn());
        assertEquals("111111111111", identity.userId());
        assertEquals("111111111111", backlane.ec2("111111111111").describeVpcs().vpcs().get(0).ownerId());
    }

    @Test
    void accountsDoNotSeeEachOthersVpcs() {
        BacklaneExtension.Account alice = backlane.newAccount();
        BacklaneExtension.Account bob = backlane.newAccount();
        String aliceDefault = defaultVpc(alice.ec2()).vpcId();
        String bobDefault = defaultVpc(bob.ec2()).vpcId();
        assertNotEquals(aliceDefault, bobDefault, "each account has its own default VPC");

        String aliceVpc = alice.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String bobVpc = bob.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        assertNotEquals(aliceVpc, bobVpc);

        assertEquals(List.of(aliceDefault, aliceVpc).stream().sorted().toList(), vpcIds(alice.ec2()));
        assertEquals(List.of(bobDefault, bobVpc).stream().sorted().toList(), vpcIds(bob.ec2()));
        assertAwsError("InvalidVpcID.NotFound", () -> bob.ec2().describeVpcs(r -> r.vpcIds(aliceVpc)));
        assertAwsError("InvalidVpcID.NotFound", () -> bob.ec2().deleteVpc(r -> r.vpcId(aliceVpc)));
        assertAwsError("InvalidVpcID.NotFound", () -> bob.ec2().createTags(r -> r.resources(aliceVpc).tags(Tag.builder().key("k").value("v").build())));
        assertAwsError("InvalidVpcID.NotFound", () -> bob.ec2().modifyVpcAttribute(r -> r.vpcId(aliceVpc).enableDnsHostnames(v -> v.value(true))));
        assertEquals(List.of(), bob.ec2().describeTags(r -> r.filters(VpcSdkIT.filter("resource-id", aliceVpc))).tags());
        assertTrue(alice.ec2().describeVpcs(r -> r.vpcIds(aliceVpc)).vpcs().get(0).ownerId().equals(alice.id()));
    }

    @Test
    void regionsOfOneAccountAreSeparate() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ireland = backlane.ec2(account.id(), Region.EU_WEST_1);
        String virginiaVpc = account.ec2().createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
        assertAwsError("InvalidVpcID.NotFound", () -> ireland.describeVpcs(r -> r.vpcIds(virginiaVpc)));
        assertEquals(1, ireland.describeVpcs().vpcs().size(), "eu-west-1 has only its own default VPC");
        assertNotEquals(defaultVpc(account.ec2()).vpcId(), defaultVpc(ireland).vpcId());
    }

    @Test
    void vpcQuotaIsFivePerRegionByDefaultAndCountsPerAccount() {
        BacklaneExtension.Account full = backlane.newAccount();
        BacklaneExtension.Account other = backlane.newAccount();
        for (int i = 0; i < 4; i++) {
            int octet = i;
            full.ec2().createVpc(r -> r.cidrBlock("10.%d.0.0/16".formatted(octet)));
        }
        assertAwsError("VpcLimitExceeded", () -> full.ec2().createVpc(r -> r.cidrBlock("10.99.0.0/16")));
        assertEquals(5, full.ec2().describeVpcs().vpcs().size());
        other.ec2().createVpc(r -> r.cidrBlock("10.99.0.0/16"));
        assertEquals(2, other.ec2().describeVpcs().vpcs().size());
    }

    private static Vpc defaultVpc(Ec2Client ec2) {
        return ec2.describeVpcs(r -> r.filters(VpcSdkIT.filter("is-default", "true"))).vpcs().get(0);
    }

    private static List<String> vpcIds(Ec2Client ec2) {
        return ec2.describeVpcs().vpcs().stream().map(Vpc::vpcId).sorted().toList();
    }
}
