package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.Address;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.net.Ipv4Address;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VpcDnsViewTest {
    private static final String STS = "com.amazonaws.us-east-1.sts";
    private static final String EC2 = "com.amazonaws.us-east-1.ec2";
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final int AAAA = 28;

    private final AnalysisWorld world = new AnalysisWorld();
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    private final Subnet subnetA = world.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet subnetB = world.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    private final SecurityGroup group = world.group(vpc, "endpoints");
    private final VpcDnsView view = VpcDnsView.standard();

    @Test
    void privateDnsNameGivesEveryInterfaceOfTheEndpoint() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA, subnetB), group.id());
        DnsAnswer answer = ask(vpc, "STS.us-east-1.amazonaws.com.", VpcDnsView.TYPE_A);
        assertEquals(DnsRcode.NOERROR, answer.rcode());
        assertEquals(interfaceAddresses(endpoint), addresses(answer));
        assertEquals(List.of(60, 60), answer.records().stream().map(DnsRecord::ttl).toList());
        assertEquals("sts.us-east-1.amazonaws.com", answer.records().get(0).name());
        assertEquals("private DNS name of " + endpoint.id(), answer.answeredBy());
    }

    @Test
    void privateDnsOffGivesTheServicePublicAddress() {
        world.interfaceEndpoint(vpc, STS, false, "available", List.of(subnetA), group.id());
        DnsAnswer answer = ask(vpc, "sts.us-east-1.amazonaws.com", VpcDnsView.TYPE_A);
        assertEquals(List.of(publicAddress("sts")), addresses(answer));
    }

    @Test
    void dnsHostnamesOffKeepsPrivateDnsFromApplying() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), group.id());
        world.dnsAttributes(vpc.id(), true, false);
        assertEquals(List.of(publicAddress("sts")), addresses(ask(vpc, "sts.us-east-1.amazonaws.com", VpcDnsView.TYPE_A)));
    }

    @Test
    void dnsSupportOffMeansTheResolverDoesNotAnswer() {
        world.dnsAttributes(vpc.id(), true, false);
        world.dnsAttributes(vpc.id(), false, false);
        assertEquals(Optional.empty(), view.answer(index(), located(vpc), "sts.us-east-1.amazonaws.com", VpcDnsView.TYPE_A));
    }

    @Test
    void privateDnsAppliesOnlyInTheEndpointsVpc() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), group.id());
        Vpc other = world.vpc("10.1.0.0/16");
        assertEquals(List.of(publicAddress("sts")), addresses(ask(other, "sts.us-east-1.amazonaws.com", VpcDnsView.TYPE_A)));
    }

    @Test
    void regionalAndZonalEndpointNamesResolveFromAnyVpc() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, EC2, false, "available", List.of(subnetA, subnetB), group.id());
        Vpc other = world.vpc("10.1.0.0/16");
        String base = endpoint.id() + "-abcd1234";
        DnsAnswer regional = ask(other, base + ".ec2.us-east-1.vpce.amazonaws.com", VpcDnsView.TYPE_A);
        assertEquals(interfaceAddresses(endpoint), addresses(regional));
        DnsAnswer zonal = ask(other, base + "-us-east-1b.ec2.us-east-1.vpce.amazonaws.com", VpcDnsView.TYPE_A);
        assertEquals(List.of(address(world.world(), endpoint, "us-east-1b")), addresses(zonal));
        assertEquals("zonal name of " + endpoint.id() + " in us-east-1b", zonal.answeredBy());
    }

    @Test
    void s3NamesTakeABucketLabelUnderPrivateDnsAndEndpointNames() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, S3, false, "available", List.of(subnetA), group.id());
        assertEquals(interfaceAddresses(endpoint),
                addresses(ask(vpc, "my-bucket." + endpoint.id() + "-abcd1234.s3.us-east-1.vpce.amazonaws.com", VpcDnsView.TYPE_A)));
        assertEquals(List.of(publicAddress("s3")), addresses(ask(vpc, "my-bucket.s3.us-east-1.amazonaws.com", VpcDnsView.TYPE_A)));
    }

    @Test
    void ec2PrivateHostnameResolvesInsideItsVpcOnly() {
        NetworkInterface eni = world.eni(subnetA, group.id());
        String hostname = eni.privateDnsName("us-east-1");
        assertTrue(hostname.endsWith(".ec2.internal"), hostname);
        assertEquals(List.of(Ipv4Address.parse(eni.privateIpAddress()).orElseThrow()), addresses(ask(vpc, hostname, VpcDnsView.TYPE_A)));
        assertEquals(DnsRcode.NXDOMAIN, ask(world.vpc("10.1.0.0/16"), hostname, VpcDnsView.TYPE_A).rcode());
        assertEquals(DnsRcode.NXDOMAIN, ask(vpc, "ip-10-0-9-9.ec2.internal", VpcDnsView.TYPE_A).rcode());
    }

    @Test
    void ec2PrivateHostnamesOfOtherRegionsAreComputeInternal() {
        AnalysisWorld ireland = new AnalysisWorld(new dev.backlane.core.model.Scope("111122223333", "eu-west-1"));
        Vpc irish = ireland.vpc("10.0.0.0/16");
        NetworkInterface eni = ireland.eni(ireland.subnet(irish, "10.0.1.0/24", "eu-west-1a"));
        String hostname = "ip-" + eni.privateIpAddress().replace('.', '-') + ".eu-west-1.compute.internal";
        WorldIndex index = WorldIndex.of(ireland.world());
        DnsAnswer answer = view.answer(index, VpcDnsView.locate(index, irish.id()).orElseThrow(), hostname, VpcDnsView.TYPE_A).orElseThrow();
        assertEquals(DnsRcode.NOERROR, answer.rcode());
        DnsAnswer wrongDomain = view.answer(index, VpcDnsView.locate(index, irish.id()).orElseThrow(),
                "ip-" + eni.privateIpAddress().replace('.', '-') + ".ec2.internal", VpcDnsView.TYPE_A).orElseThrow();
        assertEquals(DnsRcode.NXDOMAIN, wrongDomain.rcode());
    }

    @Test
    void ec2PublicHostnameIsPrivateInsideAndPublicOutside() {
        NetworkInterface eni = world.eni(subnetA, group.id());
        Address elastic = world.elasticIp(eni);
        String hostname = "ec2-" + elastic.publicIp().replace('.', '-') + ".compute-1.amazonaws.com";
        assertEquals(List.of(Ipv4Address.parse(eni.privateIpAddress()).orElseThrow()), addresses(ask(vpc, hostname, VpcDnsView.TYPE_A)));
        Vpc other = world.vpc("10.1.0.0/16");
        assertEquals(List.of(Ipv4Address.parse(elastic.publicIp()).orElseThrow()), addresses(ask(other, hostname, VpcDnsView.TYPE_A)));
        world.dnsAttributes(vpc.id(), true, false);
        assertEquals(DnsRcode.NXDOMAIN, ask(other, hostname, VpcDnsView.TYPE_A).rcode());
    }

    @Test
    void serviceNamesGiveThePathEnginesPublicAddresses() {
        DnsAnswer answer = ask(vpc, "api.ecr.us-east-1.amazonaws.com", VpcDnsView.TYPE_A);
        assertEquals(DnsRcode.NOERROR, answer.rcode());
        assertEquals(1, answer.records().size());
        assertEquals(ServiceNames.standard().serviceOfHostname("api.ecr.us-east-1.amazonaws.com").flatMap(ServiceAddresses.standard()::address)
                .orElseThrow(), answer.records().get(0).address());
    }

    @Test
    void everyOtherNameIsNxdomainAndNeverForwarded() {
        assertEquals(DnsRcode.NXDOMAIN, ask(vpc, "example.com", VpcDnsView.TYPE_A).rcode());
        assertEquals(DnsRcode.NXDOMAIN, ask(vpc, "nosuchservice.us-east-1.amazonaws.com", VpcDnsView.TYPE_A).rcode());
        assertEquals(DnsRcode.NXDOMAIN, ask(vpc, "vpce-0123456789abcdef0-abcd1234.ec2.us-east-1.vpce.amazonaws.com", VpcDnsView.TYPE_A).rcode());
        assertEquals(DnsRcode.NXDOMAIN, ask(vpc, "example.com", AAAA).rcode());
    }

    @Test
    void otherTypesOfAnExistingNameAreNoerrorWithoutRecords() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), group.id());
        DnsAnswer answer = ask(vpc, "sts.us-east-1.amazonaws.com", AAAA);
        assertEquals(DnsRcode.NOERROR, answer.rcode());
        assertEquals(List.of(), answer.records());
        assertEquals(1, ask(vpc, "sts.us-east-1.amazonaws.com", VpcDnsView.TYPE_ANY).records().size());
    }

    @Test
    void reverseNameOfAnInterfaceAddressIsItsPrivateHostname() {
        NetworkInterface eni = world.eni(subnetA, group.id());
        String[] octets = eni.privateIpAddress().split("\\.");
        String reverse = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".IN-ADDR.arpa.";
        DnsAnswer answer = ask(vpc, reverse, VpcDnsView.TYPE_PTR);
        assertEquals(DnsRcode.NOERROR, answer.rcode());
        assertEquals(List.of(eni.privateDnsName("us-east-1") + "."), answer.records().stream().map(DnsRecord::rdata).toList());
        assertEquals("PTR", answer.records().get(0).typeName());
        DnsAnswer asA = ask(vpc, reverse, VpcDnsView.TYPE_A);
        assertEquals(DnsRcode.NOERROR, asA.rcode());
        assertEquals(List.of(), asA.records());
        assertEquals(DnsRcode.NOERROR, ask(vpc, eni.privateDnsName("us-east-1"), VpcDnsView.TYPE_PTR).rcode());
        assertEquals(List.of(), ask(vpc, eni.privateDnsName("us-east-1"), VpcDnsView.TYPE_PTR).records());
    }

    @Test
    void reverseNamesWithoutAnInterfaceOrOutsideTheVpcAreNxdomain() {
        DnsAnswer unused = ask(vpc, "99.9.0.10.in-addr.arpa", VpcDnsView.TYPE_PTR);
        assertEquals(DnsRcode.NXDOMAIN, unused.rcode());
        assertEquals(false, unused.outsideView());
        DnsAnswer elsewhere = ask(vpc, "8.8.8.8.in-addr.arpa", VpcDnsView.TYPE_PTR);
        assertEquals(DnsRcode.NXDOMAIN, elsewhere.rcode());
        assertTrue(elsewhere.outsideView());
        assertTrue(ask(vpc, "0.10.in-addr.arpa", VpcDnsView.TYPE_PTR).outsideView());
    }

    @Test
    void reverseNamesNeedDnsHostnames() {
        NetworkInterface eni = world.eni(subnetA, group.id());
        String[] octets = eni.privateIpAddress().split("\\.");
        world.dnsAttributes(vpc.id(), true, false);
        DnsAnswer answer = ask(vpc, octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa", VpcDnsView.TYPE_PTR);
        assertEquals(DnsRcode.NXDOMAIN, answer.rcode());
        assertTrue(answer.outsideView());
    }

    @Test
    void onlyNamesNoRuleOwnsAreOutsideTheView() {
        assertTrue(ask(vpc, "example.com", VpcDnsView.TYPE_A).outsideView());
        assertEquals(false, ask(vpc, "ip-10-0-9-9.ec2.internal", VpcDnsView.TYPE_A).outsideView());
        assertEquals(false, ask(vpc, "sts.us-east-1.amazonaws.com", VpcDnsView.TYPE_A).outsideView());
    }

    @Test
    void dnsAndExplainAgreeOnTheAddress() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA, subnetB), group.id());
        NetworkInterface workload = world.eni(subnetB, group.id());
        PathResult result = world.explain(workload.id(), "sts.us-east-1.amazonaws.com", 443);
        Hop dns = result.hops().stream().filter(hop -> hop.type() == HopType.DNS).findFirst().orElseThrow();
        List<String> answered = ask(vpc, "sts.us-east-1.amazonaws.com", VpcDnsView.TYPE_A).records().stream().map(DnsRecord::rdata).toList();
        assertTrue(answered.stream().anyMatch(dns.detail()::contains), dns.detail() + " vs " + answered);
    }

    private DnsAnswer ask(Vpc in, String name, int type) {
        WorldIndex index = index();
        return view.answer(index, located(in), name, type).orElseThrow();
    }

    private VpcDnsView.VpcInScope located(Vpc in) {
        return VpcDnsView.locate(index(), in.id()).orElseThrow();
    }

    private WorldIndex index() {
        return WorldIndex.of(world.world());
    }

    private List<Long> interfaceAddresses(VpcEndpoint endpoint) {
        return endpoint.networkInterfaceIds().stream().map(id -> world.world().scope(AnalysisWorld.SCOPE)
                .find(dev.backlane.core.model.ResourceTypes.NETWORK_INTERFACE, id).orElseThrow())
                .map(eni -> Ipv4Address.parse(eni.privateIpAddress()).orElseThrow()).toList();
    }

    private static long address(dev.backlane.core.world.World snapshot, VpcEndpoint endpoint, String zone) {
        return endpoint.networkInterfaceIds().stream().map(id -> snapshot.scope(AnalysisWorld.SCOPE)
                .find(dev.backlane.core.model.ResourceTypes.NETWORK_INTERFACE, id).orElseThrow())
                .filter(eni -> eni.availabilityZone().equals(zone)).map(eni -> Ipv4Address.parse(eni.privateIpAddress()).orElseThrow())
                .findFirst().orElseThrow();
    }

    private static long publicAddress(String service) {
        return ServiceAddresses.standard().address("us-east-1", service).orElseThrow();
    }

    private static List<Long> addresses(DnsAnswer answer) {
        return answer.records().stream().map(DnsRecord::address).toList();
    }
}
