package dev.backlane.core.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * What the importers of one scope write to and read from: the resources read so far (later ones with
 * the same ID replace earlier ones, as a later describe would), their tags, the zones and endpoint
 * services the snapshot lists, and the report. {@link #file} names the file being read, for notes.
 */
final class ImportContext {
    private final Scope scope;
    private final ImportReport.Builder report;
    private final Map<ResourceType<?>, Map<String, Resource>> resources = new LinkedHashMap<>();
    private final Map<String, String> zoneIds = new LinkedHashMap<>();
    private final List<ServiceDetail> services = new ArrayList<>();
    private final Set<String> vpcsWithDnsAttributes = new HashSet<>();
    private String file = "";

    ImportContext(Scope scope, ImportReport.Builder report) {
        this.scope = requireNonNull(scope, "scope is null");
        this.report = requireNonNull(report, "report is null");
    }

    Scope scope() {
        return scope;
    }

    String region() {
        return scope.region();
    }

    String account() {
        return scope.account();
    }

    void readingFile(String name) {
        this.file = requireNonNull(name, "name is null");
    }

    <T extends Resource> T put(ResourceType<T> type, T resource) {
        resources.computeIfAbsent(type, ignored -> new LinkedHashMap<>()).put(resource.id(), resource);
        return resource;
    }

    /** Puts the resource and its tags, read from the item's {@code Tags} or {@code TagSet}. */
    <T extends Resource> T put(ResourceType<T> type, T resource, JsonNode item) {
        put(type, resource);
        SortedMap<String, String> tags = SnapshotJson.tags(item);
        if (!tags.isEmpty()) {
            put(ResourceTypes.TAGS, new ResourceTags(resource.id(), type.name(), tags));
        }
        return resource;
    }

    <T extends Resource> Optional<T> find(ResourceType<T> type, String id) {
        Map<String, Resource> table = resources.get(type);
        Resource resource = table == null || id == null ? null : table.get(id);
        return resource == null ? Optional.empty() : Optional.of(type.cast(resource));
    }

    @SuppressWarnings("unchecked")
    <T extends Resource> Collection<T> all(ResourceType<T> type) {
        Map<String, Resource> table = resources.get(type);
        return table == null ? List.of() : (Collection<T>) table.values();
    }

    Map<ResourceType<?>, Map<String, Resource>> resources() {
        return resources;
    }

    void zone(String name, String id) {
        zoneIds.put(name, id);
    }

    /** The zone ID of a zone name, from the snapshot's AvailabilityZones; null when it does not list the zone. */
    String zoneId(String name) {
        return zoneIds.get(name);
    }

    /** The snapshot's AvailabilityZones: zone name to zone ID. */
    Map<String, String> zoneIds() {
        return zoneIds;
    }

    void service(ServiceDetail service) {
        services.add(service);
    }

    List<ServiceDetail> services() {
        return services;
    }

    /** Records that the snapshot gave a VPC's DNS attributes, so they are not inferred. */
    void dnsAttributesGiven(String vpcId) {
        vpcsWithDnsAttributes.add(vpcId);
    }

    boolean hasDnsAttributes(String vpcId) {
        return vpcsWithDnsAttributes.contains(vpcId);
    }

    /** A time member of the item; {@code fallback} (and a note) when it is absent or unreadable. */
    Instant time(JsonNode item, String field, String ownerId, Instant fallback) {
        String text = SnapshotJson.text(item, field);
        Optional<Instant> parsed = SnapshotTimestamps.parse(text);
        if (parsed.isEmpty() && text != null) {
            note(ownerId + ": cannot read " + field + " '" + text + "'");
        }
        return parsed.orElse(fallback);
    }

    void note(String message) {
        report.note(file + ": " + message);
    }
}
