package dev.backlane.server.api.ec2;

import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.zone.ZoneMappings;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.CompiledFilter;
import dev.backlane.server.api.describe.DocumentedFilters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DescribeRegions, DescribeAvailabilityZones and DescribeAccountAttributes, from the region data file. */
public final class RegionOperations implements OperationFamily {
    private final RegionCatalog catalog;
    private final ZoneMappings zoneMappings;

    public RegionOperations(RegionCatalog catalog) {
        this.catalog = catalog;
        this.zoneMappings = new ZoneMappings(catalog);
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("DescribeRegions", this::describeRegions)
                .ec2("DescribeAvailabilityZones", this::describeAvailabilityZones)
                .ec2("DescribeAccountAttributes", this::describeAccountAttributes);
    }

    private Map<String, Object> describeRegions(Call call) {
        Input input = call.input();
        List<CompiledFilter> filters = filters(call);
        List<String> names = input.strings("RegionNames");
        for (String name : names) {
            if (catalog.region(name).isEmpty()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid region: %s", name);
            }
        }
        call.read();
        List<Map<String, Object>> regions = new ArrayList<>();
        for (Region region : catalog.regions()) {
            if (!names.isEmpty() && !names.contains(region.name())) {
                continue;
            }
            Map<String, List<String>> values = Map.of(
                    "endpoint", List.of(region.endpoint()),
                    "region-name", List.of(region.name()),
                    "opt-in-status", List.of(region.optInStatus()));
            if (filters.stream().allMatch(filter -> filter.matchesAny(values.getOrDefault(filter.name(), List.of())))) {
                regions.add(Output.create().put("RegionName", region.name()).put("Endpoint", region.endpoint())
                        .put("OptInStatus", region.optInStatus()).build());
            }
        }
        return Output.of("Regions", regions);
    }

    private Map<String, Object> describeAvailabilityZones(Call call) {
        Input input = call.input();
        List<CompiledFilter> filters = filters(call);
        Region region = catalog.region(call.scope().region())
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid region: %s", call.scope().region()));
        // The caller's own zone names: in the oldest regions each account pairs names and zone IDs its own way.
        ZoneMapping mapping = zoneMappings.of(call.read(), call.scope());
        for (String name : input.strings("ZoneNames")) {
            if (mapping.byName(name).isEmpty()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The zone '%s' does not exist.", name);
            }
        }
        for (String id : input.strings("ZoneIds")) {
            if (mapping.byId(id).isEmpty()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The zone ID '%s' does not exist.", id);
            }
        }
        List<Map<String, Object>> zones = new ArrayList<>();
        for (AvailabilityZone zone : mapping.zones()) {
            boolean named = input.strings("ZoneNames").contains(zone.name()) || input.strings("ZoneIds").contains(zone.id());
            if ((!input.strings("ZoneNames").isEmpty() || !input.strings("ZoneIds").isEmpty()) && !named) {
                continue;
            }
            Map<String, List<String>> values = Map.ofEntries(
                    Map.entry("group-name", List.of(region.name())),
                    Map.entry("message", List.of()),
                    Map.entry("opt-in-status", List.of("opt-in-not-required")),
                    Map.entry("parent-zone-id", List.of()),
                    Map.entry("parent-zone-name", List.of()),
                    Map.entry("region-name", List.of(region.name())),
                    Map.entry("state", List.of("available")),
                    Map.entry("zone-id", List.of(zone.id())),
                    Map.entry("zone-name", List.of(zone.name())),
                    Map.entry("zone-type", List.of("availability-zone")),
                    Map.entry("network-border-group", List.of(region.name())));
            if (filters.stream().allMatch(filter -> filter.matchesAny(values.getOrDefault(filter.name(), List.of())))) {
                zones.add(Output.create()
                        .put("OptInStatus", "opt-in-not-required")
                        .put("Messages", List.of())
                        .put("RegionName", region.name())
                        .put("ZoneName", zone.name())
                        .put("ZoneId", zone.id())
                        .put("GroupName", region.name())
                        .put("NetworkBorderGroup", region.name())
                        .put("ZoneType", "availability-zone")
                        .put("State", "available")
                        .build());
            }
        }
        return Output.of("AvailabilityZones", zones);
    }

    private Map<String, Object> describeAccountAttributes(Call call) {
        List<String> names = call.input().strings("AttributeNames");
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("supported-platforms", "VPC");
        attributes.put("default-vpc", call.read().all(dev.backlane.core.model.ResourceTypes.VPC).stream()
                .filter(dev.backlane.core.model.Vpc::isDefault).map(dev.backlane.core.model.Vpc::id).findFirst().orElse("none"));
        attributes.put("max-instances", "20");
        attributes.put("vpc-max-security-groups-per-interface", "5");
        attributes.put("max-elastic-ips", "5");
        attributes.put("vpc-max-elastic-ips", "5");
        for (String name : names) {
            if (!attributes.containsKey(name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter attributeName is invalid. Valid values are %s.",
                        name, String.join(", ", attributes.keySet()));
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        attributes.forEach((name, value) -> {
            if (names.isEmpty() || names.contains(name)) {
                result.add(Output.create().put("AttributeName", name)
                        .put("AttributeValues", List.of(Output.of("AttributeValue", value))).build());
            }
        });
        return Output.of("AccountAttributes", result);
    }

    private static List<CompiledFilter> filters(Call call) {
        List<CompiledFilter> filters = new ArrayList<>();
        for (Input filter : call.input().structures("Filters")) {
            String name = filter.string("Name");
            if (name == null || !DocumentedFilters.ec2().isDocumented(call.operation(), name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
            filters.add(CompiledFilter.of(name, filter));
        }
        return filters;
    }

}
