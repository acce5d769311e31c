package dev.backlane.server.api.ec2;

import dev.backlane.core.data.InstanceTypeCatalog;
import dev.backlane.core.data.InstanceTypeInfo;
import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.CatalogDescriber;
import dev.backlane.server.api.describe.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/** DescribeInstanceTypes and DescribeInstanceTypeOfferings, from {@code data/instance-types.json}. */
public final class InstanceTypeOperations implements OperationFamily {
    private final InstanceTypeCatalog catalog;
    private final RegionCatalog regions;
    private final CatalogDescriber<InstanceTypeInfo> typeDescriber = new CatalogDescriber<>(InstanceTypeInfo::instanceType, typeFilters());
    private final CatalogDescriber<Offering> offeringDescriber = new CatalogDescriber<>(Offering::key,
            Map.of("instance-type", Offering::instanceType, "location", Offering::location));

    public InstanceTypeOperations(InstanceTypeCatalog catalog, RegionCatalog regions) {
        this.catalog = catalog;
        this.regions = regions;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("DescribeInstanceTypes", this::describeTypes)
                .ec2("DescribeInstanceTypeOfferings", this::describeOfferings);
    }

    /** One type offered in one place (the region, a zone name or a zone ID). */
    record Offering(String instanceType, String locationType, String location) {
        String key() {
            return location + " " + instanceType;
        }
    }

    private static Map<String, Function<InstanceTypeInfo, Object>> typeFilters() {
        Map<String, Function<InstanceTypeInfo, Object>> filters = new LinkedHashMap<>();
        filters.put("instance-type", InstanceTypeInfo::instanceType);
        filters.put("current-generation", InstanceTypeInfo::currentGeneration);
        filters.put("free-tier-eligible", InstanceTypeInfo::freeTierEligible);
        filters.put("burstable-performance-supported", InstanceTypeInfo::burstablePerformanceSupported);
        filters.put("hypervisor", InstanceTypeInfo::hypervisor);
        filters.put("bare-metal", type -> false);
        filters.put("memory-info.size-in-mib", InstanceTypeInfo::memoryMiB);
        filters.put("network-info.ipv4-addresses-per-interface", InstanceTypeInfo::ipv4AddressesPerInterface);
        filters.put("network-info.ipv6-addresses-per-interface", InstanceTypeInfo::ipv6AddressesPerInterface);
        filters.put("network-info.ipv6-supported", type -> type.ipv6AddressesPerInterface() > 0);
        filters.put("network-info.maximum-network-interfaces", InstanceTypeInfo::maximumNetworkInterfaces);
        filters.put("network-info.network-performance", InstanceTypeInfo::networkPerformance);
        filters.put("processor-info.supported-architecture", InstanceTypeInfo::architecture);
        filters.put("vcpu-info.default-cores", InstanceTypeInfo::defaultCores);
        filters.put("vcpu-info.default-threads-per-core", InstanceTypeInfo::defaultThreadsPerCore);
        filters.put("vcpu-info.default-vcpus", InstanceTypeInfo::defaultVCpus);
        return filters;
    }

