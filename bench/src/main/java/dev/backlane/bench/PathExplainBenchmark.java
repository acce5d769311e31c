package dev.backlane.bench;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Explained paths per second on a generated topology: 1,000 VPCs, 10,000 subnets, 50,000 network
 * interfaces (46,000 workloads and 4,000 endpoint interfaces) and 2,000 endpoints (an S3 gateway
 * endpoint and an STS interface endpoint in two zones per VPC), built directly with {@code World.builder()}.
 * 100,000 queries mix the interface endpoint's private name, S3 through the gateway endpoint, another
 * workload in the VPC and an internet address. Prints figures; run with
 * {@code java -cp bench/target/benchmarks.jar dev.backlane.bench.PathExplainBenchmark [queries]}.
 */
public final class PathExplainBenchmark {
    static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int VPCS = 1_000;
    private static final int SUBNETS_PER_VPC = 10;
    private static final int WORKLOADS_PER_VPC = 46;
    private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
    private static long nextId;

    private PathExplainBenchmark() {}

    public static void main(String[] args) {
        int queries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long buildStart = System.nanoTime();
        List<String> workloads = new ArrayList<>();
        World world = generate(workloads);
        long built = System.nanoTime();
        System.out.printf("topology: %d VPCs, %d subnets, %d interfaces, %d endpoints, built in %d ms%n",
                world.all(SCOPE, ResourceTypes.VPC).size(), world.all(SCOPE, ResourceTypes.SUBNET).size(),
                world.all(SCOPE, ResourceTypes.NETWORK_INTERFACE).size(), world.all(SCOPE, ResourceTypes.VPC_ENDPOINT).size(),
                (built - buildStart) / 1_000_000);
        PathEngine engine = new PathEngine(InstantSource.fixed(NOW.plusSeconds(3600)));
        long indexStart = System.nanoTime();
        WorldIndex index = engine.index(world);
        System.out.printf("indexes built in %d ms%n", (System.nanoTime() - indexStart) / 1_000_000);
        List<PathQuery> mix = queries(workloads, queries);
        run(engine, index, mix.subList(0, Math.min(20_000, mix.size())), "warm-up");
        run(engine, index, mix, "measured");
    }

    private static void run(PathEngine engine, WorldIndex index, List<PathQuery> queries, String label) {
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        long start = System.nanoTime();
        for (PathQuery query : queries) {
            PathResult result = engine.explain(index, query);
            verdicts.merge(result.verdict(), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d paths in %.3f s = %.0f paths/s, one thread; verdicts %s%n", label, queries.size(), seconds,
                queries.size() / seconds, verdicts);
    }

    private static List<PathQuery> queries(List<String> workloads, int count) {
        SplittableRandom random = new SplittableRandom(42);
        List<PathQuery> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String source = workloads.get(random.nextInt(workloads.size()));
            String destination = switch (i % 4) {
                case 0 -> "sts.us-east-1.amazonaws.com";
                case 1 -> "bucket-" + (i % 97) + ".s3.us-east-1.amazonaws.com";
                case 2 -> "10." + (random.nextInt(VPCS) / 250) + "." + (random.nextInt(4) * 16) + "." + (4 + random.nextInt(20));
                default -> "203.0.113." + random.nextInt(250);
            };
            queries.add(PathQuery.of(source, destination, Protocol.TCP, 443));
        }
        return queries;
    }

    private static String id(String prefix) {
        return prefix + "-" + String.format("%017x", ++nextId);
    }

    /** The generated topology; the workloads' interface IDs are added to {@code workloads}. */
    static World generate(List<String> workloads) {
        return generate(VPCS, workloads);
    }

