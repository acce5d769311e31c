package dev.backlane.core.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The traffic a month carries through each component that charges for it ({@code vpce-...}, {@code nat-...}), in GB
 * (10^9 bytes, as AWS bills), split by the AWS service it went to where that is known ({@code s3}, {@code dynamodb}...).
 * Either observed on a live server and scaled from the observed time to a month, or assumed for a snapshot.
 */
public final class TrafficVolumes {
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    /** A component's GB per month, and of those the GB per service where known. */
    public record Volume(BigDecimal gbPerMonth, Map<String, BigDecimal> byService) {
        public static final Volume NONE = new Volume(BigDecimal.ZERO, Map.of());

        public Volume {
            requireNonNull(gbPerMonth, "gbPerMonth is null");
            byService = Map.copyOf(requireNonNull(byService, "byService is null"));
            if (gbPerMonth.signum() < 0) {
                throw new IllegalArgumentException("a volume is at least 0 GB, not " + gbPerMonth);
            }
        }

        public BigDecimal of(String service) {
            return byService.getOrDefault(service, BigDecimal.ZERO);
        }
    }

    private final Map<String, Volume> byComponent;
    private final Volume otherwise;
    private final String basis;
    /**
     * Of a component's GB per month, those that crossed between Availability Zones to or from it (both directions);
     * empty when the traffic says nothing about zones (assumed totals), so the cost model estimates it from the routes.
     */
    private final Optional<Map<String, BigDecimal>> crossZone;

    private TrafficVolumes(Map<String, Volume> byComponent, Volume otherwise, String basis, Optional<Map<String, BigDecimal>> crossZone) {
        this.byComponent = Map.copyOf(byComponent);
        this.otherwise = otherwise;
        this.basis = basis;
        this.crossZone = crossZone.map(Map::copyOf);
    }

    /** Volumes given per component, and {@code otherwise} for every component not named. */
    public static TrafficVolumes assumed(Map<String, Volume> byComponent, Volume otherwise) {
        return new TrafficVolumes(byComponent, requireNonNull(otherwise, "otherwise is null"), "assumed", Optional.empty());
    }

    /**
     * Bytes seen per component and service over {@code observed}, scaled to a month of {@code hoursPerMonth} hours at
     * the same rate. Less than a minute of observation is scaled as a minute, so a fresh server does not multiply a
     * few bytes into terabytes.
     */
    public static TrafficVolumes observed(Map<String, Map<String, Long>> bytes, Duration observed, int hoursPerMonth) {
        return observed(bytes, Map.of(), observed, hoursPerMonth);
    }

    /**
     * As {@link #observed(Map, Duration, int)}, with the bytes of each component that crossed between Availability
     * Zones (a workload in one zone, the component in another), scaled the same way.
     */
    public static TrafficVolumes observed(Map<String, Map<String, Long>> bytes, Map<String, Long> crossZoneBytes, Duration observed,
            int hoursPerMonth) {
        Duration span = observed.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : observed;
        BigDecimal scale = BigDecimal.valueOf(hoursPerMonth * 3600L).divide(BigDecimal.valueOf(span.toSeconds()), PRECISION);
        Map<String, Volume> volumes = new TreeMap<>();
        bytes.forEach((component, services) -> {
            Map<String, BigDecimal> byService = new TreeMap<>();
            long total = 0;
            for (Map.Entry<String, Long> service : services.entrySet()) {
                total += service.getValue();
                byService.put(service.getKey(), gb(service.getValue()).multiply(scale, PRECISION));
            }
            volumes.put(component, new Volume(gb(total).multiply(scale, PRECISION), byService));
        });
        Map<String, BigDecimal> crossZone = new TreeMap<>();
        crossZoneBytes.forEach((component, crossed) -> crossZone.put(component, gb(crossed).multiply(scale, PRECISION)));
        return new TrafficVolumes(volumes, Volume.NONE, "observed over " + span.toSeconds() + " s, scaled to " + hoursPerMonth + " hours",
                Optional.of(crossZone));
    }

    private static BigDecimal gb(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BYTES_PER_GB, PRECISION);
    }

    public Volume of(String componentId) {
        return byComponent.getOrDefault(componentId, otherwise);
    }

    /** The same volumes, with {@code gbPerMonth} of the named components' traffic crossing between Availability Zones. */
    public TrafficVolumes withCrossZone(Map<String, BigDecimal> gbPerMonth) {
        gbPerMonth.values().forEach(gb -> {
            if (gb.signum() < 0) {
                throw new IllegalArgumentException("a cross-zone volume is at least 0 GB, not " + gb);
            }
        });
        return new TrafficVolumes(byComponent, otherwise, basis, Optional.of(gbPerMonth));
    }

    /**
     * The GB per month that crossed between Availability Zones to or from the component (zero when none did), or empty
     * when these volumes do not say (assumed totals).
     */
    public Optional<BigDecimal> crossZoneOf(String componentId) {
        return crossZone.map(known -> known.getOrDefault(componentId, BigDecimal.ZERO));
    }

    public Optional<Volume> named(String componentId) {
        return Optional.ofNullable(byComponent.get(componentId));
    }

    /** How the volumes were found: {@code assumed}, or the observation and its scaling. */
    public String basis() {
        return basis;
    }
}
