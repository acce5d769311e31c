package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.network.RouteTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name of every AWS service in every region, in every VPC a service's traffic can meet: no endpoint,
 * only S3 and DynamoDB gateway endpoints, interface endpoints of every service with private DNS on, and
 * the same with it off; each with a default route through a NAT gateway, an internet gateway, or none.
 * The verdict must be AWS's: through an interface endpoint when its service's private DNS name covers the
 * name and private DNS is on; through the gateway endpoint for S3's and DynamoDB's names; otherwise out
 * through the NAT or internet gateway, or nowhere without a default route.
 */
class EveryServiceVerdictTest {
    private static final ServiceNames NAMES = ServiceNames.standard();

    enum Endpoints { NONE, GATEWAY, INTERFACE_PRIVATE_DNS_ON, INTERFACE_PRIVATE_DNS_OFF }

    enum DefaultRoute { NAT_GATEWAY, INTERNET_GATEWAY, NONE }

    static Stream<String> regions() {
        return RegionCatalog.standard().regions().stream().map(Region::name);
    }

    @ParameterizedTest
    @MethodSource("regions")
    void everyNameOfEveryServiceGetsAwsVerdict(String region) {
        List<PublicService> services = NAMES.services(region);
        assertTrue(services.size() > 100, region + " has only " + services.size() + " services");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Endpoints endpoints : Endpoints.values()) {
            for (DefaultRoute route : DefaultRoute.values()) {
                Topology topology = new Topology(region, endpoints, route);
                for (PublicService service : services) {
                    for (String name : NAMES.hostnames(service)) {
                        String hostname = name.startsWith("*.") ? "abcdef1234" + name.substring(1) : name;
                        Expected expected = topology.expected(service, hostname);
                        PathResult result = topology.world.explain(topology.workload.id(), hostname, 443);
                        checked++;
                        if (result.verdict() != expected.verdict() || !result.via().equals(expected.via())) {
                            mismatches.add(endpoints + "/" + route + " " + hostname + ": expected " + expected + ", got " + result.verdict() + " "
                                    + result.via() + " " + result.hops().stream().filter(hop -> hop.type() == HopType.DNS).findFirst()
                                    .map(Hop::detail).orElse(""));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), mismatches.size() + " of " + checked + " wrong");
    }

    private record Expected(Verdict verdict, Optional<String> via) {}

    /** One VPC in the region: the workload's subnet, its default route and the endpoints of the case. */
    private static final class Topology {
        final AnalysisWorld world;
        final NetworkInterface workload;
        final Endpoints endpoints;
        final DefaultRoute route;
        final Optional<String> exit;
        final Map<String, String> endpointByService = new HashMap<>();

        Topology(String region, Endpoints endpoints, DefaultRoute route) {
            this.world = new AnalysisWorld(new Scope("111122223333", region));
            this.endpoints = endpoints;
            this.route = route;
            String zone = RegionCatalog.standard().region(region).orElseThrow().zones().get(0).name();
            Vpc vpc = world.vpc("10.0.0.0/16");
            Subnet subnet = world.subnet(vpc, "10.0.1.0/24", zone);
            SecurityGroup workloads = world.group(vpc, "workloads");
            SecurityGroup endpointGroup = world.group(vpc, "endpoints");
            world.allowIn(endpointGroup.id(), 443, "10.0.0.0/16");
            this.workload = world.eni(subnet, workloads.id());
            String table = world.mainRouteTable(vpc);
            this.exit = switch (route) {
                case NAT_GATEWAY -> {
                    Subnet publicSubnet = world.subnet(vpc, "10.0.0.0/24", zone);
                    RouteTable publicTable = world.routeTable(vpc, publicSubnet);
                    world.internetRoute(vpc, publicTable.id());
                    NatGateway nat = world.natGateway(publicSubnet);
                    world.route(table, "0.0.0.0/0", RouteTarget.natGateway(nat.id()));
                    yield Optional.of(nat.id());
                }
                case INTERNET_GATEWAY -> {
                    world.elasticIp(workload);
                    yield Optional.of(world.internetRoute(vpc, table));
                }
                case NONE -> Optional.empty();
            };
            switch (endpoints) {
                case NONE -> { }
                case GATEWAY -> {
                    for (AwsPrefixList list : AwsPrefixListCatalog.standard().region(region)) {
                        endpointByService.put(list.service(), world.gatewayEndpoint(vpc, list.name(), list.id(), table).id());
                    }
                }
                case INTERFACE_PRIVATE_DNS_ON, INTERFACE_PRIVATE_DNS_OFF -> {
                    for (AwsService service : NAMES.catalog().services(region)) {
                        if (service.offers("Interface")) {
                            VpcEndpoint endpoint = world.interfaceEndpoint(vpc, service.serviceName(), endpoints == Endpoints.INTERFACE_PRIVATE_DNS_ON,
                                    "available", List.of(subnet), endpointGroup.id());
                            endpointByService.put(service.serviceName(), endpoint.id());
                        }
                    }
                }
            }
        }

        /** AWS's verdict for a name of the service, worked out from the case alone. */
        Expected expected(PublicService service, String hostname) {
            if (endpoints == Endpoints.GATEWAY && !service.global() && endpointByService.containsKey(service.name())) {
                return new Expected(Verdict.PRIVATE, Optional.of(endpointByService.get(service.name())));
            }
            if (endpoints == Endpoints.INTERFACE_PRIVATE_DNS_ON) {
                for (AwsService offered : NAMES.catalog().services(world.scope.region())) {
                    String privateName = offered.privateDnsName();
                    boolean covered = privateName != null && (privateName.equals(hostname)
                            || privateName.startsWith("*.") && (hostname.endsWith(privateName.substring(1)) || hostname.equals(privateName.substring(2))));
                    if (covered && endpointByService.containsKey(offered.serviceName())) {
                        return new Expected(Verdict.PRIVATE, Optional.of(endpointByService.get(offered.serviceName())));
                    }
                }
            }
            return route == DefaultRoute.NONE ? new Expected(Verdict.BLOCKED, Optional.empty()) : new Expected(Verdict.PUBLIC, exit);
        }
    }
}
