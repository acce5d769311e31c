package dev.backlane.core.cost;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a month of the endpoints (and their alternatives) costs: per scope, each component's hourly and data charges,
 * totals per VPC, and what-ifs that would change the bill. Amounts are in the price list's currency, unrounded.
 */
public record CostReport(String currency, String pricesAsOf, int hoursPerMonth, String trafficBasis, List<ScopeCost> scopes) {
    public CostReport {
        requireNonNull(currency, "currency is null");
        requireNonNull(pricesAsOf, "pricesAsOf is null");
        requireNonNull(trafficBasis, "trafficBasis is null");
        scopes = List.copyOf(requireNonNull(scopes, "scopes is null"));
    }

    /** The kinds of component the model prices. */
    public enum Kind {
        INTERFACE_ENDPOINT("interface-endpoint"),
        GATEWAY_ENDPOINT("gateway-endpoint"),
        GATEWAY_LOAD_BALANCER_ENDPOINT("gateway-load-balancer-endpoint"),
        NAT_GATEWAY("nat-gateway"),
        /** The data transfer between Availability Zones of a component's traffic (its ID is the component's). */
        CROSS_AZ_DATA_TRANSFER("cross-az-data-transfer");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One component's month: the zones it is billed in, its hours, the hourly charge, the GB it processes and their
     * charge, the total, and the cost per GB (M10; empty when no traffic).
     */
    public record ComponentCost(String id, Kind kind, String vpcId, Optional<String> serviceName, int zones, BigDecimal hourly, BigDecimal gb,
            BigDecimal data, BigDecimal total, Optional<BigDecimal> costPerGb) {
        public ComponentCost {
            requireNonNull(id, "id is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(vpcId, "vpcId is null");
            requireNonNull(serviceName, "serviceName is null");
            requireNonNull(costPerGb, "costPerGb is null");
        }
    }

    /** A VPC's month: the sum of its components. */
    public record VpcCost(String vpcId, BigDecimal total) {}

    /**
     * A change and what it would save in a month ({@code monthlySaving}; negative when it would cost more), with the
     * resources it concerns and what the figure counts.
     */
    public record WhatIf(String kind, String description, List<String> resources, BigDecimal monthlySaving) {
        public WhatIf {
            requireNonNull(kind, "kind is null");
            requireNonNull(description, "description is null");
            resources = List.copyOf(requireNonNull(resources, "resources is null"));
            requireNonNull(monthlySaving, "monthlySaving is null");
        }
    }

    /** One account in one region; {@code pricedAs} is the region whose prices were used. */
    public record ScopeCost(Scope scope, String pricedAs, List<ComponentCost> components, List<VpcCost> vpcs, BigDecimal total, List<WhatIf> whatIfs) {
        public ScopeCost {
            requireNonNull(scope, "scope is null");
            requireNonNull(pricedAs, "pricedAs is null");
            components = List.copyOf(components);
            vpcs = List.copyOf(vpcs);
            requireNonNull(total, "total is null");
            whatIfs = List.copyOf(whatIfs);
        }
    }
}
