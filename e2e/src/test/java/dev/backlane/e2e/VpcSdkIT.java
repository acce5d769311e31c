package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.AwsAssertions.assertDryRunSucceeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Tenancy;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;
import software.amazon.awssdk.services.ec2.model.VpcState;

/** VPCs through the AWS SDK for Java v2: lifecycle, errors, DryRun, filters, pagination, attributes and CIDRs. */
class VpcSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(
            ServerConfig.forTests().withQuotas(Quotas.awsDefaults().with("vpcs-per-region", 60)));

    @Test
    void newAccountHasOneDefaultVpc() {
        BacklaneExtension.Account account = backlane.newAccount();
        List<Vpc> vpcs = account.ec2().describeVpcs().vpcs();
        assertEquals(1, vpcs.size(), vpcs.toString());
        Vpc vpc = vpcs.get(0);
        assertTrue(vpc.isDefault());
        assertEquals("172.31.0.0/16", vpc.cidrBlock());
        assertEquals(account.id(), vpc.ownerId());
        assertEquals(VpcState.AVAILABLE, vpc.state());
        assertTrue(account.ec2().describeVpcAttribute(r -> r.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value(), "a default VPC has DNS hostnames");
    }

    @Test
    void createDescribeAndDeleteVpc() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Vpc created = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16").tagSpecifications(nameTag("created"))).vpc();
        assertTrue(created.vpcId().matches("vpc-[0-9a-f]{17}"), created.vpcId());
        assertEquals("10.20.0.0/16", created.cidrBlock());
        assertFalse(created.isDefault());
        assertEquals(Tenancy.DEFAULT, created.instanceTenancy());
        assertEquals(List.of(Tag.builder().key("Name").value("created").build()), created.tags());
        assertEquals(1, created.cidrBlockAssociationSet().size());
        assertEquals(VpcCidrBlockStateCode.ASSOCIATED, created.cidrBlockAssociationSet().get(0).cidrBlockState().state());

        Vpc described = ec2.describeVpcs(r -> r.vpcIds(created.vpcId())).vpcs().get(0);
        assertEquals(created.vpcId(), described.vpcId());
        assertEquals(VpcState.AVAILABLE, described.state());
        assertEquals(created.dhcpOptionsId(), described.dhcpOptionsId());
        assertEquals(created.tags(), described.tags());

        ec2.deleteVpc(r -> r.vpcId(created.vpcId()));
        assertAwsError("InvalidVpcID.NotFound", () -> ec2.describeVpcs(r -> r.vpcIds(created.vpcId())));
        assertAwsError("InvalidVpcID.NotFound", () -> ec2.deleteVpc(r -> r.vpcId(created.vpcId())));
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC is left");
    }

    @Test
    void invalidRequestsAreRefusedWithAwsErrors() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        assertAwsError("InvalidParameterValue", () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/33")));
        assertAwsError("InvalidParameterValue", () -> ec2.createVpc(r -> r.cidrBlock("banana")));
        assertAwsError("InvalidVpc.Range", () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/8")));
        assertAwsError("InvalidVpc.Range", () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/29")));
        assertAwsError("MissingParameter", () -> ec2.createVpc(r -> {}));
        assertAwsError("InvalidVpcID.Malformed", () -> ec2.describeVpcs(r -> r.vpcIds("vpc-zzz")));
        assertAwsError("InvalidVpcID.NotFound", () -> ec2.describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0")));
        assertAwsError("InvalidParameterValue", () -> ec2.describeVpcs(r -> r.filters(filter("no-such-filter", "x"))));
        assertAwsError("InvalidParameterValue", () -> ec2.describeVpcs(r -> r.nextToken("not-a-token")));
        assertAwsError("InvalidParameterCombination", () -> ec2.describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0").maxResults(5)));
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "nothing was created by the refused calls");
    }

    @Test
    void defaultVpcCannotBeDeletedWhileItHasSubnets() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String defaultVpc = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        assertAwsError("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(defaultVpc)));
    }

    @Test
    void dryRunValidatesButChangesNothing() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        assertDryRunSucceeds(() -> ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16").dryRun(true)));
        assertAwsError("InvalidParameterValue", () -> ec2.createVpc(r -> r.cidrBlock("10.30.0.0/33").dryRun(true)));
        assertDryRunSucceeds(() -> ec2.describeVpcs(r -> r.dryRun(true)));
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "DryRun created nothing");

        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.31.0.0/16")).vpc().vpcId();
        assertDryRunSucceeds(() -> ec2.deleteVpc(r -> r.vpcId(vpcId).dryRun(true)));
        assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().size(), "DryRun deleted nothing");
        assertAwsError("InvalidVpcID.NotFound", () -> ec2.deleteVpc(r -> r.vpcId("vpc-0123456789abcdef0").dryRun(true)));
    }

    @Test
    void paginatorWalksEveryVpcOnceInPages() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Set<String> created = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            created.add(ec2.createVpc(cidr("10.%d.0.0/16".formatted(40 + i))).vpc().vpcId());
        }
        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (DescribeVpcsResponse page : ec2.describeVpcsPaginator(r -> r.maxResults(5))) {
            pageSizes.add(page.vpcs().size());
            page.vpcs().forEach(vpc -> seen.add(vpc.vpcId()));
        }
        assertEquals(List.of(5, 5, 3), pageSizes, "12 VPCs and the default one, five to a page");
        assertEquals(13, new TreeSet<>(seen).size(), "no VPC is listed twice: " + seen);
        assertTrue(seen.containsAll(created));
        List<String> allAtOnce = ec2.describeVpcsPaginator().vpcs().stream().map(Vpc::vpcId).toList();
        assertEquals(seen, allAtOnce, "pages follow one order, as one call would list them");

        DescribeVpcsResponse filteredPage = ec2.describeVpcs(r -> r.maxResults(5).filters(filter("is-default", "false")));
        assertEquals(5, filteredPage.vpcs().size());
        assertTrue(filteredPage.vpcs().stream().noneMatch(Vpc::isDefault));
        assertTrue(filteredPage.nextToken() != null);
    }

    @Test
    void filtersMatchWildcardsTagsAndCombine() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        String web1 = ec2.createVpc(cidr("10.1.0.0/16").toBuilder().tagSpecifications(tags("web-1", "prod")).build()).vpc().vpcId();
        String web2 = ec2.createVpc(cidr("10.2.0.0/16").toBuilder().tagSpecifications(tags("web-2", "dev")).build()).vpc().vpcId();
        String db = ec2.createVpc(cidr("192.168.0.0/20").toBuilder().tagSpecifications(tags("db-1", "prod")).build()).vpc().vpcId();

        assertEquals(Set.of(web1, web2), ids(ec2, filter("tag:Name", "web-*")));
        assertEquals(Set.of(web1, db), ids(ec2, filter("tag:Name", "*-1")));
        assertEquals(Set.of(web2), ids(ec2, filter("tag:Name", "web-?"), filter("tag:env", "dev")));
        assertEquals(Set.of(web1, db), ids(ec2, filter("tag:env", "prod")));
        assertEquals(Set.of(web1, web2, db), ids(ec2, filter("tag-key", "env")));
        assertEquals(Set.of(web1, web2), ids(ec2, filter("tag-value", "web*")));
        assertEquals(Set.of(web1, web2), ids(ec2, filter("cidr", "10.*")));
        assertEquals(Set.of(web2, db), ids(ec2, filter("cidr", "10.2.0.0/16", "192.168.*")), "values of one filter are alternatives");
        assertEquals(Set.of(db), ids(ec2, filter("cidr-block-association.cidr-block", "192.168.0.0/20")));
        assertEquals(Set.of(web1), ids(ec2, filter("vpc-id", web1)));
        assertEquals(Set.of(web1, web2, db), ids(ec2, filter("is-default", "false")));
        assertEquals(Set.of(), ids(ec2, filter("tag:Name", "WEB-*")), "filters are case sensitive");
        assertEquals(Set.of(), ids(ec2, filter("tag:Name", "web-1"), filter("tag:env", "dev")), "filters all apply");
        assertEquals(4, ec2.describeVpcs(r -> r.filters(filter("owner-id", account.id()))).vpcs().size(), "three VPCs and the default one");
        assertEquals(Set.of(), ids(ec2, filter("owner-id", "999999999999")));
        assertEquals(4, ec2.describeVpcs(r -> r.filters(filter("state", "available"))).vpcs().size());
    }

    @Test
    void attributesCanBeReadAndChanged() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(cidr("10.5.0.0/16")).vpc().vpcId();
        assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)).enableDnsSupport().value());
        assertFalse(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());

        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(v -> v.value(true)));
        assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());

        assertAwsError("InvalidParameterValue", () -> ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsSupport(v -> v.value(false))));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(v -> v.value(false)));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsSupport(v -> v.value(false)));
        assertFalse(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)).enableDnsSupport().value());
        assertAwsError("InvalidVpcID.NotFound",
                () -> ec2.describeVpcAttribute(r -> r.vpcId("vpc-0123456789abcdef0").attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)));
    }

    @Test
    void secondaryCidrsAreAssociatedAndDisassociated() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Vpc vpc = ec2.createVpc(cidr("10.6.0.0/16")).vpc();
        AssociateVpcCidrBlockResponse associated = ec2.associateVpcCidrBlock(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.7.0.0/16"));
        assertEquals("10.7.0.0/16", associated.cidrBlockAssociation().cidrBlock());
        assertAwsError("InvalidVpc.Range", () -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.6.128.0/17")));
        Set<String> cidrs = ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs().get(0).cidrBlockAssociationSet().stream()
                .map(a -> a.cidrBlock()).collect(Collectors.toSet());
        assertEquals(Set.of("10.6.0.0/16", "10.7.0.0/16"), cidrs);
        assertEquals(Set.of(vpc.vpcId()), ids(ec2, filter("cidr-block-association.cidr-block", "10.7.0.0/16")));

        String primary = vpc.cidrBlockAssociationSet().get(0).associationId();
        assertAwsError("OperationNotPermitted", () -> ec2.disassociateVpcCidrBlock(r -> r.associationId(primary)));
        ec2.disassociateVpcCidrBlock(r -> r.associationId(associated.cidrBlockAssociation().associationId()));
        assertEquals(Set.of(), ids(ec2, filter("cidr-block-association.cidr-block", "10.7.0.0/16")));

        var ipv6 = ec2.associateVpcCidrBlock(r -> r.vpcId(vpc.vpcId()).amazonProvidedIpv6CidrBlock(true)).ipv6CidrBlockAssociation();
        assertTrue(ipv6.ipv6CidrBlock().endsWith("::/56"), ipv6.ipv6CidrBlock());
        assertEquals(ipv6.ipv6CidrBlock(),
                ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs().get(0).ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock());
    }

    private static Set<String> ids(Ec2Client ec2, Filter... filters) {
        return ec2.describeVpcs(r -> r.filters(filters)).vpcs().stream().map(Vpc::vpcId).collect(Collectors.toSet());
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static CreateVpcRequest cidr(String cidr) {
        return CreateVpcRequest.builder().cidrBlock(cidr).build();
    }

    private static TagSpecification nameTag(String name) {
        return TagSpecification.builder().resourceType(ResourceType.VPC).tags(Tag.builder().key("Name").value(name).build()).build();
    }

    private static TagSpecification tags(String name, String env) {
        return TagSpecification.builder().resourceType(ResourceType.VPC)
                .tags(Tag.builder().key("Name").value(name).build(), Tag.builder().key("env").value(env).build()).build();
    }
}