    /** The same topology with {@code vpcs} VPCs (46 workloads, an S3 gateway and an STS interface endpoint each). */
    static World generate(int vpcs, List<String> workloads) {
        World.Builder builder = World.builder();
        for (int v = 0; v < vpcs; v++) {
            // 10.X.Y.0/20 blocks: four VPCs per second octet.
            int second = v / 4;
            int third = (v % 4) * 64;
            String base = "10." + second + ".";
            String vpcCidr = base + third + ".0/18";
            String vpcId = id("vpc");
            builder.put(SCOPE, ResourceTypes.VPC, new Vpc(vpcId, vpcCidr, List.of(CidrAssociation.ipv4(id("vpc-cidr-assoc"), vpcCidr)), List.of(),
                    "dopt-00000000000000001", "default", false, "available", true, true, false));
            SecurityGroup group = new SecurityGroup(id("sg"), "default", "default", vpcId, List.of(
                    new SecurityGroupRule(id("sgr"), false, "tcp", 443, 443, vpcCidr, null, null, null, null, null),
                    new SecurityGroupRule(id("sgr"), true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null, null)));
            builder.put(SCOPE, ResourceTypes.SECURITY_GROUP, group);
            List<Subnet> subnets = new ArrayList<>();
            List<NetworkAclAssociation> aclAssociations = new ArrayList<>();
            for (int s = 0; s < SUBNETS_PER_VPC; s++) {
                String cidr = base + (third + s * 4) + ".0/22";
                String zone = ZONES[s % ZONES.length];
                Subnet subnet = new Subnet(id("subnet"), vpcId, cidr, zone, "use1-az" + (s % 3 + 1), List.of(), false, false, false, false,
                        "ip-name", false, false, "available");
                subnets.add(subnet);
                builder.put(SCOPE, ResourceTypes.SUBNET, subnet);
                aclAssociations.add(new NetworkAclAssociation(id("aclassoc"), "acl-" + vpcId.substring(4), subnet.id()));
            }
            String aclId = "acl-" + vpcId.substring(4);
            builder.put(SCOPE, ResourceTypes.NETWORK_ACL, new NetworkAcl(aclId, vpcId, true, List.of(
                    new NetworkAclEntry(100, false, "-1", "allow", "0.0.0.0/0", null, null, null, null, null),
                    new NetworkAclEntry(100, true, "-1", "allow", "0.0.0.0/0", null, null, null, null, null),
                    new NetworkAclEntry(32767, false, "-1", "deny", "0.0.0.0/0", null, null, null, null, null),
                    new NetworkAclEntry(32767, true, "-1", "deny", "0.0.0.0/0", null, null, null, null, null)), aclAssociations));
            String gatewayEndpoint = id("vpce");
            String internetGateway = id("igw");
            builder.put(SCOPE, ResourceTypes.INTERNET_GATEWAY, new InternetGateway(internetGateway, vpcId));
            String tableId = id("rtb");
            builder.put(SCOPE, ResourceTypes.ROUTE_TABLE, new RouteTable(tableId, vpcId, List.of(
                    Route.local(vpcCidr, false),
                    new Route(null, null, "pl-63a5400a", gatewayEndpoint, null, null, null, null, null, null, null, null, null, "CreateRoute"),
                    new Route("0.0.0.0/0", null, null, internetGateway, null, null, null, null, null, null, null, null, null, "CreateRoute")),
                    List.of(new RouteTableAssociation(id("rtbassoc"), tableId, null, null, true, "associated")), List.of()));
            builder.put(SCOPE, ResourceTypes.VPC_ENDPOINT, new VpcEndpoint(gatewayEndpoint, vpcId, "com.amazonaws.us-east-1.s3", "us-east-1",
                    VpcEndpointType.GATEWAY, VpcEndpointState.AVAILABLE, null, List.of(tableId), List.of(), List.of(), List.of(), false, "ipv4",
                    "ipv4", false, "a1b2c3d4", NOW));
            String interfaceEndpoint = id("vpce");
            List<String> endpointInterfaces = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                Subnet subnet = subnets.get(e % 2);
                NetworkInterface eni = networkInterface(subnet, vpcId, address(subnet, 4 + e), group.id(), "vpc_endpoint", true, null);
                builder.put(SCOPE, ResourceTypes.NETWORK_INTERFACE, eni);
                if (e < 2) {
                    endpointInterfaces.add(eni.id());
                }
            }
            builder.put(SCOPE, ResourceTypes.VPC_ENDPOINT, new VpcEndpoint(interfaceEndpoint, vpcId, "com.amazonaws.us-east-1.sts", "us-east-1",
                    VpcEndpointType.INTERFACE, VpcEndpointState.AVAILABLE, null, List.of(), List.of(subnets.get(0).id(), subnets.get(1).id()),
                    List.of(group.id()), endpointInterfaces, true, "ipv4", "ipv4", false, "e5f6a7b8", NOW));
            for (int w = 0; w < WORKLOADS_PER_VPC; w++) {
                Subnet subnet = subnets.get(w % SUBNETS_PER_VPC);
                NetworkInterface eni = networkInterface(subnet, vpcId, address(subnet, 10 + w), group.id(), "interface", false,
                        w % 5 == 0 ? "54.0." + (v % 250) + "." + w : null);
                builder.put(SCOPE, ResourceTypes.NETWORK_INTERFACE, eni);
                workloads.add(eni.id());
            }
        }
        return builder.build();
    }

    private static String address(Subnet subnet, int host) {
        String[] octets = subnet.cidrBlock().split("[./]");
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + host;
    }

    private static NetworkInterface networkInterface(Subnet subnet, String vpcId, String address, String groupId, String type, boolean managed,
            String publicIp) {
        return new NetworkInterface(id("eni"), subnet.id(), vpcId, subnet.availabilityZone(), subnet.availabilityZoneId(), "", type, address,
                List.of(), List.of(), List.of(groupId), true, managed, managed ? "amazon-vpce" : null, "02:00:00:00:00:00", "in-use", null,
                publicIp, null, null);
    }
}
