package dev.backlane.core.cost;

import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.cost.CostReport.ComponentCost;
import dev.backlane.core.cost.CostReport.Kind;
import dev.backlane.core.cost.CostReport.ScopeCost;
import dev.backlane.core.cost.CostReport.VpcCost;
import dev.backlane.core.cost.CostReport.WhatIf;
import dev.backlane.core.cost.TrafficVolumes.Volume;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prices a month of each scope's endpoints and NAT gateways as AWS bills them, from the world and a month's traffic:
 * interface endpoints per zone-hour and per GB processed (the tiers apply to the region's total, shared out in
 * proportion), Gateway Load Balancer endpoints per hour and per GB, gateway endpoints free, NAT gateways per hour and
 * per GB, and the data transfer between zones of a NAT gateway's traffic from workloads in other zones. Every
 * component that exists at {@code at} (and is not being deleted) is billed the whole month. Then the what-ifs: S3 and
 * DynamoDB traffic of a NAT gateway or an interface endpoint through a gateway endpoint instead; one interface endpoint
 * shared over a transit gateway instead of one per VPC.
 */
public final class CostModel {
    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private static final Set<VpcEndpointState> UNBILLED = Set.of(VpcEndpointState.DELETING, VpcEndpointState.DELETED, VpcEndpointState.FAILED,
            VpcEndpointState.EXPIRED);
    /** The services a gateway endpoint serves, for free. */
    private static final List<String> GATEWAY_SERVICES = List.of("s3", "dynamodb");

    private final PriceList prices;

    public CostModel(PriceList prices) {
        this.prices = prices;
    }

    public CostReport estimate(Collection<ScopeIndex> scopes, TrafficVolumes traffic, Instant at) {
        List<ScopeCost> costs = new ArrayList<>();
        for (ScopeIndex scope : scopes) {
            ScopeCost cost = scope(scope, traffic, at);
            if (!cost.components().isEmpty()) {
                costs.add(cost);
            }
        }
        return new CostReport(prices.currency(), prices.asOf(), prices.hoursPerMonth(), traffic.basis(), costs);
    }