    private Map<String, Object> describeTypes(Call call) {
        Input input = call.input();
        List<String> names = input.strings("InstanceTypes");
        List<InstanceTypeInfo> candidates = new ArrayList<>();
        if (names.isEmpty()) {
            candidates.addAll(catalog.all());
        } else {
            List<String> unknown = names.stream().filter(name -> catalog.find(name).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                throw AwsException.of(ErrorCode.INVALID_INSTANCE_TYPE, "The following supplied instance types do not exist: [%s]",
                        String.join(", ", unknown));
            }
            new LinkedHashSet<>(names).forEach(name -> candidates.add(catalog.find(name).orElseThrow()));
        }
        Page<InstanceTypeInfo> page = typeDescriber.describe(call, candidates);
        return Output.create()
                .put("InstanceTypes", page.items().stream().map(InstanceTypeOperations::instanceType).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> describeOfferings(Call call) {
        String locationType = call.input().optionalString("LocationType").orElse("region");
        Region region = regions.region(call.scope().region())
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid region: %s", call.scope().region()));
        List<Offering> offerings = new ArrayList<>();
        for (InstanceTypeInfo type : catalog.all()) {
            switch (locationType) {
                case "region" -> offerings.add(new Offering(type.instanceType(), locationType, region.name()));
                case "availability-zone", "availability-zone-id" -> {
                    for (AvailabilityZone zone : region.zones()) {
                        if (catalog.isOffered(type.instanceType(), zone)) {
                            offerings.add(new Offering(type.instanceType(), locationType,
                                    locationType.equals("availability-zone") ? zone.name() : zone.id()));
                        }
                    }
                }
                default -> throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Value (%s) for parameter locationType is invalid. Valid values are region, availability-zone, availability-zone-id.",
                        locationType);
            }
        }
        Page<Offering> page = offeringDescriber.describe(call, offerings);
        return Output.create()
                .put("InstanceTypeOfferings", page.items().stream().map(offering -> Output.create()
                        .put("InstanceType", offering.instanceType())
                        .put("LocationType", offering.locationType())
                        .put("Location", offering.location())
                        .build()).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private static Map<String, Object> instanceType(InstanceTypeInfo type) {
        boolean nitro = type.hypervisor().equals("nitro");
        List<Integer> validCores = IntStream.rangeClosed(1, type.defaultCores()).boxed().toList();
        List<Integer> validThreads = IntStream.rangeClosed(1, type.defaultThreadsPerCore()).boxed().toList();
        return Output.create()
                .put("InstanceType", type.instanceType())
                .put("CurrentGeneration", type.currentGeneration())
                .put("FreeTierEligible", type.freeTierEligible())
                .put("SupportedUsageClasses", List.of("on-demand", "spot"))
                .put("SupportedRootDeviceTypes", List.of("ebs"))
                .put("SupportedVirtualizationTypes", type.hypervisor().equals("xen") ? List.of("hvm", "paravirtual") : List.of("hvm"))
                .put("BareMetal", false)
                .put("Hypervisor", type.hypervisor())
                .put("ProcessorInfo", Output.create().put("SupportedArchitectures", List.of(type.architecture())).build())
                .put("VCpuInfo", Output.create()
                        .put("DefaultVCpus", type.defaultVCpus())
                        .put("DefaultCores", type.defaultCores())
                        .put("DefaultThreadsPerCore", type.defaultThreadsPerCore())
                        .put("ValidCores", nitro ? validCores : null)
                        .put("ValidThreadsPerCore", nitro ? validThreads : null)
                        .build())
                .put("MemoryInfo", Output.of("SizeInMiB", type.memoryMiB()))
                .put("InstanceStorageSupported", false)
                .put("EbsInfo", Output.create()
                        .put("EbsOptimizedSupport", type.ebsOptimizedByDefault() ? "default" : "unsupported")
                        .put("EncryptionSupport", "supported")
                        .put("NvmeSupport", nitro ? "required" : "unsupported")
                        .build())
                .put("NetworkInfo", Output.create()
                        .put("NetworkPerformance", type.networkPerformance())
                        .put("MaximumNetworkInterfaces", type.maximumNetworkInterfaces())
                        .put("MaximumNetworkCards", 1)
                        .put("DefaultNetworkCardIndex", 0)
                        .put("NetworkCards", List.of(Output.create()
                                .put("NetworkCardIndex", 0)
                                .put("NetworkPerformance", type.networkPerformance())
                                .put("MaximumNetworkInterfaces", type.maximumNetworkInterfaces())
                                .build()))
                        .put("Ipv4AddressesPerInterface", type.ipv4AddressesPerInterface())
                        .put("Ipv6AddressesPerInterface", type.ipv6AddressesPerInterface())
                        .put("Ipv6Supported", type.ipv6AddressesPerInterface() > 0)
                        .put("EnaSupport", nitro ? "required" : "unsupported")
                        .put("EfaSupported", false)
                        .put("EncryptionInTransitSupported", false)
                        .build())
                .put("PlacementGroupInfo", Output.of("SupportedStrategies", List.of("partition", "spread")))
                .put("HibernationSupported", false)
                .put("BurstablePerformanceSupported", type.burstablePerformanceSupported())
                .put("DedicatedHostsSupported", false)
                .put("AutoRecoverySupported", true)
                .put("SupportedBootModes", List.of("legacy-bios"))
                .build();
    }
}
