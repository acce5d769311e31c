package dev.backlane.core.cost;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prices the cost model uses, per region, from {@code data/prices.json} (origin in {@code SOURCES.md}) or a user's
 * file of the same shape. A region without prices is priced as {@link #FALLBACK_REGION}, and the report says so.
 */
public final class PriceList {
    public static final String FALLBACK_REGION = "us-east-1";
    private static final String RESOURCE = "/dev/backlane/core/data/prices.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One band of a tiered per-GB price: up to {@code upToGb} in the month (empty: no upper bound). */
    public record Tier(Optional<BigDecimal> upToGb, BigDecimal perGb) {
        public Tier {
            requireNonNull(upToGb, "upToGb is null");
            requireNonNull(perGb, "perGb is null");
        }
    }

    /** A region's prices, in the list's currency. */
    public record RegionPrices(BigDecimal interfaceEndpointHour, List<Tier> interfaceEndpointDataTiers, BigDecimal gatewayLoadBalancerEndpointHour,
            BigDecimal gatewayLoadBalancerEndpointGb, BigDecimal natGatewayHour, BigDecimal natGatewayGb, BigDecimal transitGatewayAttachmentHour,
            BigDecimal transitGatewayGb, BigDecimal crossAzGb) {
        public RegionPrices {
            requireNonNull(interfaceEndpointHour, "interfaceEndpointHour is null");
            interfaceEndpointDataTiers = List.copyOf(requireNonNull(interfaceEndpointDataTiers, "interfaceEndpointDataTiers is null"));
            requireNonNull(gatewayLoadBalancerEndpointHour, "gatewayLoadBalancerEndpointHour is null");
            requireNonNull(gatewayLoadBalancerEndpointGb, "gatewayLoadBalancerEndpointGb is null");
            requireNonNull(natGatewayHour, "natGatewayHour is null");
            requireNonNull(natGatewayGb, "natGatewayGb is null");
            requireNonNull(transitGatewayAttachmentHour, "transitGatewayAttachmentHour is null");
            requireNonNull(transitGatewayGb, "transitGatewayGb is null");
            requireNonNull(crossAzGb, "crossAzGb is null");
            if (interfaceEndpointDataTiers.isEmpty() || interfaceEndpointDataTiers.get(interfaceEndpointDataTiers.size() - 1).upToGb().isPresent()) {
                throw new IllegalArgumentException("interfaceEndpointDataTiers must end with a tier without upToGb");
            }
        }

        /** The charge for {@code gb} processed by a region's interface endpoints in a month, tier by tier. */
        public BigDecimal interfaceEndpointData(BigDecimal gb) {
            BigDecimal charge = BigDecimal.ZERO;
            BigDecimal below = BigDecimal.ZERO;
            for (Tier tier : interfaceEndpointDataTiers) {
                BigDecimal top = tier.upToGb().orElse(gb.max(below));
                BigDecimal inTier = gb.min(top).subtract(below).max(BigDecimal.ZERO);
                charge = charge.add(inTier.multiply(tier.perGb()));
                below = top;
            }
            return charge;
        }
    }

    /** The prices a region is charged at, and the region whose prices those are. */
    public record Priced(String region, RegionPrices prices) {}

    private final String currency;
    private final String asOf;
    private final int hoursPerMonth;
    private final Map<String, RegionPrices> regions;

    private PriceList(String currency, String asOf, int hoursPerMonth, Map<String, RegionPrices> regions) {
        this.currency = currency;
        this.asOf = asOf;
        this.hoursPerMonth = hoursPerMonth;
        this.regions = Collections.unmodifiableMap(new TreeMap<>(regions));
    }

    /** The prices shipped with Backlane, read once: a price list is immutable. */
    public static PriceList standard() {
        return Standard.LIST;
    }

    private static final class Standard {
        static final PriceList LIST = load();

        private static PriceList load() {
            try (InputStream in = PriceList.class.getResourceAsStream(RESOURCE)) {
                return read(requireNonNull(in, RESOURCE + " is missing"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a price list; a document of the wrong shape is an IllegalArgumentException naming what is wrong. */
    public static PriceList read(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.path("regions").isObject() || root.path("regions").isEmpty()) {
            throw new IllegalArgumentException("a price list needs a \"regions\" object with at least one region");
        }
        Map<String, RegionPrices> regions = new TreeMap<>();
        root.path("regions").fields().forEachRemaining(entry -> regions.put(entry.getKey(), region(entry.getKey(), entry.getValue())));
        return new PriceList(root.path("currency").asText("USD"), root.path("asOf").asText(""), root.path("hoursPerMonth").asInt(730), regions);
    }

    private static RegionPrices region(String name, JsonNode node) {
        List<Tier> tiers = new ArrayList<>();
        for (JsonNode tier : node.path("interfaceEndpointDataTiers")) {
            Optional<BigDecimal> upTo = tier.has("upToGb") ? Optional.of(amount(name, "upToGb", tier)) : Optional.empty();
            tiers.add(new Tier(upTo, amount(name, "perGb", tier)));
        }
        try {
            return new RegionPrices(amount(name, "interfaceEndpointHour", node), tiers, amount(name, "gatewayLoadBalancerEndpointHour", node),
                    amount(name, "gatewayLoadBalancerEndpointGb", node), amount(name, "natGatewayHour", node), amount(name, "natGatewayGb", node),
                    amount(name, "transitGatewayAttachmentHour", node), amount(name, "transitGatewayGb", node), amount(name, "crossAzGb", node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("region " + name + ": " + e.getMessage(), e);
        }
    }

    private static BigDecimal amount(String region, String field, JsonNode node) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
            throw new IllegalArgumentException("region " + region + ": " + field + " must be a number of at least 0");
        }
        return value.decimalValue();
    }

    /** The prices of the region, or of {@link #FALLBACK_REGION} when the list has none for it (and then it must have those). */
    public Priced pricesOf(String region) {
        RegionPrices own = regions.get(region);
        if (own != null) {
            return new Priced(region, own);
        }
        RegionPrices fallback = regions.get(FALLBACK_REGION);
        if (fallback == null) {
            fallback = regions.values().iterator().next();
            return new Priced(regions.keySet().iterator().next(), fallback);
        }
        return new Priced(FALLBACK_REGION, fallback);
    }

    public String currency() {
        return currency;
    }

    public String asOf() {
        return asOf;
    }

    public int hoursPerMonth() {
        return hoursPerMonth;
    }

    public java.util.Set<String> regions() {
        return regions.keySet();
    }
}
