package dev.backlane.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.net.Ipv4Cidr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The public address ranges AWS publishes per service and region ({@code data/service-ip-ranges.json}:
 * S3, DynamoDB, EC2 and the whole of AMAZON), for resolving a service's public name to an address.
 * Services without their own ranges resolve into the region's AMAZON ranges.
 */
public final class ServiceAddressRanges {
    private static final ServiceAddressRanges STANDARD = load();

    private final Map<String, List<Ipv4Cidr>> byRegionAndService;

    private ServiceAddressRanges(Map<String, List<Ipv4Cidr>> byRegionAndService) {
        this.byRegionAndService = byRegionAndService;
    }

    public static ServiceAddressRanges standard() {
        return STANDARD;
    }

    /** The ranges of the service ({@code s3}, {@code dynamodb}, ...) in the region, or the region's AMAZON ranges. */
    public List<Ipv4Cidr> ranges(String region, String shortName) {
        List<Ipv4Cidr> own = byRegionAndService.get(key(region, shortName));
        return own != null ? own : byRegionAndService.getOrDefault(key(region, "AMAZON"), List.of());
    }

    /**
     * The address a public resolver gives for the service: the first usable address of its first published
     * range. One fixed address keeps explanations reproducible; any address of the ranges routes alike
     * through the prefix list of a gateway endpoint.
     */
    public Optional<Long> publicAddress(String region, String shortName) {
        List<Ipv4Cidr> ranges = ranges(region, shortName);
        if (ranges.isEmpty()) {
            return Optional.empty();
        }
        Ipv4Cidr first = ranges.get(0);
        return Optional.of(first.size() > 2 ? first.first() + 1 : first.first());
    }

    private static String key(String region, String service) {
        return region + "/" + service.toUpperCase(Locale.ROOT);
    }

    private static ServiceAddressRanges load() {
        try (InputStream in = ServiceAddressRanges.class.getResourceAsStream("/dev/backlane/core/data/service-ip-ranges.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, List<Ipv4Cidr>> ranges = new HashMap<>();
            for (JsonNode node : root.path("ranges")) {
                List<Ipv4Cidr> cidrs = new ArrayList<>();
                node.path("cidrs").forEach(cidr -> Ipv4Cidr.parseLenient(cidr.asText()).ifPresent(cidrs::add));
                ranges.put(key(node.path("region").asText(), node.path("service").asText()), List.copyOf(cidrs));
            }
            return new ServiceAddressRanges(Map.copyOf(ranges));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
