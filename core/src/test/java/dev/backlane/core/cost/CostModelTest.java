package dev.backlane.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.AnalysisWorld;
import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.cost.CostReport.ComponentCost;
import dev.backlane.core.cost.CostReport.Kind;
import dev.backlane.core.cost.CostReport.ScopeCost;
import dev.backlane.core.cost.CostReport.WhatIf;
import dev.backlane.core.cost.TrafficVolumes.Volume;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.network.RouteTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final String STS = "com.amazonaws.us-east-1.sts";
    private static final String S3 = "com.amazonaws.us-east-1.s3";

    private final AnalysisWorld world = new AnalysisWorld();
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    private final Subnet a = world.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet b = world.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    private final CostModel model = new CostModel(PriceList.standard());

    @Test
    void anInterfaceEndpointPaysPerZoneHourAndPerGbAndAGatewayEndpointNothing() {
        VpcEndpoint sts = world.interfaceEndpoint(vpc, STS, true, "available", List.of(a, b));
        VpcEndpoint s3 = world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        ScopeCost cost = estimate(TrafficVolumes.assumed(Map.of(sts.id(), gb("100"), s3.id(), gb("1000")), Volume.NONE));

        ComponentCost interfaceCost = component(cost, sts.id());
        assertEquals(Kind.INTERFACE_ENDPOINT, interfaceCost.kind());
        assertEquals(2, interfaceCost.zones());
        assertEquals(0, new BigDecimal("14.60").compareTo(interfaceCost.hourly()), "2 zones x 730 h x $0.01");
        assertEquals(0, new BigDecimal("1.00").compareTo(interfaceCost.data()), "100 GB x $0.01");
        assertEquals(0, new BigDecimal("0.156").compareTo(interfaceCost.costPerGb().orElseThrow()), "M10: $15.60 / 100 GB");
        ComponentCost gatewayCost = component(cost, s3.id());
        assertEquals(0, BigDecimal.ZERO.compareTo(gatewayCost.total()), "gateway endpoints are free");
        assertEquals(0, new BigDecimal("15.60").compareTo(cost.total()));
        assertEquals(1, cost.vpcs().size());
    }

    @Test
    void theDataTiersApplyToTheRegionsTotalAndAreSharedOutInProportion() {
        VpcEndpoint one = world.interfaceEndpoint(vpc, STS, true, "available", List.of(a));
        VpcEndpoint two = world.interfaceEndpoint(world.vpc("10.1.0.0/16"), STS, true, "available", List.of());
        // 3 PB in the region: 1 PB at $0.01, 2 PB at $0.006 -> 10,485.76 + 12,582.912 = 23,068.672; one gets a third.
        BigDecimal petabyte = new BigDecimal("1048576");
        ScopeCost cost = estimate(TrafficVolumes.assumed(Map.of(one.id(), new Volume(petabyte, Map.of()), two.id(),
                new Volume(petabyte.multiply(BigDecimal.valueOf(2)), Map.of())), Volume.NONE));
        assertEquals(0, new BigDecimal("7689.557333333333").compareTo(component(cost, one.id()).data().setScale(12, java.math.RoundingMode.HALF_UP)));
        BigDecimal bothData = component(cost, one.id()).data().add(component(cost, two.id()).data());
        assertEquals(0, new BigDecimal("23068.672").compareTo(bothData.setScale(3, java.math.RoundingMode.HALF_UP)));
    }

    @Test
    void s3ThroughANatGatewayPaysItsPerGbChargeAndTheWhatIfSaysWhatAGatewayEndpointSaves() {
        NatGateway nat = world.natGateway(a);
        ScopeCost cost = estimate(TrafficVolumes.assumed(Map.of(nat.id(), new Volume(new BigDecimal("500"),
                Map.of("s3", new BigDecimal("400"), "sts", new BigDecimal("100")))), Volume.NONE));
        ComponentCost natCost = component(cost, nat.id());
        assertEquals(0, new BigDecimal("32.85").compareTo(natCost.hourly()), "730 h x $0.045");
        assertEquals(0, new BigDecimal("22.5").compareTo(natCost.data()), "500 GB x $0.045");
        WhatIf whatIf = cost.whatIfs().stream().filter(candidate -> candidate.kind().equals("gateway-endpoint-instead-of-nat")).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("18").compareTo(whatIf.monthlySaving()), "the 400 GB of S3 no longer pay $0.045");
        assertTrue(whatIf.description().contains("com.amazonaws.us-east-1.s3"), whatIf.description());
    }

    @Test
    void trafficFromAnotherZoneToANatGatewayIsItsOwnLineAtTheCrossZoneRateEachWay() {
        NatGateway nat = world.natGateway(a);
        VpcEndpoint sts = world.interfaceEndpoint(vpc, STS, true, "available", List.of(a));
        ScopeCost cost = estimate(TrafficVolumes.assumed(Map.of(nat.id(), gb("300"), sts.id(), gb("50")), Volume.NONE)
                .withCrossZone(Map.of(nat.id(), new BigDecimal("100"), sts.id(), new BigDecimal("50"))));
        ComponentCost crossed = cost.components().stream().filter(line -> line.kind() == Kind.CROSS_AZ_DATA_TRANSFER).findFirst().orElseThrow();
        assertEquals(nat.id(), crossed.id());
        assertEquals(0, new BigDecimal("2").compareTo(crossed.data()), "100 GB x $0.01 out of one zone and $0.01 into the other");
        assertEquals(0, BigDecimal.ZERO.compareTo(crossed.hourly()));
        assertEquals(1, cost.components().stream().filter(line -> line.kind() == Kind.CROSS_AZ_DATA_TRANSFER).count(),
                "PrivateLink's cross-zone transfer is free: " + cost.components());
        BigDecimal natTotal = component(cost, nat.id()).total();
        assertEquals(0, natTotal.add(new BigDecimal("2")).add(component(cost, sts.id()).total()).compareTo(cost.vpcs().get(0).total()),
                "the VPC's total counts the cross-zone line");
    }

    @Test
    void assumedTrafficOfANatGatewayCrossesZonesInTheShareOfTheSubnetsThatRouteToItFromAnotherZone() {
        NatGateway nat = world.natGateway(a);
        Subnet near = world.subnet(vpc, "10.0.3.0/24", "us-east-1a");
        Subnet unrouted = world.subnet(vpc, "10.0.4.0/24", "us-east-1b");
        // b (us-east-1b) and near (us-east-1a) send to the NAT in us-east-1a; a and unrouted keep the main table, which does not.
        world.route(world.routeTable(vpc, b, near).id(), "0.0.0.0/0", RouteTarget.natGateway(nat.id()));
        ScopeCost cost = estimate(TrafficVolumes.assumed(Map.of(nat.id(), gb("300")), Volume.NONE));
        ComponentCost crossed = cost.components().stream().filter(line -> line.kind() == Kind.CROSS_AZ_DATA_TRANSFER).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("150").compareTo(crossed.gb()), "b's half of the 300 GB: " + unrouted.id() + " does not count");
        assertEquals(0, new BigDecimal("3").compareTo(crossed.data()), "150 GB x ($0.01 + $0.01)");

        ScopeCost observed = estimate(TrafficVolumes.observed(Map.of(nat.id(), Map.of("s3", 1_000_000_000L)), Duration.ofHours(730), 730));
        assertTrue(observed.components().stream().noneMatch(line -> line.kind() == Kind.CROSS_AZ_DATA_TRANSFER),
                "observed traffic says which bytes crossed (none here), routes do not stand in for it: " + observed.components());
    }

    @Test
    void assumedTrafficOfANatGatewayInTheZoneOfEverySubnetRoutingToItDoesNotCross() {
        NatGateway nat = world.natGateway(a);
        world.route(world.routeTable(vpc, world.subnet(vpc, "10.0.3.0/24", "us-east-1a")).id(), "0.0.0.0/0", RouteTarget.natGateway(nat.id()));
        NatGateway unused = world.natGateway(b);
        ScopeCost cost = estimate(TrafficVolumes.assumed(Map.of(), gb("100")));
        assertTrue(cost.components().stream().noneMatch(line -> line.kind() == Kind.CROSS_AZ_DATA_TRANSFER), cost.components().toString());
        assertEquals(0, new BigDecimal("37.35").compareTo(component(cost, unused.id()).total()), "no subnet routes to it: 32.85 + 100 GB x $0.045");
    }

    @Test
    void observedCrossZoneBytesAreScaledToAMonth() {
        TrafficVolumes observed = TrafficVolumes.observed(Map.of("nat-1", Map.of("s3", 2_000_000_000L)), Map.of("nat-1", 1_000_000_000L),
                Duration.ofHours(1), 730);
        assertEquals(0, new BigDecimal("730").compareTo(observed.crossZoneOf("nat-1").orElseThrow()));
        assertEquals(0, BigDecimal.ZERO.compareTo(observed.crossZoneOf("nat-2").orElseThrow()));
    }

    @Test
    void oneSharedInterfaceEndpointSavesZoneHoursButPaysTheTransitGateway() {
        Vpc other = world.vpc("10.1.0.0/16");
        Subnet c = world.subnet(other, "10.1.1.0/24", "us-east-1a");
        Subnet d = world.subnet(other, "10.1.2.0/24", "us-east-1b");
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(a, b));
        world.interfaceEndpoint(other, STS, true, "available", List.of(c, d));
        ScopeCost cost = estimate(TrafficVolumes.assumed(Map.of(), Volume.NONE));
        WhatIf shared = cost.whatIfs().stream().filter(candidate -> candidate.kind().equals("shared-interface-endpoint")).findFirst().orElseThrow();
        // 14.60 of zone-hours go; two attachments x 730 h x $0.05 = 73.00 come: sharing two small endpoints costs more.
        assertEquals(0, new BigDecimal("-58.40").compareTo(shared.monthlySaving()), shared.toString());
    }

    @Test
    void deletedEndpointsAreNotBilledAndARegionWithoutPricesIsPricedAsUsEast1() {
        VpcEndpoint gone = world.interfaceEndpoint(vpc, STS, true, "deleted", List.of(a));
        ScopeIndex here = world.engine.index(world.world()).scope(AnalysisWorld.SCOPE).orElseThrow();
        assertEquals(List.of(), model.estimate(List.of(here), TrafficVolumes.assumed(Map.of(), Volume.NONE), AnalysisWorld.NOW).scopes(),
                "a scope with nothing billed is left out; " + gone.id() + " is deleted");

        AnalysisWorld elsewhere = new AnalysisWorld(new Scope("111122223333", "eu-west-3"));
        Vpc far = elsewhere.vpc("10.0.0.0/16");
        elsewhere.interfaceEndpoint(far, "com.amazonaws.eu-west-3.sts", true, "available", List.of(elsewhere.subnet(far, "10.0.1.0/24", "eu-west-3a")));
        ScopeIndex index = elsewhere.engine.index(elsewhere.world()).scope(elsewhere.scope).orElseThrow();
        CostReport report = model.estimate(List.of(index), TrafficVolumes.assumed(Map.of(), Volume.NONE), AnalysisWorld.NOW);
        assertEquals("us-east-1", report.scopes().get(0).pricedAs());
    }

    @Test
    void observedBytesAreScaledToAMonth() {
        // 1 GB seen in one hour is 730 GB in a month of 730 hours; less than a minute counts as a minute.
        TrafficVolumes observed = TrafficVolumes.observed(Map.of("vpce-1", Map.of("s3", 1_000_000_000L)), Duration.ofHours(1), 730);
        assertEquals(0, new BigDecimal("730").compareTo(observed.of("vpce-1").gbPerMonth()));
        assertEquals(0, new BigDecimal("730").compareTo(observed.of("vpce-1").of("s3")));
        TrafficVolumes fresh = TrafficVolumes.observed(Map.of("vpce-1", Map.of("s3", 1_000_000_000L)), Duration.ofSeconds(1), 730);
        assertEquals(0, new BigDecimal("43800").compareTo(fresh.of("vpce-1").gbPerMonth()));
    }

    private ScopeCost estimate(TrafficVolumes traffic) {
        ScopeIndex index = world.engine.index(world.world()).scope(AnalysisWorld.SCOPE).orElseThrow();
        return model.estimate(List.of(index), traffic, AnalysisWorld.NOW.plusSeconds(600)).scopes().get(0);
    }

    private static ComponentCost component(ScopeCost cost, String id) {
        return cost.components().stream().filter(component -> component.id().equals(id)).findFirst().orElseThrow();
    }

    private static Volume gb(String amount) {
        return new Volume(new BigDecimal(amount), Map.of());
    }
}
