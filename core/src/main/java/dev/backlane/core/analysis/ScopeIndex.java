package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.endpoint.AwsServiceCatalog;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.policy.CompiledPolicy;
import dev.backlane.core.world.ScopeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the path engine and the audit look up, for one account and region, computed once per
 * world snapshot: resources by ID, the route table and network ACL of each subnet, interfaces by VPC and
 * address, endpoints by VPC, service and DNS name, prefix lists' CIDRs, and compiled route tables,
 * ACLs and security groups. Built eagerly, read by many threads.
 */
public final class ScopeIndex {
    private final Scope scope;
    private final ScopeState state;
    private final AwsServiceCatalog services;
    private final Map<String, Vpc> vpcs = new HashMap<>();
    private final Map<String, List<Ipv4Cidr>> vpcCidrs = new HashMap<>();
    private final Map<String, Subnet> subnets = new HashMap<>();
    private final Map<String, List<Subnet>> subnetsByVpc = new HashMap<>();
    private final Map<String, NetworkInterface> interfaces = new HashMap<>();
    private final Map<String, Map<Long, NetworkInterface>> interfacesByVpcAndAddress = new HashMap<>();
    private final Map<String, String> publicIps = new HashMap<>();
    private final Map<String, NetworkInterface> primaryInterfaceByInstance = new HashMap<>();
    private final Map<String, RouteLookup> routeTables = new HashMap<>();
    private final Map<String, RouteLookup> routeTableBySubnet = new HashMap<>();
    private final Map<String, RouteLookup> mainRouteTableByVpc = new HashMap<>();
    private final Map<String, NetworkAclEvaluator> aclBySubnet = new HashMap<>();
    private final Map<String, VpcEndpoint> endpoints = new HashMap<>();
    private final Map<String, VpcEndpoint> endpointByInterface = new HashMap<>();
    private final Map<String, List<VpcEndpoint>> endpointsByVpc = new HashMap<>();
    private final Map<String, EndpointName> endpointNames = new HashMap<>();
    private final Map<String, NatGateway> natGateways = new HashMap<>();
    private final Map<String, InternetGateway> internetGateways = new HashMap<>();
    private final Map<String, List<Ipv4Cidr>> prefixListCidrs = new HashMap<>();
    private final Map<String, Optional<CompiledPolicy>> endpointPolicies = new ConcurrentHashMap<>();
    private final SecurityGroupEvaluator securityGroups;
    private final Map<String, SecurityGroup> groups = new HashMap<>();

    /** An endpoint-specific DNS name: the endpoint, the zone for a zonal name, and whether it covers subdomains. */
    public record EndpointName(VpcEndpoint endpoint, Optional<String> zone, boolean wildcard) {
        public EndpointName {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(zone, "zone is null");
        }
    }