    private ScopeCost scope(ScopeIndex scope, TrafficVolumes traffic, Instant at) {
        PriceList.Priced priced = prices.pricesOf(scope.scope().region());
        PriceList.RegionPrices rates = priced.prices();
        BigDecimal hours = BigDecimal.valueOf(prices.hoursPerMonth());
        List<VpcEndpoint> endpoints = scope.endpoints().stream().filter(endpoint -> !UNBILLED.contains(endpoint.stateAt(at)))
                .sorted(Comparator.comparing(VpcEndpoint::id)).toList();
        List<NatGateway> nats = scope.state().all(ResourceTypes.NAT_GATEWAY).stream()
                .filter(nat -> nat.state(at) == NatGateway.State.AVAILABLE || nat.state(at) == NatGateway.State.PENDING)
                .sorted(Comparator.comparing(NatGateway::id)).toList();

        // The interface endpoints' data tiers apply to what the region's endpoints process together.
        BigDecimal interfaceGb = endpoints.stream().filter(endpoint -> endpoint.type() == VpcEndpointType.INTERFACE)
                .map(endpoint -> traffic.of(endpoint.id()).gbPerMonth()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal interfaceData = rates.interfaceEndpointData(interfaceGb);

        List<ComponentCost> components = new ArrayList<>();
        for (VpcEndpoint endpoint : endpoints) {
            BigDecimal gb = traffic.of(endpoint.id()).gbPerMonth();
            Optional<String> service = Optional.of(endpoint.serviceName());
            switch (endpoint.type()) {
                case INTERFACE -> {
                    int zones = endpoint.subnetIds().size();
                    BigDecimal hourly = rates.interfaceEndpointHour().multiply(hours).multiply(BigDecimal.valueOf(zones));
                    BigDecimal data = interfaceGb.signum() == 0 ? BigDecimal.ZERO : interfaceData.multiply(gb).divide(interfaceGb, PRECISION);
                    components.add(component(endpoint.id(), Kind.INTERFACE_ENDPOINT, endpoint.vpcId(), service, zones, hourly, gb, data));
                }
                case GATEWAY -> components.add(component(endpoint.id(), Kind.GATEWAY_ENDPOINT, endpoint.vpcId(), service, 0, BigDecimal.ZERO, gb,
                        BigDecimal.ZERO));
                case GATEWAY_LOAD_BALANCER -> components.add(component(endpoint.id(), Kind.GATEWAY_LOAD_BALANCER_ENDPOINT, endpoint.vpcId(), service,
                        endpoint.subnetIds().size(), rates.gatewayLoadBalancerEndpointHour().multiply(hours), gb,
                        gb.multiply(rates.gatewayLoadBalancerEndpointGb())));
            }
        }
        for (NatGateway nat : nats) {
            BigDecimal gb = traffic.of(nat.id()).gbPerMonth();
            components.add(component(nat.id(), Kind.NAT_GATEWAY, nat.vpcId(), Optional.empty(), 1, rates.natGatewayHour().multiply(hours), gb,
                    gb.multiply(rates.natGatewayGb())));
            // A workload reaching a NAT gateway in another zone pays the intra-region rate out of one zone and again into
            // the other. PrivateLink's own cross-zone transfer (a workload to an endpoint interface in another zone) has
            // been free since 2022-04-01, so endpoints get no such line. Assumed totals do not say which bytes came from
            // another zone: the routes to the gateway do.
            BigDecimal crossed = traffic.crossZoneOf(nat.id()).orElseGet(() -> gb.multiply(NatZoneShare.crossing(scope, nat), PRECISION));
            if (crossed.signum() > 0) {
                components.add(component(nat.id(), Kind.CROSS_AZ_DATA_TRANSFER, nat.vpcId(), Optional.empty(), 0, BigDecimal.ZERO, crossed,
                        crossed.multiply(rates.crossAzGb()).multiply(BigDecimal.valueOf(2))));
            }
        }

        Map<String, BigDecimal> byVpc = new TreeMap<>();
        components.forEach(component -> byVpc.merge(component.vpcId(), component.total(), BigDecimal::add));
        List<VpcCost> vpcs = byVpc.entrySet().stream().map(entry -> new VpcCost(entry.getKey(), entry.getValue())).toList();
        BigDecimal total = components.stream().map(ComponentCost::total).reduce(BigDecimal.ZERO, BigDecimal::add);

        List<WhatIf> whatIfs = new ArrayList<>();
        whatIfs.addAll(gatewayEndpointInsteadOfNat(nats, traffic, rates, scope.scope().region()));
        whatIfs.addAll(gatewayEndpointInsteadOfInterface(components, scope.scope().region()));
        whatIfs.addAll(sharedInterfaceEndpoints(components, rates, hours));
        return new ScopeCost(scope.scope(), priced.region(), components, vpcs, total, whatIfs);
    }

    private static ComponentCost component(String id, Kind kind, String vpcId, Optional<String> service, int zones, BigDecimal hourly, BigDecimal gb,
            BigDecimal data) {
        BigDecimal total = hourly.add(data);
        Optional<BigDecimal> perGb = gb.signum() == 0 ? Optional.empty() : Optional.of(total.divide(gb, PRECISION));
        return new ComponentCost(id, kind, vpcId, service, zones, hourly, gb, data, total, perGb);
    }

    /** F5: S3 and DynamoDB through a NAT gateway pay its per-GB charge; a gateway endpoint carries them for free. */
    private static List<WhatIf> gatewayEndpointInsteadOfNat(List<NatGateway> nats, TrafficVolumes traffic, PriceList.RegionPrices rates, String region) {
        List<WhatIf> whatIfs = new ArrayList<>();
        for (NatGateway nat : nats) {
            Volume volume = traffic.of(nat.id());
            for (String service : GATEWAY_SERVICES) {
                BigDecimal gb = volume.of(service);
                if (gb.signum() > 0) {
                    whatIfs.add(new WhatIf("gateway-endpoint-instead-of-nat", gb.round(new MathContext(4)).toPlainString() + " GB/month of "
                            + service + " through " + nat.id() + " would go through a gateway endpoint for com.amazonaws." + region + "." + service
                            + " in " + nat.vpcId() + ", which has no charge: the NAT gateway's per-GB charge goes",
                            List.of(nat.id(), nat.vpcId()), gb.multiply(rates.natGatewayGb())));
                }
            }
        }
        return whatIfs;
    }

    /** An interface endpoint for S3 or DynamoDB costs what a gateway endpoint does not (for callers inside the VPC). */
    private static List<WhatIf> gatewayEndpointInsteadOfInterface(List<ComponentCost> components, String region) {
        List<WhatIf> whatIfs = new ArrayList<>();
        for (ComponentCost component : components) {
            if (component.kind() != Kind.INTERFACE_ENDPOINT || component.serviceName().isEmpty()) {
                continue;
            }
            for (String service : GATEWAY_SERVICES) {
                if (component.serviceName().get().equals("com.amazonaws." + region + "." + service)) {
                    whatIfs.add(new WhatIf("gateway-endpoint-instead-of-interface", "callers inside " + component.vpcId() + " would reach "
                            + service + " through a gateway endpoint instead of " + component.id() + " (callers on premises or in peered "
                            + "VPCs still need the interface endpoint)", List.of(component.id(), component.vpcId()), component.total()));
                }
            }
        }
        return whatIfs;
    }

    /**
     * One interface endpoint per service, shared by the scope's VPCs over a transit gateway (with its private hosted
     * zone associated to every VPC), instead of one in each: the zone-hours of all but the largest go, and the transit
     * gateway's attachment-hours (one per VPC) and per-GB charge on the traffic of the endpoints that go come instead.
     */
    private static List<WhatIf> sharedInterfaceEndpoints(List<ComponentCost> components, PriceList.RegionPrices rates, BigDecimal hours) {
        Map<String, List<ComponentCost>> byService = new LinkedHashMap<>();
        for (ComponentCost component : components) {
            if (component.kind() == Kind.INTERFACE_ENDPOINT && component.serviceName().isPresent()) {
                byService.computeIfAbsent(component.serviceName().get(), name -> new ArrayList<>()).add(component);
            }
        }
        List<WhatIf> whatIfs = new ArrayList<>();
        for (Map.Entry<String, List<ComponentCost>> entry : new TreeMap<>(byService).entrySet()) {
            List<ComponentCost> same = entry.getValue();
            long vpcs = same.stream().map(ComponentCost::vpcId).distinct().count();
            if (vpcs < 2) {
                continue;
            }
            ComponentCost kept = same.stream().max(Comparator.comparingInt(ComponentCost::zones).thenComparing(ComponentCost::id)).orElseThrow();
            BigDecimal hourlyGone = same.stream().filter(component -> component != kept).map(ComponentCost::hourly).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            BigDecimal movedGb = same.stream().filter(component -> component != kept).map(ComponentCost::gb).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal transit = rates.transitGatewayAttachmentHour().multiply(hours).multiply(BigDecimal.valueOf(vpcs))
                    .add(movedGb.multiply(rates.transitGatewayGb()));
            List<String> resources = new ArrayList<>(same.stream().map(ComponentCost::id).toList());
            whatIfs.add(new WhatIf("shared-interface-endpoint", "one endpoint (" + kept.id() + ") for " + entry.getKey() + " shared by " + vpcs
                    + " VPCs over a transit gateway instead of " + same.size() + ": " + hourlyGone.toPlainString()
                    + " of zone-hours go, " + transit.round(new MathContext(6)).toPlainString() + " of transit gateway attachments and data come",
                    resources, hourlyGone.subtract(transit)));
        }
        return whatIfs;
    }
}
