package dev.backlane.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.model.ElbProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * AWS's ELBv2 reference data, read once from {@code data/elbv2.json}: the canonical hosted zone of
 * load balancers per region and type, and the default attributes and health checks AWS gives new
 * load balancers, target groups and listeners.
 */
public final class ElbCatalog {
    private static final ElbCatalog STANDARD = load();

    private final JsonNode root;

    private ElbCatalog(JsonNode root) {
        this.root = root;
    }

    public static ElbCatalog standard() {
        return STANDARD;
    }

    /** The Route 53 hosted zone of {@code application} or {@code network} load balancers in the region. */
    public Optional<String> hostedZone(String region, String loadBalancerType) {
        JsonNode zone = root.path("hostedZones").path(region).path(loadBalancerType);
        return zone.isMissingNode() ? Optional.empty() : Optional.of(zone.asText());
    }

    /** Default attributes of a load balancer of the type ({@code application}, {@code network}, {@code gateway}). */
    public SortedMap<String, String> loadBalancerAttributes(String loadBalancerType) {
        return strings(root.path("loadBalancerAttributes").path(loadBalancerType));
    }

    /** Default attributes of a target group of the family ({@code application}, {@code network}, {@code gateway}, {@code lambda}). */
    public SortedMap<String, String> targetGroupAttributes(String family) {
        return strings(root.path("targetGroupAttributes").path(family));
    }

    /** The range AWS documents for a numeric target group attribute, if it documents one. */
    public Optional<Range> targetGroupAttributeRange(String key) {
        JsonNode range = root.path("targetGroupAttributeRanges").path(key);
        return range.isMissingNode() ? Optional.empty() : Optional.of(new Range(range.get(0).asLong(), range.get(1).asLong()));
    }

    /** The smallest and largest values an attribute takes, both included. */
    public record Range(long min, long max) {
        public boolean contains(long value) {
            return value >= min && value <= max;
        }
    }

    /** Default attributes of a listener of the protocol; empty for protocols without any. */
    public SortedMap<String, String> listenerAttributes(ElbProtocol protocol) {
        return strings(root.path("listenerAttributes").path(protocol == null ? "" : protocol.wireName()));
    }

    /** Default health check of a target group family ({@code network}, {@code network-http}, {@code application}, ...). */
    public HealthCheckDefaults healthCheck(String family) {
        JsonNode node = root.path("healthChecks").path(family);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no health check defaults for " + family);
        }
        return new HealthCheckDefaults(node.path("enabled").asBoolean(true), ElbProtocol.valueOf(node.path("protocol").asText()), node.path("port").asText(),
                node.path("interval").asInt(), node.path("timeout").asInt(), node.path("healthy").asInt(), node.path("unhealthy").asInt(),
                node.path("path").isMissingNode() ? null : node.path("path").asText(),
                node.path("matcher").isMissingNode() ? null : node.path("matcher").asText());
    }

    /** AWS's health check defaults for one family of target groups. */
    public record HealthCheckDefaults(boolean enabled, ElbProtocol protocol, String port, int interval, int timeout, int healthy, int unhealthy,
            String path, String matcher) {}

    private static SortedMap<String, String> strings(JsonNode node) {
        SortedMap<String, String> values = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static ElbCatalog load() {
        try (InputStream in = ElbCatalog.class.getResourceAsStream("/dev/backlane/core/data/elbv2.json")) {
            return new ElbCatalog(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
