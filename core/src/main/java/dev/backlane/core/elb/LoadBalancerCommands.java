package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerScheme;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.LoadBalancerZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.Transition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Creating, changing and deleting ELBv2 load balancers with AWS's rules. */
public final class LoadBalancerCommands {
    /** The requester AWS names on load balancers' network interfaces. */
    public static final String REQUESTER = "amazon-elb";

    private final Quotas quotas;
    private final ElbCatalog catalog;
    private final List<LoadBalancerUse> uses;
    private final NetworkInterfaceCommands networkInterfaces;

    public LoadBalancerCommands(Quotas quotas, ElbCatalog catalog, List<LoadBalancerUse> uses, NetworkInterfaceCommands networkInterfaces) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.uses = List.copyOf(requireNonNull(uses, "uses is null"));
        this.networkInterfaces = requireNonNull(networkInterfaces, "networkInterfaces is null");
    }

    /** The parameters of CreateLoadBalancer that Backlane honours; null members take AWS's defaults. */
    public record CreateLoadBalancer(
            String name,
            LoadBalancerType type,
            LoadBalancerScheme scheme,
            String ipAddressType,
            List<String> subnets,
            List<SubnetMapping> subnetMappings,
            List<String> securityGroups,
            List<ElbTags.Tag> tags) {}

    public LoadBalancer create(Transaction transaction, CreateLoadBalancer request) {
        ElbNames.checkLoadBalancerName(request.name());
        LoadBalancerType type = request.type() == null ? LoadBalancerType.APPLICATION : request.type();
        LoadBalancerScheme scheme = request.scheme() == null ? LoadBalancerScheme.INTERNET_FACING : request.scheme();
        String ipAddressType = request.ipAddressType() == null ? "ipv4" : request.ipAddressType();
        if (!request.subnets().isEmpty() && !request.subnetMappings().isEmpty()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "You can specify subnets or subnet mappings, not both");
        }
        List<SubnetMapping> mappings = request.subnetMappings().isEmpty()
                ? request.subnets().stream().map(SubnetMapping::of).toList()
                : request.subnetMappings();
        for (LoadBalancer existing : transaction.all(ResourceTypes.LOAD_BALANCER)) {
            if (existing.name().equals(request.name())) {
                throw AwsException.of(ErrorCode.DUPLICATE_LOAD_BALANCER_NAME, "A load balancer with the same name '%s' exists, but with different settings",
                        request.name());
            }
        }
        List<Subnet> subnets = resolveSubnets(transaction, mappings, type);
        String vpcId = subnets.get(0).vpcId();
        List<LoadBalancerZone> zones = zones(mappings, subnets, type, scheme, ipAddressType);
        List<String> groups = securityGroups(transaction, type, vpcId, request.securityGroups());
        quotas.check("load-balancers-per-region", transaction.all(ResourceTypes.LOAD_BALANCER).size(), ErrorCode.TOO_MANY_LOAD_BALANCERS,
                "The quota for the number of load balancers has been reached");

        String arn = ElbArns.loadBalancer(transaction, type, request.name());
        String arnId = arn.substring(arn.lastIndexOf('/') + 1);
        String dnsName = switch (type) {
            case NETWORK -> request.name() + "-" + arnId + ".elb." + transaction.region() + ".amazonaws.com";
            case APPLICATION -> (scheme == LoadBalancerScheme.INTERNAL ? "internal-" : "") + request.name() + "-"
                    + Long.parseLong(arnId.substring(0, 8), 16) + "." + transaction.region() + ".elb.amazonaws.com";
            case GATEWAY -> null;
        };
        String hostedZone = switch (type) {
            case NETWORK, APPLICATION -> catalog.hostedZone(transaction.region(), type.wireName()).orElse(null);
            case GATEWAY -> null;
        };
        LoadBalancer loadBalancer = new LoadBalancer(arn, request.name(), type, type == LoadBalancerType.GATEWAY ? null : scheme,
                ipAddressType, vpcId, withInterfaces(transaction, arn, type, zones, groups), groups, type == LoadBalancerType.NETWORK && !groups.isEmpty() ? "on" : null,
                transaction.now(), dnsName, hostedZone, catalog.loadBalancerAttributes(type.wireName()),
                transaction.endOf(Transition.LOAD_BALANCER_PROVISIONING));
        transaction.put(ResourceTypes.LOAD_BALANCER, loadBalancer);
        ElbTags.tagNew(transaction, arn, ResourceTypes.LOAD_BALANCER, request.tags());
        return loadBalancer;
    }

    /**
     * Deletes a load balancer and its listeners. An ARN that names nothing succeeds, as AWS's does;
     * deletion protection and any {@link LoadBalancerUse} refuse.
     */
    public void delete(Transaction transaction, String arn) {
        ElbArns.requireLoadBalancer(arn);
        Optional<LoadBalancer> found = transaction.find(ResourceTypes.LOAD_BALANCER, arn);
        if (found.isEmpty()) {
            return;
        }
        LoadBalancer loadBalancer = found.get();
        if (loadBalancer.deletionProtected()) {
            throw AwsException.of(ErrorCode.OPERATION_NOT_PERMITTED, "Load balancer '%s' cannot be deleted because deletion protection is enabled", arn);
        }
        for (LoadBalancerUse use : uses) {
            Optional<String> user = use.userOf(transaction, loadBalancer);
            if (user.isPresent()) {
                throw AwsException.of(ErrorCode.RESOURCE_IN_USE, "Load balancer '%s' cannot be deleted because it is currently associated with another service (%s)",
                        arn, user.get());
            }
        }
        for (Listener listener : List.copyOf(transaction.all(ResourceTypes.LISTENER))) {
            if (listener.loadBalancerArn().equals(arn)) {
                transaction.remove(ResourceTypes.LISTENER, listener.id());
            }
        }
        loadBalancer.zones().forEach(zone -> removeInterface(transaction, zone));
        transaction.remove(ResourceTypes.LOAD_BALANCER, arn);
    }

    /** Changes attributes; every key must be one the load balancer's type has, with a value of the key's kind. */
    public LoadBalancer modifyAttributes(Transaction transaction, String arn, Map<String, String> changes) {
        LoadBalancer loadBalancer = ElbArns.get(transaction, ResourceTypes.LOAD_BALANCER, ElbArns.requireLoadBalancer(arn));
        SortedMap<String, String> attributes = new TreeMap<>(loadBalancer.attributes());
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String current = attributes.get(change.getKey());
            if (current == null) {
                if (catalog.loadBalancerAttributes(LoadBalancerType.APPLICATION.wireName()).containsKey(change.getKey())
                        || catalog.loadBalancerAttributes(LoadBalancerType.NETWORK.wireName()).containsKey(change.getKey())) {
                    throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST,
                            "Load balancer attribute key '%s' is not supported on load balancers with type '%s'", change.getKey(),
                            loadBalancer.type().wireName());
                }
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Load balancer attribute key '%s' is not recognized", change.getKey());
            }
            AttributeValues.check("Load balancer", change.getKey(), current, change.getValue());
            attributes.put(change.getKey(), change.getValue());
        }
        return transaction.put(ResourceTypes.LOAD_BALANCER, loadBalancer.withAttributes(attributes));
    }

    /** Replaces the subnets. A network load balancer can gain subnets but not lose them. */
    public LoadBalancer setSubnets(Transaction transaction, String arn, List<String> subnetIds, List<SubnetMapping> subnetMappings) {
        LoadBalancer loadBalancer = ElbArns.get(transaction, ResourceTypes.LOAD_BALANCER, ElbArns.requireLoadBalancer(arn));
        if (!subnetIds.isEmpty() && !subnetMappings.isEmpty()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "You can specify subnets or subnet mappings, not both");
        }
        List<SubnetMapping> mappings = subnetMappings.isEmpty() ? subnetIds.stream().map(SubnetMapping::of).toList() : subnetMappings;
        List<Subnet> subnets = resolveSubnets(transaction, mappings, loadBalancer.type());
        if (!subnets.get(0).vpcId().equals(loadBalancer.vpcId())) {
            throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, "The subnets must be in the load balancer's VPC '%s'", loadBalancer.vpcId());
        }
        List<LoadBalancerZone> zones = zones(mappings, subnets, loadBalancer.type(),
                loadBalancer.scheme() == null ? LoadBalancerScheme.INTERNAL : loadBalancer.scheme(), loadBalancer.ipAddressType());
        Set<String> kept = new HashSet<>();
        zones.forEach(zone -> kept.add(zone.subnetId()));
        List<LoadBalancerZone> added = new ArrayList<>();
        for (LoadBalancerZone zone : zones) {
            Optional<LoadBalancerZone> existing = loadBalancer.zones().stream().filter(old -> old.subnetId().equals(zone.subnetId())).findFirst();
            added.add(existing.orElse(zone));
        }
        for (LoadBalancerZone zone : loadBalancer.zones()) {
            if (kept.contains(zone.subnetId())) {
                continue;
            }
            if (loadBalancer.type() == LoadBalancerType.NETWORK) {
                throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, "Subnet '%s' cannot be removed from a network load balancer",
                        zone.subnetId());
            }
            removeInterface(transaction, zone);
        }
        List<LoadBalancerZone> withInterfaces = new ArrayList<>();
        for (LoadBalancerZone zone : added) {
            withInterfaces.add(zone.networkInterfaceId() != null ? zone
                    : withInterfaces(transaction, arn, loadBalancer.type(), List.of(zone), loadBalancer.securityGroups()).get(0));
        }
        return transaction.put(ResourceTypes.LOAD_BALANCER, loadBalancer.withZones(withInterfaces));
    }

    /**
     * Replaces the security groups. A network load balancer created without groups cannot gain any, and
     * one with groups cannot lose them all.
     */
    public LoadBalancer setSecurityGroups(Transaction transaction, String arn, List<String> groupIds, String enforceInboundRules) {
        LoadBalancer loadBalancer = ElbArns.get(transaction, ResourceTypes.LOAD_BALANCER, ElbArns.requireLoadBalancer(arn));
        String enforce = loadBalancer.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic();
        switch (loadBalancer.type()) {
            case GATEWAY -> throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST,
                    "Security groups are not supported for load balancers with type 'gateway'");
            case NETWORK -> {
                if (loadBalancer.securityGroups().isEmpty() && !groupIds.isEmpty()) {
                    throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST,
                            "You cannot set security groups on a Network Load Balancer which was created without any security groups.");
                }
                if (!loadBalancer.securityGroups().isEmpty() && groupIds.isEmpty()) {
                    throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST,
                            "You cannot remove all security groups from a Network Load Balancer which was created with security groups.");
                }
                if (enforceInboundRules != null) {
                    enforce = enforceInboundRules;
                }
            }
            case APPLICATION -> {
                if (enforceInboundRules != null) {
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                            "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is only supported for network load balancers");
                }
            }
        }
        List<String> groups = checkedGroups(transaction, loadBalancer.vpcId(), groupIds);
        return transaction.put(ResourceTypes.LOAD_BALANCER, loadBalancer.withSecurityGroups(groups, enforce));
    }

    private static List<Subnet> resolveSubnets(Transaction transaction, List<SubnetMapping> mappings, LoadBalancerType type) {
        int minimum = type == LoadBalancerType.APPLICATION ? 2 : 1;
        if (mappings.size() < minimum) {
            throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, minimum == 2
                    ? "At least two subnets in two different Availability Zones must be specified"
                    : "At least one subnet must be specified");
        }
        List<Subnet> subnets = new ArrayList<>();
        Map<String, String> subnetByZone = new LinkedHashMap<>();
        for (SubnetMapping mapping : mappings) {
            Subnet subnet = transaction.find(ResourceTypes.SUBNET, mapping.subnetId()).orElseThrow(() -> AwsException.of(
                    ErrorCode.SUBNET_NOT_FOUND, "The subnet ID '%s' is not valid", mapping.subnetId()));
            String previous = subnetByZone.putIfAbsent(subnet.availabilityZone(), subnet.id());
            if (previous != null && !previous.equals(subnet.id())) {
                throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST,
                        "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
            }
            if (previous != null) {
                continue;
            }
            if (!subnets.isEmpty() && !subnets.get(0).vpcId().equals(subnet.vpcId())) {
                throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, "The subnets '%s' and '%s' are not in the same VPC",
                        subnets.get(0).id(), subnet.id());
            }
            subnets.add(subnet);
        }
        return subnets;
    }

    private static List<LoadBalancerZone> zones(List<SubnetMapping> mappings, List<Subnet> subnets, LoadBalancerType type, LoadBalancerScheme scheme,
            String ipAddressType) {
        List<LoadBalancerZone> zones = new ArrayList<>();
        for (Subnet subnet : subnets) {
            SubnetMapping mapping = mappings.stream().filter(m -> m.subnetId().equals(subnet.id())).findFirst().orElseThrow();
            if (ipAddressType.equals("dualstack") && subnet.ipv6CidrAssociations().isEmpty()) {
                throw AwsException.of(ErrorCode.INVALID_SUBNET, "Subnet '%s' must have an IPv6 CIDR block for the 'dualstack' IP address type", subnet.id());
            }
            if (mapping.allocationId() != null && (type != LoadBalancerType.NETWORK || scheme == LoadBalancerScheme.INTERNAL)) {
                throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST,
                        "Elastic IP addresses can be specified only for internet-facing network load balancers");
            }
            if (mapping.privateIpv4Address() != null) {
                if (type != LoadBalancerType.NETWORK || scheme != LoadBalancerScheme.INTERNAL) {
                    throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST,
                            "Private IPv4 addresses can be specified only for internal network load balancers");
                }
                Ipv4Cidr cidr = Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow();
                long address = Ipv4Address.parse(mapping.privateIpv4Address()).orElseThrow(() -> AwsException.of(ErrorCode.VALIDATION_ERROR,
                        "'%s' is not a valid IPv4 address", mapping.privateIpv4Address()));
                if (!cidr.contains(address)) {
                    throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, "The private IPv4 address '%s' is not in the CIDR block '%s' of subnet '%s'",
                            mapping.privateIpv4Address(), subnet.cidrBlock(), subnet.id());
                }
            }
            zones.add(new LoadBalancerZone(subnet.availabilityZone(), subnet.id(), mapping.privateIpv4Address(), mapping.allocationId(), null));
        }
        return zones;
    }

    /**
     * Gives each zone the requester-managed interface of the load balancer's node there, with AWS's
     * description ({@code ELB net/<name>/<id>}), the load balancer's groups and the mapped address.
     */
    private List<LoadBalancerZone> withInterfaces(Transaction transaction, String arn, LoadBalancerType type, List<LoadBalancerZone> zones,
            List<String> groups) {
        String description = "ELB " + arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        String interfaceType = switch (type) {
            case NETWORK -> "network_load_balancer";
            case GATEWAY -> "gateway_load_balancer";
            case APPLICATION -> "interface";
        };
        List<LoadBalancerZone> result = new ArrayList<>();
        for (LoadBalancerZone zone : zones) {
            var networkInterface = networkInterfaces.create(transaction, new NetworkInterfaceCommands.CreateNetworkInterface(zone.subnetId(),
                    description, zone.privateIpv4Address(), List.of(), 0, List.of(), 0, groups, interfaceType, REQUESTER));
            result.add(zone.withNetworkInterfaceId(networkInterface.id()));
        }
        return result;
    }

    private void removeInterface(Transaction transaction, LoadBalancerZone zone) {
        if (zone.networkInterfaceId() != null && transaction.find(ResourceTypes.NETWORK_INTERFACE, zone.networkInterfaceId()).isPresent()) {
            networkInterfaces.deleteForService(transaction, zone.networkInterfaceId());
        }
    }

    private static List<String> securityGroups(Transaction transaction, LoadBalancerType type, String vpcId, List<String> requested) {
        return switch (type) {
            case GATEWAY -> {
                if (!requested.isEmpty()) {
                    throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, "Security groups are not supported for load balancers with type 'gateway'");
                }
                yield List.of();
            }
            case NETWORK -> checkedGroups(transaction, vpcId, requested);
            case APPLICATION -> requested.isEmpty() ? defaultGroup(transaction, vpcId) : checkedGroups(transaction, vpcId, requested);
        };
    }

    private static List<String> checkedGroups(Transaction transaction, String vpcId, List<String> requested) {
        List<String> groups = new ArrayList<>();
        for (String id : requested) {
            SecurityGroup group = transaction.find(ResourceTypes.SECURITY_GROUP, id).orElseThrow(() -> AwsException.of(
                    ErrorCode.INVALID_SECURITY_GROUP, "Security group '%s' does not exist", id));
            if (!vpcId.equals(group.vpcId())) {
                throw AwsException.of(ErrorCode.INVALID_SECURITY_GROUP, "Security group '%s' does not belong to VPC '%s'", id, vpcId);
            }
            if (!groups.contains(id)) {
                groups.add(id);
            }
        }
        return groups;
    }

    private static List<String> defaultGroup(Transaction transaction, String vpcId) {
        return transaction.all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> vpcId.equals(group.vpcId()) && group.isVpcDefault())
                .map(SecurityGroup::id)
                .limit(1)
                .toList();
    }
}
