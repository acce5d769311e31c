package dev.backlane.bench;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRcode;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.endpoint.EndpointServiceLookup;
import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.TrafficJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.traffic.WorkloadPlacement;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.core.world.World;
import dev.backlane.dataplane.dns.DnsListeners;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The scale of issue 11: 1,000 VPCs, each with two subnets and ten interface endpoints with private DNS on
 * (sts, ssm, kms, sqs, secretsmanager, logs, ecr.api, sns, lambda, monitoring), and 10,000 ad-hoc workloads
 * (ten per VPC, each an interface of its own), all made through the core's commands as the API makes them.
 * Prints the heap the world takes, the latency of DNS answers in process (through {@link VpcDnsView}, what the
 * gateway and the listeners ask) and over UDP through the listeners of a sample of VPCs, and the latency of the
 * gateway's decision: the path engine's answer, with the endpoint policy's, for an HTTPS call from a workload
 * to a service hostname ({@link TrafficJudge#query}). Goals: DNS p99 under 1 ms, decision p99 under 100 µs,
 * heap under 1 GiB. Run with {@code bench/scale.sh} (see bench/README.md).
 */
public final class VpcScaleBenchmark {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    /** Zones where all ten services are offered, as the scope's account names them (its zone mapping is its own). */
    private static final String ZONE_A = System.getProperty("zoneA", "us-east-1a");
    private static final String ZONE_B = System.getProperty("zoneB", "us-east-1c");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] SERVICES = {"sts", "ssm", "kms", "sqs", "secretsmanager", "logs", "ecr.api", "sns", "lambda", "monitoring"};
    private static final String[] ACTIONS = {"sts:GetCallerIdentity", "ssm:GetParameter", "kms:Decrypt", "sqs:SendMessage",
        "secretsmanager:GetSecretValue", "logs:PutLogEvents", "ecr:GetAuthorizationToken", "sns:Publish", "lambda:InvokeFunction",
        "cloudwatch:PutMetricData"};

    private record Placed(Vpc vpc, List<String> privateNames, List<String> endpointNames, List<Workload> workloads, List<String> hostnames) {
    }

    private VpcScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int vpcCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int workloadsPerVpc = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        Quotas quotas = Quotas.awsDefaults().with("vpcs-per-region", vpcCount + 10).with("network-interfaces-per-region", 1_000_000)
                .with("security-groups-per-region", 10 * vpcCount + 10);
        VpcCommands vpcs = new VpcCommands(quotas);
        Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), TransitionTimes.instant(), IdSource.sequential(),
                new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
        SubnetCommands subnets = new SubnetCommands(quotas, RegionCatalog.standard());
        NetworkInterfaceCommands interfaces = new NetworkInterfaceCommands(quotas);
        VpcEndpointCommands endpoints = new VpcEndpointCommands(EndpointServiceLookup.awsServices(), AwsPrefixListCatalog.standard(), interfaces,
                quotas);
        WorkloadPlacement placement = new WorkloadPlacement(interfaces);
        List<Placed> placed = new ArrayList<>();
        for (int v = 0; v < vpcCount; v++) {
            // A /20 per VPC, 16 per second octet; subnets a and b are its first two /24s.
            String second = "10." + (v / 16) + ".";
            int third = (v % 16) * 16;
            placed.add(cloud.write(SCOPE, tx -> {
                Vpc vpc = vpcs.create(tx, new VpcCommands.CreateVpc(second + third + ".0/20", false, null));
                vpcs.modifyAttribute(tx, vpc.id(), null, true, null);
                Subnet a = subnets.create(tx, new SubnetCommands.CreateSubnet(vpc.id(), second + third + ".0/24", null, ZONE_A, null));
                Subnet b = subnets.create(tx, new SubnetCommands.CreateSubnet(vpc.id(), second + (third + 1) + ".0/24", null, ZONE_B, null));
                List<String> privateNames = new ArrayList<>();
                List<String> endpointNames = new ArrayList<>();
                for (String service : SERVICES) {
                    VpcEndpoint endpoint = endpoints.create(tx, new VpcEndpointCommands.CreateVpcEndpoint(vpc.id(), "com.amazonaws.us-east-1." + service,
                            null, VpcEndpointType.INTERFACE, null, List.of(), List.of(a.id(), b.id()), List.of(), true, null, null, null));
                    privateNames.add(service.equals("ecr.api") ? "api.ecr.us-east-1.amazonaws.com" : service + ".us-east-1.amazonaws.com");
                    // The regional name, vpce-…-<suffix>.<service's reversed labels>.us-east-1.vpce.amazonaws.com (checked by the answers' rcodes).
                    endpointNames.add(endpoint.id() + "-" + endpoint.dnsSuffix() + "." + (service.equals("ecr.api") ? "api.ecr" : service)
                            + ".us-east-1.vpce.amazonaws.com");
                }
                List<Workload> workloads = new ArrayList<>();
                List<String> hostnames = new ArrayList<>();
                for (int w = 0; w < workloadsPerVpc; w++) {
                    Workload workload = placement.adHoc(tx, (w % 2 == 0 ? a : b).id(), List.of(), Optional.empty(), Optional.empty());
                    workloads.add(workload);
                }
                return new Placed(vpc, privateNames, endpointNames, workloads, hostnames);
            }));
        }
        World world = cloud.snapshot();
        long built = System.nanoTime();
        PathEngine engine = new PathEngine(InstantSource.fixed(NOW));
        WorldIndex index = engine.index(world);
        long indexed = System.nanoTime();
        for (Placed vpc : placed) {
            for (Workload workload : vpc.workloads()) {
                NetworkInterface eni = index.scopes().iterator().next().networkInterface(workload.networkInterfaceId()).orElseThrow();
                vpc.hostnames().add(eni.privateDnsName(SCOPE.region()));
            }
        }
        long heapAfter = usedHeap();
        ScopeIndex scope = index.scopes().iterator().next();
        System.out.printf("world: %d VPCs, %d subnets, %d interface endpoints, %d network interfaces (%d workloads), made by commands in %.1f s;"
                + " indexed in %d ms%n", scope.vpcs().size(), vpcCount * 2, vpcCount * SERVICES.length,
                world.all(SCOPE, dev.backlane.core.model.ResourceTypes.NETWORK_INTERFACE).size(), vpcCount * workloadsPerVpc,
                (built - start) / 1e9, (indexed - built) / 1_000_000);
        System.out.printf("heap used after building (world, index, after GC): %.0f MiB (goal < 1024 MiB)%n", (heapAfter - heapBefore) / 1048576.0);

        dnsInProcess(index, placed, samples);
        decisions(engine, index, placed, samples);
        dnsOverUdp(index, placed, Math.min(samples, 50_000));
        System.out.printf("heap used at the end (after GC): %.0f MiB%n", (usedHeap() - heapBefore) / 1048576.0);
    }

    /** VpcDnsView.answer for random names of random VPCs: private DNS names, endpoint names, EC2 hostnames, public and unknown names. */
    private static void dnsInProcess(WorldIndex index, List<Placed> placed, int samples) {
        VpcDnsView view = VpcDnsView.standard();
        SplittableRandom random = new SplittableRandom(7);
        for (String phase : List.of("warm-up", "measured")) {
            long[] nanos = new long[samples];
            Map<DnsRcode, Integer> rcodes = new EnumMap<>(DnsRcode.class);
            for (int i = 0; i < samples; i++) {
                Placed vpc = placed.get(random.nextInt(placed.size()));
                String name = name(vpc, random, i);
                long begin = System.nanoTime();
                VpcDnsView.VpcInScope in = VpcDnsView.locate(index, vpc.vpc().id()).orElseThrow();
                DnsAnswer answer = view.answer(index, in, name, VpcDnsView.TYPE_A).orElseThrow();
                nanos[i] = System.nanoTime() - begin;
                rcodes.merge(answer.rcode(), 1, Integer::sum);
            }
            print("DNS answer in process (VpcDnsView, uncached), " + phase, nanos, rcodes.toString());
        }
    }

    /** The gateway's question for an HTTPS call from a random workload to one of its VPC's endpoint services, with the policy's answer. */
    private static void decisions(PathEngine engine, WorldIndex index, List<Placed> placed, int samples) {
        SplittableRandom random = new SplittableRandom(11);
        for (String phase : List.of("warm-up", "measured")) {
            long[] nanos = new long[samples];
            Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
            for (int i = 0; i < samples; i++) {
                Placed vpc = placed.get(random.nextInt(placed.size()));
                Workload workload = vpc.workloads().get(random.nextInt(vpc.workloads().size()));
                int service = random.nextInt(SERVICES.length);
                String hostname = vpc.privateNames().get(service);
                RequestFacts facts = new RequestFacts(ACTIONS[service].substring(0, ACTIONS[service].indexOf(':')), SCOPE.region(), Optional.empty(),
                        hostname, ACTIONS[service].substring(ACTIONS[service].indexOf(':') + 1), ACTIONS[service], "*");
                long begin = System.nanoTime();
                PathResult result = engine.explain(index, TrafficJudge.query(workload, facts, SCOPE.account()), NOW);
                nanos[i] = System.nanoTime() - begin;
                verdicts.merge(result.verdict(), 1, Integer::sum);
            }
            print("gateway decision (path engine + endpoint policy, TCP 443 to a service hostname), " + phase, nanos, verdicts.toString());
        }
    }

    /** Queries over UDP, one at a time, to the listeners of the first 100 VPCs: the round trip a client sees. */
    private static void dnsOverUdp(WorldIndex index, List<Placed> placed, int samples) throws Exception {
        List<Placed> sample = placed.subList(0, Math.min(100, placed.size()));
        try (DnsListeners listeners = new DnsListeners(() -> index, VpcDnsView.standard(), new EventStream(), InstantSource.fixed(NOW),
                InetAddress.getLoopbackAddress()); DatagramSocket socket = new DatagramSocket()) {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (Placed vpc : sample) {
                addresses.add(listeners.open(vpc.vpc().id()).orElseThrow().address());
            }
            socket.setSoTimeout(2000);
            SplittableRandom random = new SplittableRandom(13);
            byte[] buffer = new byte[4096];
            for (String phase : List.of("warm-up", "measured")) {
                long[] nanos = new long[samples];
                int answered = 0;
                for (int i = 0; i < samples; i++) {
                    int v = random.nextInt(sample.size());
                    byte[] query = query(i & 0xFFFF, name(sample.get(v), random, i));
                    long begin = System.nanoTime();
                    socket.send(new DatagramPacket(query, query.length, addresses.get(v)));
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    socket.receive(reply);
                    nanos[i] = System.nanoTime() - begin;
                    answered += (buffer[3] & 0x0F) == 0 ? 1 : 0;
                }
                print("DNS over UDP through the listeners of " + sample.size() + " VPCs (one query at a time), " + phase, nanos,
                        answered + " NOERROR");
            }
        }
    }

    private static String name(Placed vpc, SplittableRandom random, int i) {
        return switch (i % 5) {
            case 0, 1 -> vpc.privateNames().get(random.nextInt(vpc.privateNames().size()));
            case 2 -> vpc.endpointNames().get(random.nextInt(vpc.endpointNames().size()));
            case 3 -> vpc.hostnames().get(random.nextInt(vpc.hostnames().size()));
            default -> random.nextBoolean() ? "s3.us-east-1.amazonaws.com" : "host-" + i + ".example.com";
        };
    }

    private static byte[] query(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return out.toByteArray();
    }

    private static void print(String label, long[] nanos, String outcomes) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: %d samples, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; %s%n", label, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), sorted[sorted.length - 1] / 1000.0, outcomes);
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1000.0;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