    ScopeIndex(Scope scope, ScopeState state, AwsServiceCatalog services, AwsPrefixListCatalog prefixLists) {
        this.scope = requireNonNull(scope, "scope is null");
        this.state = requireNonNull(state, "state is null");
        this.services = requireNonNull(services, "services is null");
        PrefixListLookup lookup = new PrefixListLookup(prefixLists);
        for (var list : prefixLists.region(scope.region())) {
            prefixListCidrs.put(list.id(), parse(list.cidrs()));
        }
        for (var list : state.all(ResourceTypes.PREFIX_LIST)) {
            prefixListCidrs.put(list.id(), parse(lookup.cidrs(state, scope.region(), list.id())));
        }
        for (Vpc vpc : state.all(ResourceTypes.VPC)) {
            vpcs.put(vpc.id(), vpc);
            List<String> cidrs = vpc.associatedCidrs().isEmpty() ? List.of(vpc.cidrBlock()) : vpc.associatedCidrs();
            vpcCidrs.put(vpc.id(), parse(cidrs));
        }
        for (Subnet subnet : state.all(ResourceTypes.SUBNET)) {
            subnets.put(subnet.id(), subnet);
            subnetsByVpc.computeIfAbsent(subnet.vpcId(), ignored -> new ArrayList<>()).add(subnet);
        }
        for (NetworkInterface eni : state.all(ResourceTypes.NETWORK_INTERFACE)) {
            interfaces.put(eni.id(), eni);
            Map<Long, NetworkInterface> byAddress = interfacesByVpcAndAddress.computeIfAbsent(eni.vpcId(), ignored -> new HashMap<>());
            for (String address : eni.privateIpAddresses()) {
                Ipv4Address.parse(address).ifPresent(value -> byAddress.put(value, eni));
            }
            if (eni.publicIp() != null) {
                publicIps.put(eni.id(), eni.publicIp());
            }
            if (eni.attachment() != null && eni.attachment().instanceId() != null) {
                NetworkInterface current = primaryInterfaceByInstance.get(eni.attachment().instanceId());
                if (current == null || current.attachment().deviceIndex() > eni.attachment().deviceIndex()) {
                    primaryInterfaceByInstance.put(eni.attachment().instanceId(), eni);
                }
            }
        }
        for (Instance instance : state.all(ResourceTypes.INSTANCE)) {
            Optional<NetworkInterface> primary = instance.networkInterfaceIds().stream().map(interfaces::get)
                    .filter(java.util.Objects::nonNull).findFirst();
            primary.ifPresent(eni -> {
                primaryInterfaceByInstance.put(instance.id(), eni);
                if (instance.publicIpAddress() != null) {
                    publicIps.putIfAbsent(eni.id(), instance.publicIpAddress());
                }
            });
        }
        for (Address address : state.all(ResourceTypes.ELASTIC_IP)) {
            if (address.networkInterfaceId() != null) {
                publicIps.putIfAbsent(address.networkInterfaceId(), address.publicIp());
            }
        }
        for (RouteTable table : state.all(ResourceTypes.ROUTE_TABLE)) {
            RouteLookup lookup2 = new RouteLookup(table, this::prefixListCidrs);
            routeTables.put(table.id(), lookup2);
            for (RouteTableAssociation association : table.associations()) {
                if (association.main()) {
                    mainRouteTableByVpc.put(table.vpcId(), lookup2);
                } else if (association.subnetId() != null && !association.state().equals("disassociated")) {
                    routeTableBySubnet.put(association.subnetId(), lookup2);
                }
            }
        }
        for (NetworkAcl acl : state.all(ResourceTypes.NETWORK_ACL)) {
            NetworkAclEvaluator evaluator = new NetworkAclEvaluator(acl);
            for (NetworkAclAssociation association : acl.associations()) {
                aclBySubnet.put(association.subnetId(), evaluator);
            }
        }
        for (VpcEndpoint endpoint : state.all(ResourceTypes.VPC_ENDPOINT)) {
            // A deleted endpoint has no routes, interfaces or names left to find.
            if (endpoint.isBeingDeleted()) {
                continue;
            }
            endpoints.put(endpoint.id(), endpoint);
            endpointsByVpc.computeIfAbsent(endpoint.vpcId(), ignored -> new ArrayList<>()).add(endpoint);
            endpoint.networkInterfaceIds().forEach(id -> endpointByInterface.put(id, endpoint));
            if (EndpointView.isInterface(endpoint)) {
                indexNames(endpoint);
            }
        }
        for (NatGateway gateway : state.all(ResourceTypes.NAT_GATEWAY)) {
            natGateways.put(gateway.id(), gateway);
        }
        for (InternetGateway gateway : state.all(ResourceTypes.INTERNET_GATEWAY)) {
            internetGateways.put(gateway.id(), gateway);
        }
        for (SecurityGroup group : state.all(ResourceTypes.SECURITY_GROUP)) {
            groups.put(group.id(), group);
        }
        this.securityGroups = new SecurityGroupEvaluator(groups.values(), this::prefixListCidrs);
    }

    private void indexNames(VpcEndpoint endpoint) {
        Optional<AwsService> service = services.service(endpoint.serviceName());
        String base = service.flatMap(found -> found.baseEndpointDnsNames().stream().findFirst())
                .orElseGet(() -> customServiceBase(endpoint.serviceName()));
        boolean wildcard = service.map(ServiceNames::hasWildcardName).orElse(false);
        String label = endpoint.id() + "-" + endpoint.dnsSuffix();
        endpointNames.put(label + "." + base, new EndpointName(endpoint, Optional.empty(), wildcard));
        for (String eniId : endpoint.networkInterfaceIds()) {
            NetworkInterface eni = interfaces.get(eniId);
            if (eni != null) {
                endpointNames.put(label + "-" + eni.availabilityZone() + "." + base, new EndpointName(endpoint, Optional.of(eni.availabilityZone()), wildcard));
            }
        }
    }

    /** {@code com.amazonaws.vpce.<region>.vpce-svc-x} names {@code vpce-svc-x.<region>.vpce.amazonaws.com}. */
    private String customServiceBase(String serviceName) {
        String[] parts = serviceName.split("\\.");
        String last = parts[parts.length - 1];
        return last + "." + scope.region() + ".vpce.amazonaws.com";
    }

