package dev.backlane.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.Hop;
import dev.backlane.core.analysis.HopType;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.data.AwsPrefixListCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Explains paths on each account snapshot of the fixtures, read with {@link SnapshotReader}. Every
 * expected answer is derived by hand from the snapshot's JSON and AWS's documented semantics; the
 * comment above each test says which routes, groups and ACL entries decide it.
 */
class FixturePathTest {
    /** After every snapshot was taken (2020): NAT gateways and endpoints are in their recorded states. */
    private static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PathEngine engine = new PathEngine(InstantSource.fixed(AT));

    // ---- nat-gateway (us-east-2, vpc-0008a7b45e3ddf1dd) ----

    /*
     * i-0a128d26e59be60f3 (10.1.1.98, no public address) is in subnet-06f469bcee42e408e, associated with
     * rtb-02fe228b42de92a7c: 0.0.0.0/0 -> nat-07ab4846da51f4612 (available, EIP 3.135.127.225) in
     * subnet-0428892a357fa1f94, whose rtb-0ddf14681733ed0b7 sends 0.0.0.0/0 to igw-071753b9c23d8a9b2. Group
     * sg-0253af84ae6485905 allows all egress; the source's ACL acl-0380e24eb934b075e allows everything;
     * the NAT subnet's acl-0792adae678b88f85 allows inbound all (rule 200, since rule 100 is ICMP only)
     * and outbound all (rule 100). So the internet is reached PUBLIC via the NAT gateway.
     */
    @Test
    void privateInstanceReachesTheInternetThroughTheNatGateway() {
        PathResult result = explain("nat-gateway", "i-0a128d26e59be60f3", "8.8.8.8", 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of("nat-07ab4846da51f4612"), result.via());
        assertEquals(List.of(), codes(result));
        assertHop(result, HopType.ROUTE_TABLE, "rtb-02fe228b42de92a7c");
        assertHop(result, HopType.NAT_GATEWAY, "nat-07ab4846da51f4612");
        assertHop(result, HopType.ROUTE_TABLE, "rtb-0ddf14681733ed0b7");
        assertHop(result, HopType.INTERNET_GATEWAY, "igw-071753b9c23d8a9b2");
        assertTrue(hop(result, HopType.NAT_GATEWAY).detail().contains("3.135.127.225"), hop(result, HopType.NAT_GATEWAY).detail());
        assertHop(result, HopType.NETWORK_ACL, "acl-0792adae678b88f85");
    }

    /* The same NAT path carries S3: the VPC has no gateway endpoint, so S3's public name resolves to a public address. */
    @Test
    void s3FromThePrivateInstanceLeavesThroughTheNatGateway() {
        PathResult result = explain("nat-gateway", "i-0a128d26e59be60f3", "com.amazonaws.us-east-2.s3", 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of("nat-07ab4846da51f4612"), result.via());
        assertHop(result, HopType.AWS_SERVICE, "com.amazonaws.us-east-2.s3");
    }

    /*
     * i-0b31b509174d7f5de (10.1.250.116, public 18.216.129.140) sits in the NAT's own public subnet, whose
     * rtb-0ddf14681733ed0b7 sends 0.0.0.0/0 straight to the internet gateway: PUBLIC via the igw.
     */
    @Test
    void publicInstanceReachesTheInternetThroughTheInternetGateway() {
        PathResult result = explain("nat-gateway", "i-0b31b509174d7f5de", "8.8.8.8", 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of("igw-071753b9c23d8a9b2"), result.via());
        assertTrue(hop(result, HopType.INTERNET_GATEWAY).detail().contains("18.216.129.140"));
    }

    /*
     * subnet-02ff259e663e9613e has no explicit association, so the main table rtb-0e169c4a1e0b27b55 applies;
     * it holds only the local route 10.1.0.0/16, which does not match 8.8.8.8.
     */
    @Test
    void instanceOnTheMainRouteTableHasNoRouteToTheInternet() {
        PathResult result = explain("nat-gateway", "i-0a73a1a6021c03ddb", "8.8.8.8", 443);
        assertBlocked(result, ExplanationCode.NO_ROUTE_TO_DESTINATION, "rtb-0e169c4a1e0b27b55");
    }

