package dev.backlane.core.data;

import static java.util.Objects.requireNonNull;

/** What DescribeInstanceTypes says of one instance type; the values are AWS's (see {@code data/SOURCES.md}). */
public record InstanceTypeInfo(
        String instanceType,
        int defaultVCpus,
        int defaultCores,
        int defaultThreadsPerCore,
        long memoryMiB,
        String networkPerformance,
        int maximumNetworkInterfaces,
        int ipv4AddressesPerInterface,
        int ipv6AddressesPerInterface,
        String architecture,
        String hypervisor,
        boolean burstablePerformanceSupported,
        boolean freeTierEligible,
        boolean currentGeneration,
        boolean ebsOptimizedByDefault) {

    public InstanceTypeInfo {
        requireNonNull(instanceType, "instanceType is null");
        requireNonNull(networkPerformance, "networkPerformance is null");
        requireNonNull(architecture, "architecture is null");
        requireNonNull(hypervisor, "hypervisor is null");
    }

    /** The family, the part before the dot: {@code t3} for {@code t3.micro}. */
    public String family() {
        return instanceType.substring(0, instanceType.indexOf('.'));
    }
}
