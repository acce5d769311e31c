package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

/** Network ACLs, their entries and subnet associations through the SDK. */
class NetworkAclSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void defaultAclAllowsEverythingAndNewOnesDenyEverything() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        NetworkAcl defaultAcl = ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId), filter("default", "true"))).networkAcls().get(0);
        assertEquals(List.of(100, 32767, 100, 32767), defaultAcl.entries().stream()
                .sorted((a, b) -> a.egress() == b.egress() ? Integer.compare(a.ruleNumber(), b.ruleNumber()) : a.egress() ? 1 : -1)
                .map(NetworkAclEntry::ruleNumber).toList());
        assertTrue(defaultAcl.entries().stream().anyMatch(e -> e.ruleNumber() == 100 && e.ruleAction() == RuleAction.ALLOW));

        NetworkAcl created = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl();
        assertTrue(created.networkAclId().matches("acl-[0-9a-f]{17}"), created.networkAclId());
        assertEquals(false, created.isDefault());
        assertTrue(created.entries().stream().allMatch(e -> e.ruleNumber() == 32767 && e.ruleAction() == RuleAction.DENY), created.entries().toString());
        assertAwsError("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(vpcId)));
    }

    @Test
    void entriesAndAssociations() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        String aclId = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();

        ec2.createNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(100).egress(false).protocol("6").ruleAction(RuleAction.ALLOW)
                .cidrBlock("0.0.0.0/0").portRange(p -> p.from(443).to(443)));
        assertAwsError("NetworkAclEntryAlreadyExists", () -> ec2.createNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(100).egress(false)
                .protocol("-1").ruleAction(RuleAction.DENY).cidrBlock("10.0.0.0/8")));
        ec2.createNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(100).egress(true).protocol("-1").ruleAction(RuleAction.ALLOW)
                .cidrBlock("0.0.0.0/0"));
        ec2.replaceNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(100).egress(false).protocol("6").ruleAction(RuleAction.ALLOW)
                .cidrBlock("0.0.0.0/0").portRange(p -> p.from(80).to(443)));
        NetworkAclEntry ingress = ec2.describeNetworkAcls(r -> r.networkAclIds(aclId)).networkAcls().get(0).entries().stream()
                .filter(e -> !e.egress() && e.ruleNumber() == 100).findFirst().orElseThrow();
        assertEquals(80, ingress.portRange().from());
        assertEquals("6", ingress.protocol());
        assertAwsError("InvalidNetworkAclEntry.NotFound", () -> ec2.deleteNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(7).egress(false)));

        String current = ec2.describeNetworkAcls(r -> r.filters(filter("association.subnet-id", subnetId))).networkAcls().get(0)
                .associations().stream().filter(a -> a.subnetId().equals(subnetId)).findFirst().orElseThrow().networkAclAssociationId();
        String moved = ec2.replaceNetworkAclAssociation(r -> r.associationId(current).networkAclId(aclId)).newAssociationId();
        assertEquals(List.of(aclId), ec2.describeNetworkAcls(r -> r.filters(filter("association.subnet-id", subnetId))).networkAcls()
                .stream().map(NetworkAcl::networkAclId).toList());
        assertAwsError("DependencyViolation", () -> ec2.deleteNetworkAcl(r -> r.networkAclId(aclId)));

        String defaultAcl = ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpcId), filter("default", "true"))).networkAcls().get(0).networkAclId();
        ec2.replaceNetworkAclAssociation(r -> r.associationId(moved).networkAclId(defaultAcl));
        ec2.deleteNetworkAcl(r -> r.networkAclId(aclId));
        assertAwsError("InvalidNetworkAclID.NotFound", () -> ec2.describeNetworkAcls(r -> r.networkAclIds(aclId)));
    }
}