    /*
     * Inside the VPC: 10.1.250.116 is on the local route; sg-0253af84ae6485905 admits tcp 22 from
     * 0.0.0.0/0 and acl-0792adae678b88f85 admits it (rule 200), so SSH from the private instance arrives;
     * port 80 has no ingress rule in that group.
     */
    @Test
    void sshBetweenInstancesIsAllowedButHttpIsNot() {
        PathResult ssh = explain("nat-gateway", "i-0a128d26e59be60f3", "10.1.250.116", 22);
        assertEquals(Verdict.PRIVATE, ssh.verdict());
        assertEquals(Optional.empty(), ssh.via());
        assertHop(ssh, HopType.NETWORK_INTERFACE, "eni-068fb5a0a9a57f23c");
        PathResult http = explain("nat-gateway", "i-0a128d26e59be60f3", "10.1.250.116", 80);
        assertBlocked(http, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-0253af84ae6485905");
    }

    // ---- public-private-subnet (us-east-2, vpc-0b966fdeb36d5e43f) ----

    /* i-094a9e5b545a4fde4 (public 13.58.55.60) is in subnet-0cf7a93fbd779f3a3: rtb-0d20fcae075afe460 sends 0.0.0.0/0 to igw-0eac198308206c358. */
    @Test
    void publicSubnetInstanceReachesTheInternet() {
        PathResult result = explain("public-private-subnet", "i-094a9e5b545a4fde4", "8.8.8.8", 443);
        assertEquals(Verdict.PUBLIC, result.verdict());
        assertEquals(Optional.of("igw-0eac198308206c358"), result.via());
    }

    /*
     * The private instance i-099cf38911942421c is in subnet-0f263105946ad1a1d, which has no explicit
     * association: the main table rtb-002f0eabf583bf991 sends 0.0.0.0/0 to vgw-070087240d6fa2989, a
     * virtual private gateway (the snapshot's VpnGateways and VpnConnections). Behind it is the customer's
     * network over VPN, which no describe-* output describes, so whether S3 or the internet is reached
     * from there cannot be decided: the path stops at the route with ROUTE_TARGET_NOT_ANALYZED naming it.
     */
    @Test
    void privateSubnetRoutesThroughAVirtualPrivateGatewayBacklaneCannotSeeBehind() {
        PathResult result = explain("public-private-subnet", "i-099cf38911942421c", "com.amazonaws.us-east-2.s3", 443);
        assertBlocked(result, ExplanationCode.ROUTE_TARGET_NOT_ANALYZED, "rtb-002f0eabf583bf991");
        Explanation last = result.explanations().get(result.explanations().size() - 1);
        assertTrue(last.detail().contains("virtual private gateway vgw-070087240d6fa2989"), last.detail());
    }

    /* The two instances share the default ACL (allow all); sg-0662342465612f419 on the public one admits tcp 22 from anywhere. */
    @Test
    void privateInstanceReachesThePublicOneOverSsh() {
        PathResult result = explain("public-private-subnet", "i-099cf38911942421c", "10.0.0.47", 22);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertHop(result, HopType.SECURITY_GROUP, "sg-0662342465612f419");
    }

    // ---- vpc-endpoint-gateway (us-east-1, vpc-05d56c7295fca139b) ----

    /*
     * i-01c6c0647fdccc89e (private) is in subnet-01e5f0945f6d6f47c with rtb-04f71fc2caa8d94cf: local plus
     * pl-63a5400a -> vpce-0b7357542bb7b83ec (available). S3's public name resolves into S3's published
     * us-east-1 ranges, inside pl-63a5400a (3.5.0.0/20 among them): PRIVATE via the gateway endpoint.
     */
    @Test
    void privateInstanceReachesS3ThroughTheGatewayEndpoint() {
        PathResult result = explain("vpc-endpoint-gateway", "i-01c6c0647fdccc89e", "com.amazonaws.us-east-1.s3", 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.of("vpce-0b7357542bb7b83ec"), result.via());
        assertTrue(hop(result, HopType.ROUTE_TABLE).detail().contains("pl-63a5400a"), hop(result, HopType.ROUTE_TABLE).detail());
        assertHop(result, HopType.AWS_SERVICE, "com.amazonaws.us-east-1.s3");
    }

    /* The same table has no default route, so an internet address matches nothing. */
    @Test
    void privateInstanceHasNoRouteToTheInternet() {
        assertBlocked(explain("vpc-endpoint-gateway", "i-01c6c0647fdccc89e", "8.8.8.8", 443), ExplanationCode.NO_ROUTE_TO_DESTINATION,
                "rtb-04f71fc2caa8d94cf");
    }

    /*
     * rtb-0efde4139784b75b0 of the public subnet has both 0.0.0.0/0 -> igw and pl-63a5400a -> the endpoint.
     * The prefix list's CIDRs (/15 to /21) are longer than /0, so S3 goes PRIVATE via the endpoint while
     * other addresses go PUBLIC via the internet gateway (the instance has public 18.206.223.222).
     */
    @Test
    void publicInstancePrefersTheGatewayEndpointForS3ByLongestPrefix() {
        PathResult s3 = explain("vpc-endpoint-gateway", "i-0464d440ca0ee9e34", "52.216.10.20", 443);
        assertEquals(Verdict.PRIVATE, s3.verdict());
        assertEquals(Optional.of("vpce-0b7357542bb7b83ec"), s3.via());
        PathResult internet = explain("vpc-endpoint-gateway", "i-0464d440ca0ee9e34", "8.8.8.8", 443);
        assertEquals(Verdict.PUBLIC, internet.verdict());
        assertEquals(Optional.of("igw-0c8afe4471084ccba"), internet.via());
    }

    // ---- vpc-endpoint-interface (us-east-1, vpc-072d45b801aeffef2) ----

    /*
     * vpce-083c683a6be29b889 (CloudTrail, available, private DNS on) has eni-0084b734451ba23ca at
     * 10.1.101.97 in subnet-0bb8615d8368ece31, us-east-1a, where the snapshot's ServiceDetails offer
     * CloudTrail. The private name cloudtrail.us-east-1.amazonaws.com therefore resolves to 10.1.101.97 in
     * the VPC; i-0a0fbd0cfa774970f sits in the same subnet; sg-0973207c61f3466e1 on the endpoint admits
     * tcp 443 from 0.0.0.0/0. PRIVATE via the endpoint, same zone, so no crossing is reported.
     */
    @Test
    void instanceReachesCloudTrailThroughTheInterfaceEndpoint() {
        PathResult result = explain("vpc-endpoint-interface", "i-0a0fbd0cfa774970f", "com.amazonaws.us-east-1.cloudtrail", 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.of("vpce-083c683a6be29b889"), result.via());
        assertEquals(List.of(), codes(result));
        assertTrue(hop(result, HopType.DNS).detail().contains("10.1.101.97"), hop(result, HopType.DNS).detail());
        assertHop(result, HopType.VPC_ENDPOINT, "vpce-083c683a6be29b889");
    }

    /* From the other subnet (subnet-0611b848137c513d1, also us-east-1a) the local route carries it; the shared ACL allows all. */
    @Test
    void instanceInTheOtherSubnetAlsoReachesCloudTrailPrivately() {
        PathResult result = explain("vpc-endpoint-interface", "i-0eb6eb395a0d09117", "cloudtrail.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.of("vpce-083c683a6be29b889"), result.via());
        assertHop(result, HopType.NETWORK_ACL, "acl-011135a03c2212fe9");
    }

    /* sg-0973207c61f3466e1 has ingress for tcp 22 and 443, udp 33434-33534 and ICMP echo only: tcp 80 is refused at the endpoint. */
    @Test
    void endpointGroupRefusesPortsOtherThanItsRules() {
        PathResult result = explain("vpc-endpoint-interface", "i-0eb6eb395a0d09117", "com.amazonaws.us-east-1.cloudtrail", 80);
        assertBlocked(result, ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-0973207c61f3466e1");
    }

    /*
     * No S3 endpoint in this VPC: S3 resolves publicly and rtb-07e4f0e11d543c220 sends it to
     * igw-051ef323d8b6da33a. The instance with public 3.86.201.253 gets out; i-0a0fbd0cfa774970f has no
     * public address, so the internet gateway cannot carry its traffic (the source instance is named).
     */
    @Test
    void s3GoesOverTheInternetGatewayOnlyForTheInstanceWithAPublicAddress() {
        PathResult publicOne = explain("vpc-endpoint-interface", "i-0eb6eb395a0d09117", "com.amazonaws.us-east-1.s3", 443);
        assertEquals(Verdict.PUBLIC, publicOne.verdict());
        assertEquals(Optional.of("igw-051ef323d8b6da33a"), publicOne.via());
        PathResult privateOne = explain("vpc-endpoint-interface", "i-0a0fbd0cfa774970f", "com.amazonaws.us-east-1.s3", 443);
        assertBlocked(privateOne, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, "i-0a0fbd0cfa774970f");
    }

    // ---- vpc-peering (us-east-2) ----

    /*
     * vpc-0404e08ceddf7f650 (10.10.0.0/16) peers with two VPCs that both hold 192.168.0.0/16:
     * pcx-0b89b559e3319d6cf to vpc-00a31ce9d0c06675c and pcx-0d5b836985ac8ca8c to vpc-09095dbf2886404ee.
     * Its main table rtb-0891861fffaea6d52 sends 192.168.1.0/24 to the first and 192.168.2.0/24 to the
     * second. 192.168.2.229 (i-04a292ff83b3aa833) is in vpc-09095dbf2886404ee: only the peering record,
     * not the address, tells which VPC is behind pcx-0d5b836985ac8ca8c. Its table rtb-0890ea815555d4457
     * returns 10.10.0.0/16 through the same connection; sg-0b3df494998412a48 admits tcp 22 from anywhere.
     */
    @Test
    void peeringFollowsTheConnectionRecordWhenPeerVpcsOverlap() {
        PathResult result = explain("vpc-peering", "i-06ba034d88c84ef07", "192.168.2.229", 22);
        assertEquals(Verdict.PRIVATE, result.verdict());
        assertEquals(Optional.of("pcx-0d5b836985ac8ca8c"), result.via());
        assertHop(result, HopType.NETWORK_INTERFACE, "eni-06347554b65539ff3");
        assertHop(result, HopType.SECURITY_GROUP, "sg-0b3df494998412a48");
    }

    /* 192.168.1.106 (i-0b14080af811fda3d) is behind pcx-0b89b559e3319d6cf; rtb-017c36290c9baf017 returns 10.10.0.0/16 through it. */
    @Test
    void peeringReachesTheOtherPeerAndBack() {
        PathResult forward = explain("vpc-peering", "i-06ba034d88c84ef07", "192.168.1.106", 22);
        assertEquals(Verdict.PRIVATE, forward.verdict());
        assertEquals(Optional.of("pcx-0b89b559e3319d6cf"), forward.via());
        PathResult backward = explain("vpc-peering", "i-0b14080af811fda3d", "10.10.10.157", 22);
        assertEquals(Verdict.PRIVATE, backward.verdict());
        assertEquals(Optional.of("pcx-0b89b559e3319d6cf"), backward.via());
        assertHop(backward, HopType.SECURITY_GROUP, "sg-09606ce9642cac154");
    }

    /* The peer's group sg-065c26b39e45ae384 admits only tcp 22. */
    @Test
    void peerGroupRefusesOtherPorts() {
        assertBlocked(explain("vpc-peering", "i-06ba034d88c84ef07", "192.168.1.106", 443), ExplanationCode.ENI_SG_RULES_MISMATCH,
                "sg-065c26b39e45ae384");
    }

    /*
     * Peering is not transitive: from vpc-09095dbf2886404ee, 192.168.1.106 is inside its own
     * 192.168.0.0/16, so the local route takes it, and no interface of that VPC holds the address.
     */
    @Test
    void peeringIsNotTransitive() {
        assertBlocked(explain("vpc-peering", "i-04a292ff83b3aa833", "192.168.1.106", 22), ExplanationCode.NO_INTERFACE_AT_ADDRESS,
                "vpc-09095dbf2886404ee");
    }

    /* rtb-017c36290c9baf017's default route points at igw-0a2c9ae201b441bff and AWS recorded it as a blackhole. */
    @Test
    void blackholeDefaultRouteBlocksTheInternet() {
        assertBlocked(explain("vpc-peering", "i-0b14080af811fda3d", "8.8.8.8", 443), ExplanationCode.BAD_STATE_ROUTE, "rtb-017c36290c9baf017");
    }

    /* Only an active connection carries traffic: the same snapshot with the connection pending acceptance is blocked at it. */
    @Test
    void peeringConnectionThatIsNotActiveCarriesNothing() {
        for (String status : List.of("pending-acceptance", "deleted", "rejected")) {
            Snapshot snapshot = withPeeringStatus("pcx-0d5b836985ac8ca8c", status);
            PathResult result = engine.explain(snapshot.world(), PathQuery.of("i-06ba034d88c84ef07", "192.168.2.229", Protocol.TCP, 22));
            assertBlocked(result, ExplanationCode.BAD_STATE, "pcx-0d5b836985ac8ca8c");
            assertTrue(last(result).detail().contains(status), last(result).detail());
        }
    }

    /* 192.168.3.9 matches no route of rtb-0891861fffaea6d52 (only the two /24s go to peers). */
    @Test
    void addressOutsideThePeeredRangesHasNoRoute() {
        assertBlocked(explain("vpc-peering", "i-06ba034d88c84ef07", "192.168.3.9", 22), ExplanationCode.NO_ROUTE_TO_DESTINATION,
                "rtb-0891861fffaea6d52");
    }

    // ---- helpers ----

    private PathResult explain(String snapshot, String from, String to, int port) {
        return engine.explain(SnapshotFolder.read(AwsSnapshotFixtures.path(snapshot)).world(), PathQuery.of(from, to, Protocol.TCP, port));
    }

    private static Snapshot withPeeringStatus(String connectionId, String status) {
        Path root = AwsSnapshotFixtures.path("vpc-peering");
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                JsonNode document = JSON.readTree(file.toFile());
                for (JsonNode connection : document.path("VpcPeeringConnections")) {
                    if (connection.path("VpcPeeringConnectionId").asText().equals(connectionId)) {
                        ((ObjectNode) connection.get("Status")).put("Code", status);
                    }
                }
                documents.put(root.relativize(file).toString().replace('\\', '/'), document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SnapshotReader(AwsPrefixListCatalog.standard()).readDocuments(documents);
    }

    private static List<ExplanationCode> codes(PathResult result) {
        return result.explanations().stream().map(Explanation::code).toList();
    }

    private static Explanation last(PathResult result) {
        return result.explanations().get(result.explanations().size() - 1);
    }

    private static void assertBlocked(PathResult result, ExplanationCode code, String component) {
        assertEquals(Verdict.BLOCKED, result.verdict(), result.toString());
        assertEquals(Optional.empty(), result.via());
        assertEquals(code, last(result).code(), result.explanations().toString());
        assertEquals(component, last(result).component(), last(result).toString());
    }

    private static Hop hop(PathResult result, HopType type) {
        return result.hops().stream().filter(hop -> hop.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " hop in " + result.hops()));
    }

    private static void assertHop(PathResult result, HopType type, String id) {
        assertTrue(result.hops().stream().anyMatch(hop -> hop.type() == type && hop.id().equals(id)), type + " " + id + " not in " + result.hops());
    }
}