    private static List<Ipv4Cidr> parse(List<String> cidrs) {
        List<Ipv4Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            Ipv4Cidr.parseLenient(cidr).ifPresent(parsed::add);
        }
        return List.copyOf(parsed);
    }

    public Scope scope() {
        return scope;
    }

    public ScopeState state() {
        return state;
    }

    public AwsServiceCatalog services() {
        return services;
    }

    public List<Ipv4Cidr> prefixListCidrs(String prefixListId) {
        return prefixListCidrs.getOrDefault(prefixListId, List.of());
    }

    public Optional<Vpc> vpc(String id) {
        return Optional.ofNullable(vpcs.get(id));
    }

    public java.util.Collection<Vpc> vpcs() {
        return vpcs.values();
    }

    public List<Ipv4Cidr> vpcCidrs(String vpcId) {
        return vpcCidrs.getOrDefault(vpcId, List.of());
    }

    /** Whether the address is inside one of the VPC's associated IPv4 CIDRs. */
    public boolean inVpc(String vpcId, long address) {
        for (Ipv4Cidr cidr : vpcCidrs(vpcId)) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public Optional<Subnet> subnet(String id) {
        return Optional.ofNullable(subnets.get(id));
    }

    public List<Subnet> subnetsOf(String vpcId) {
        return subnetsByVpc.getOrDefault(vpcId, List.of());
    }

    public Optional<NetworkInterface> networkInterface(String id) {
        return Optional.ofNullable(interfaces.get(id));
    }

    public Optional<NetworkInterface> interfaceAt(String vpcId, long address) {
        Map<Long, NetworkInterface> byAddress = interfacesByVpcAndAddress.get(vpcId);
        return byAddress == null ? Optional.empty() : Optional.ofNullable(byAddress.get(address));
    }

    /** The interfaces of the VPC, each once. */
    public List<NetworkInterface> interfacesIn(String vpcId) {
        Map<Long, NetworkInterface> byAddress = interfacesByVpcAndAddress.getOrDefault(vpcId, Map.of());
        return byAddress.values().stream().distinct().sorted(java.util.Comparator.comparing(NetworkInterface::id)).toList();
    }

    /** The public IPv4 address of the interface: its own or an associated Elastic IP. */
    public Optional<String> publicIp(String interfaceId) {
        return Optional.ofNullable(publicIps.get(interfaceId));
    }

    /** The interface of the instance with the lowest device index. */
    public Optional<NetworkInterface> primaryInterfaceOf(String instanceId) {
        return Optional.ofNullable(primaryInterfaceByInstance.get(instanceId));
    }

    public java.util.Set<String> instanceIds() {
        return primaryInterfaceByInstance.keySet();
    }

    public Optional<RouteLookup> routeTable(String id) {
        return Optional.ofNullable(routeTables.get(id));
    }

    /** The subnet's route table: its explicit association, else its VPC's main table. */
    public Optional<RouteLookup> routeTableOf(Subnet subnet) {
        RouteLookup explicit = routeTableBySubnet.get(subnet.id());
        return explicit != null ? Optional.of(explicit) : Optional.ofNullable(mainRouteTableByVpc.get(subnet.vpcId()));
    }

    public Optional<NetworkAclEvaluator> aclOf(String subnetId) {
        return Optional.ofNullable(aclBySubnet.get(subnetId));
    }

    public Optional<VpcEndpoint> endpoint(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    public java.util.Collection<VpcEndpoint> endpoints() {
        return endpoints.values();
    }

    public Optional<VpcEndpoint> endpointOwning(String interfaceId) {
        return Optional.ofNullable(endpointByInterface.get(interfaceId));
    }

    public List<VpcEndpoint> endpointsOf(String vpcId) {
        return endpointsByVpc.getOrDefault(vpcId, List.of());
    }

    /** The endpoint-specific name, exact or, for wildcard names, any subdomain of it. */
    public Optional<EndpointName> endpointName(String hostname) {
        String name = hostname.toLowerCase(Locale.ROOT);
        EndpointName exact = endpointNames.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            EndpointName parent = endpointNames.get(name.substring(dot + 1));
            if (parent != null && parent.wildcard()) {
                return Optional.of(parent);
            }
        }
        return Optional.empty();
    }

    public Optional<NatGateway> natGateway(String id) {
        return Optional.ofNullable(natGateways.get(id));
    }

    public Optional<InternetGateway> internetGateway(String id) {
        return Optional.ofNullable(internetGateways.get(id));
    }

    public Optional<SecurityGroup> securityGroup(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    public SecurityGroupEvaluator securityGroups() {
        return securityGroups;
    }

    /** The endpoint's policy, compiled once; empty for the default full-access policy. */
    public Optional<CompiledPolicy> endpointPolicy(VpcEndpoint endpoint) {
        return endpointPolicies.computeIfAbsent(endpoint.id(),
                ignored -> endpoint.policyDocument() == null || endpoint.policyDocument().isBlank()
                        ? Optional.empty() : Optional.of(CompiledPolicy.parse(endpoint.policyDocument())));
    }
}
