package dev.backlane.core.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The top-level keys a snapshot's documents are recognised by, each with its importer, in the order
 * they are read: what others refer to first (zones before subnets, subnets before the interfaces and
 * NAT gateways that take their zone from them, interfaces before the instances that list them).
 */
final class SnapshotKinds {
    /** Keys read and counted, but whose items are not part of the world, with the reason. */
    static final Map<String, String> NOT_LOADED = Map.of(
            "LoadBalancers", "ELBv2 load balancers are not part of the world; their network interfaces are",
            "TargetGroups", "ELBv2 target groups are not part of the world");

    /** Keys that come with known ones and add nothing: describe-vpc-endpoint-services' bare names, pagination tokens. */
    static final Set<String> IGNORED = Set.of("ServiceNames", "NextToken", "ResponseMetadata");

    private SnapshotKinds() {}

    static Map<String, KindImporter> importers() {
        Map<String, KindImporter> importers = new LinkedHashMap<>();
        importers.put("AvailabilityZones", new AvailabilityZoneImporter());
        importers.put("Vpcs", new VpcImporter());
        importers.put("Subnets", new SubnetImporter());
        importers.put("PrefixLists", new PrefixListImporter());
        importers.put("ManagedPrefixLists", new ManagedPrefixListImporter());
        importers.put("InternetGateways", new InternetGatewayImporter());
        importers.put("NatGateways", new NatGatewayImporter());
        importers.put("SecurityGroups", new SecurityGroupImporter());
        importers.put("NetworkAcls", new NetworkAclImporter());
        importers.put("RouteTables", new RouteTableImporter());
        importers.put("NetworkInterfaces", new NetworkInterfaceImporter());
        importers.put("Reservations", new InstanceImporter());
        importers.put("Addresses", new AddressImporter());
        importers.put("VpcEndpoints", new VpcEndpointImporter());
        importers.put("VpcPeeringConnections", new VpcPeeringConnectionImporter());
        importers.put("ServiceDetails", new ServiceDetailImporter());
        return importers;
    }

    static boolean isKnown(String key) {
        return NOT_LOADED.containsKey(key) || IGNORED.contains(key);
    }
}
