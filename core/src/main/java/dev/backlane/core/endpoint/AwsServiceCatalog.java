package dev.backlane.core.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.AvailabilityZone;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS services that offer VPC endpoints, per region, expanded from the templates in
 * {@code data/services.json}, with the Route 53 hosted zone of each region's {@code vpce.amazonaws.com}
 * names. Service IDs are derived from the service name, so they are stable across restarts.
 */
public final class AwsServiceCatalog {
    private static final AwsServiceCatalog STANDARD = load(RegionCatalog.standard());

    private final Map<String, Map<String, AwsService>> byRegion;
    /** Every region's services by name, the first region's where two share a name: the path engine asks per endpoint per decision. */
    private final Map<String, AwsService> byName;
    private final Map<String, String> hostedZoneIds;

    private AwsServiceCatalog(Map<String, Map<String, AwsService>> byRegion, Map<String, String> hostedZoneIds) {
        this.byRegion = byRegion;
        this.hostedZoneIds = hostedZoneIds;
        Map<String, AwsService> names = new HashMap<>();
        for (Map<String, AwsService> services : byRegion.values()) {
            services.forEach(names::putIfAbsent);
        }
        this.byName = Map.copyOf(names);
    }

    public static AwsServiceCatalog standard() {
        return STANDARD;
    }

    /** The services of the region, in the catalogue's order. */
    public List<AwsService> services(String region) {
        return List.copyOf(byRegion.getOrDefault(region, Map.of()).values());
    }

    /** The service by its full name, e.g. {@code com.amazonaws.us-east-1.s3}, in any region. */
    public Optional<AwsService> service(String serviceName) {
        return Optional.ofNullable(byName.get(serviceName));
    }

    /** The hosted zone of the region's endpoint DNS names ({@code *.vpce.amazonaws.com}). */
    public String hostedZoneId(String region) {
        return hostedZoneIds.getOrDefault(region, "Z7HUB22UULQXV");
    }

    private static AwsServiceCatalog load(RegionCatalog regions) {
        try (InputStream in = AwsServiceCatalog.class.getResourceAsStream("/dev/backlane/core/data/services.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Map<String, AwsService>> byRegion = new HashMap<>();
            for (Region region : regions.regions()) {
                Map<String, AwsService> services = new LinkedHashMap<>();
                for (JsonNode template : root.path("services")) {
                    AwsService service = expand(template, region);
                    services.put(service.serviceName(), service);
                }
                byRegion.put(region.name(), java.util.Collections.unmodifiableMap(services));
            }
            Map<String, String> zones = new HashMap<>();
            root.path("hostedZoneIds").fields().forEachRemaining(entry -> zones.put(entry.getKey(), entry.getValue().asText()));
            return new AwsServiceCatalog(Map.copyOf(byRegion), Map.copyOf(zones));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AwsService expand(JsonNode template, Region region) {
        String shortName = template.path("service").asText();
        String serviceName = "com.amazonaws." + region.name() + "." + shortName;
        Set<String> excluded = new HashSet<>();
        template.path("zonesExcluded").path(region.name()).forEach(zone -> excluded.add(zone.asText()));
        List<String> zoneNames = new ArrayList<>();
        List<String> zoneIds = new ArrayList<>();
        for (AvailabilityZone zone : region.zones()) {
            if (!excluded.contains(zone.id()) && !excluded.contains(zone.name())) {
                zoneNames.add(zone.name());
                zoneIds.add(zone.id());
            }
        }
        String privateDns = template.hasNonNull("privateDnsName") ? template.get("privateDnsName").asText().replace("{region}", region.name()) : null;
        return new AwsService(
                serviceName,
                shortName,
                region.name(),
                "vpce-svc-" + hash(serviceName),
                texts(template.path("types"), region),
                zoneNames,
                zoneIds,
                template.path("policySupported").asBoolean(true),
                privateDns,
                texts(template.path("baseEndpointDnsNames"), region),
                template.path("acceptanceRequired").asBoolean(false),
                template.path("managesVpcEndpoints").asBoolean(false),
                texts(template.path("supportedIpAddressTypes"), region),
                template.path("payerResponsibility").asText("ServiceOwner"),
                template.path("owner").asText("amazon"));
    }

    private static List<String> texts(JsonNode array, Region region) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText().replace("{region}", region.name())));
        return values;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; hex.length() < 17; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
