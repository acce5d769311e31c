package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Lifecycle;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * CreateVpcEndpoint, ModifyVpcEndpoint and DeleteVpcEndpoints with EC2's rules. The service comes from
 * an {@link EndpointServiceLookup}, so endpoints connect to AWS services and, through further sources, to
 * providers' endpoint services alike; a service that requires acceptance leaves new endpoints
 * {@code pendingAcceptance}. Routes, network interfaces and the endpoint change in one transaction.
 */
public final class VpcEndpointCommands {
    private final EndpointServiceLookup services;
    private final Quotas quotas;
    private final GatewayEndpointRoutes routes;
    private final InterfaceEndpointInterfaces interfaces;

    public VpcEndpointCommands(EndpointServiceLookup services, AwsPrefixListCatalog prefixLists, NetworkInterfaceCommands interfaces,
            Quotas quotas) {
        this.services = requireNonNull(services, "services is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.routes = new GatewayEndpointRoutes(prefixLists);
        this.interfaces = new InterfaceEndpointInterfaces(interfaces);
    }

    /** The parameters of CreateVpcEndpoint Backlane honours; absent ones are null (lists empty). */
    public record CreateVpcEndpoint(
            String vpcId,
            String serviceName,
            String serviceRegion,
            VpcEndpointType type,
            String policyDocument,
            List<String> routeTableIds,
            List<String> subnetIds,
            List<String> securityGroupIds,
            Boolean privateDnsEnabled,
            String ipAddressType,
            String dnsRecordIpType,
            Boolean privateDnsOnlyForInboundResolverEndpoint) {

        public CreateVpcEndpoint {
            requireNonNull(vpcId, "vpcId is null");
            requireNonNull(serviceName, "serviceName is null");
            type = type == null ? VpcEndpointType.GATEWAY : type;
            routeTableIds = List.copyOf(requireNonNull(routeTableIds, "routeTableIds is null"));
            subnetIds = List.copyOf(requireNonNull(subnetIds, "subnetIds is null"));
            securityGroupIds = List.copyOf(requireNonNull(securityGroupIds, "securityGroupIds is null"));
        }
    }

    public VpcEndpoint create(Transaction transaction, CreateVpcEndpoint request) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, request.vpcId());
        String serviceRegion = request.serviceRegion() == null ? transaction.region() : request.serviceRegion();
        EndpointService service = services.require(transaction.world(), transaction.scope(), request.serviceName(), serviceRegion);
        VpcEndpointType type = request.type();
        if (!service.offers(type)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Endpoint type (%s) does not match available service types (%s).",
                    type.awsName(), service.types());
        }
        String policy = request.policyDocument() == null ? VpcEndpointPolicies.initial(service)
                : VpcEndpointPolicies.check(request.policyDocument(), service);
        String id = transaction.newId(ResourceTypes.VPC_ENDPOINT);
        String dnsSuffix = transaction.ids().hex(8);
        return switch (type) {
            case GATEWAY -> createGateway(transaction, request, vpc, service, id, policy, dnsSuffix);
            case INTERFACE, GATEWAY_LOAD_BALANCER -> createInterface(transaction, request, vpc, service, id, policy, dnsSuffix);
        };
    }

    private VpcEndpoint createGateway(Transaction transaction, CreateVpcEndpoint request, Vpc vpc, EndpointService service, String id,
            String policy, String dnsSuffix) {
        refuseForGateway(!request.subnetIds().isEmpty(), "SubnetIds");
        refuseForGateway(!request.securityGroupIds().isEmpty(), "SecurityGroupIds");
        refuseForGateway(Boolean.TRUE.equals(request.privateDnsEnabled()), "PrivateDnsEnabled");
        refuseForGateway(request.dnsRecordIpType() != null || request.privateDnsOnlyForInboundResolverEndpoint() != null, "DnsOptions");
        String ipAddressType = request.ipAddressType() == null ? "ipv4" : request.ipAddressType();
        InterfaceEndpointRules.checkIpAddressType(service, List.of(), ipAddressType);
        List<RouteTable> tables = GatewayEndpointRoutes.tablesInVpc(transaction, vpc.id(), request.routeTableIds());
        long gatewayEndpoints = transaction.all(ResourceTypes.VPC_ENDPOINT).stream()
                .filter(endpoint -> endpoint.isGateway() && !endpoint.isBeingDeleted()).count();
        quotas.check("gateway-endpoints-per-region", gatewayEndpoints, ErrorCode.VPC_ENDPOINT_LIMIT_EXCEEDED,
                "The maximum number of gateway VPC endpoints in the Region has been reached: " + quotas.get("gateway-endpoints-per-region"));
        VpcEndpoint endpoint = new VpcEndpoint(id, vpc.id(), service.serviceName(), service.region(), VpcEndpointType.GATEWAY,
                initialState(service), policy, tables.stream().map(RouteTable::id).toList(), List.of(), List.of(), List.of(), false,
                ipAddressType, null, false, dnsSuffix, transaction.now(), Lifecycle.readyAt(transaction.now()));
        String prefixListId = routes.prefixListId(service);
        tables.forEach(table -> routes.add(transaction, endpoint, prefixListId, table));
        return transaction.put(ResourceTypes.VPC_ENDPOINT, endpoint);
    }

    private VpcEndpoint createInterface(Transaction transaction, CreateVpcEndpoint request, Vpc vpc, EndpointService service, String id,
            String policy, String dnsSuffix) {
        VpcEndpointType type = request.type();
        if (!request.routeTableIds().isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Route tables are not supported for %s endpoints; RouteTableIds must not be given.",
                    type.awsName());
        }
        List<Subnet> subnets = InterfaceEndpointRules.subnets(transaction, vpc, service, request.subnetIds());
        GroupsAndDns settings = switch (type) {
            case INTERFACE -> new GroupsAndDns(
                    request.securityGroupIds().isEmpty() ? List.of(InterfaceEndpointRules.defaultGroup(transaction, vpc))
                            : InterfaceEndpointRules.groups(transaction, vpc, request.securityGroupIds()),
                    request.privateDnsEnabled() == null ? service.privateDnsName() != null : request.privateDnsEnabled());
            case GATEWAY_LOAD_BALANCER -> {
                if (subnets.size() != 1) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER, "A Gateway Load Balancer endpoint must have exactly one subnet.");
                }
                if (!request.securityGroupIds().isEmpty() || Boolean.TRUE.equals(request.privateDnsEnabled())) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                            "Security groups and private DNS are not supported for GatewayLoadBalancer endpoints.");
                }
                yield new GroupsAndDns(List.of(), false);
            }
            case GATEWAY -> throw new IllegalStateException("gateway endpoints are created by createGateway");
        };
        List<String> groups = settings.groupIds();
        boolean privateDns = settings.privateDns();
        if (privateDns) {
            InterfaceEndpointRules.checkPrivateDns(transaction, vpc, service, id);
        }
        boolean inboundOnly = Boolean.TRUE.equals(request.privateDnsOnlyForInboundResolverEndpoint());
        if (inboundOnly) {
            InterfaceEndpointRules.checkInboundResolverOnly(transaction, vpc, service, privateDns);
        }
        String ipAddressType = request.ipAddressType() == null ? "ipv4" : request.ipAddressType();
        InterfaceEndpointRules.checkIpAddressType(service, subnets, ipAddressType);
        String dnsRecordIpType = InterfaceEndpointRules.dnsRecordIpType(ipAddressType, request.dnsRecordIpType());
        long inVpc = transaction.all(ResourceTypes.VPC_ENDPOINT).stream()
                .filter(endpoint -> !endpoint.isGateway() && !endpoint.isBeingDeleted() && endpoint.vpcId().equals(vpc.id())).count();
        quotas.check("interface-endpoints-per-vpc", inVpc, ErrorCode.VPC_ENDPOINT_LIMIT_EXCEEDED,
                "The maximum number of interface and Gateway Load Balancer VPC endpoints in " + vpc.id() + " has been reached: "
                        + quotas.get("interface-endpoints-per-vpc"));
        List<String> networkInterfaceIds = new ArrayList<>();
        for (Subnet subnet : subnets) {
            networkInterfaceIds.add(interfaces.create(transaction, id, subnet.id(), groups, ipAddressType).id());
        }
        VpcEndpoint endpoint = new VpcEndpoint(id, vpc.id(), service.serviceName(), service.region(), type, initialState(service), policy,
                List.of(), subnets.stream().map(Subnet::id).toList(), groups, networkInterfaceIds, privateDns, ipAddressType, dnsRecordIpType,
                inboundOnly, dnsSuffix, transaction.now(), Lifecycle.readyAt(transaction.endOf(Transition.VPC_ENDPOINT_PENDING)));
        return transaction.put(ResourceTypes.VPC_ENDPOINT, endpoint);
    }

    /** The security groups and private DNS setting of a new interface or Gateway Load Balancer endpoint. */
    private record GroupsAndDns(List<String> groupIds, boolean privateDns) {}

    private static VpcEndpointState initialState(EndpointService service) {
        return service.acceptanceRequired() ? VpcEndpointState.PENDING_ACCEPTANCE : VpcEndpointState.AVAILABLE;
    }

    private static void refuseForGateway(boolean given, String parameter) {
        if (given) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "%s is not supported for Gateway endpoints.", parameter);
        }
    }

    /** The parameters of ModifyVpcEndpoint; absent ones are null (lists empty). */
    public record ModifyVpcEndpoint(
            String vpcEndpointId,
            List<String> addRouteTableIds,
            List<String> removeRouteTableIds,
            List<String> addSubnetIds,
            List<String> removeSubnetIds,
            List<String> addSecurityGroupIds,
            List<String> removeSecurityGroupIds,
            String policyDocument,
            boolean resetPolicy,
            Boolean privateDnsEnabled,
            String ipAddressType,
            String dnsRecordIpType,
            Boolean privateDnsOnlyForInboundResolverEndpoint) {

        public ModifyVpcEndpoint {
            requireNonNull(vpcEndpointId, "vpcEndpointId is null");
            addRouteTableIds = List.copyOf(addRouteTableIds);
            removeRouteTableIds = List.copyOf(removeRouteTableIds);
            addSubnetIds = List.copyOf(addSubnetIds);
            removeSubnetIds = List.copyOf(removeSubnetIds);
            addSecurityGroupIds = List.copyOf(addSecurityGroupIds);
            removeSecurityGroupIds = List.copyOf(removeSecurityGroupIds);
        }

        boolean changesInterfaceSettings() {
            return !addSubnetIds.isEmpty() || !removeSubnetIds.isEmpty() || !addSecurityGroupIds.isEmpty() || !removeSecurityGroupIds.isEmpty()
                    || privateDnsEnabled != null || dnsRecordIpType != null || privateDnsOnlyForInboundResolverEndpoint != null;
        }
    }

    public VpcEndpoint modify(Transaction transaction, ModifyVpcEndpoint request) {
        VpcEndpoint endpoint = live(transaction, request.vpcEndpointId());
        Vpc vpc = transaction.get(ResourceTypes.VPC, endpoint.vpcId());
        Optional<EndpointService> found = services.find(transaction.world(), transaction.scope(), endpoint.serviceName(), endpoint.serviceRegion());
        EndpointService service = found.orElseThrow(() -> EndpointServiceLookup.notFound(endpoint.serviceName()));
        refuseOverlap(request.addRouteTableIds(), request.removeRouteTableIds(), "route table");
        refuseOverlap(request.addSubnetIds(), request.removeSubnetIds(), "subnet");
        refuseOverlap(request.addSecurityGroupIds(), request.removeSecurityGroupIds(), "security group");
        if (request.resetPolicy() && request.policyDocument() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameters PolicyDocument and ResetPolicy cannot be used together.");
        }
        VpcEndpoint changed = endpoint;
        if (request.resetPolicy()) {
            changed = changed.withPolicyDocument(VpcEndpointPolicies.initial(service));
        } else if (request.policyDocument() != null) {
            changed = changed.withPolicyDocument(VpcEndpointPolicies.check(request.policyDocument(), service));
        }
        changed = switch (endpoint.type()) {
            case GATEWAY -> modifyGateway(transaction, request, vpc, service, changed);
            case INTERFACE, GATEWAY_LOAD_BALANCER -> modifyInterface(transaction, request, vpc, service, changed);
        };
        return transaction.put(ResourceTypes.VPC_ENDPOINT, changed);
    }

    private VpcEndpoint modifyGateway(Transaction transaction, ModifyVpcEndpoint request, Vpc vpc, EndpointService service, VpcEndpoint endpoint) {
        refuseForGateway(!request.addSubnetIds().isEmpty() || !request.removeSubnetIds().isEmpty(), "AddSubnetIds and RemoveSubnetIds");
        refuseForGateway(!request.addSecurityGroupIds().isEmpty() || !request.removeSecurityGroupIds().isEmpty(),
                "AddSecurityGroupIds and RemoveSecurityGroupIds");
        refuseForGateway(Boolean.TRUE.equals(request.privateDnsEnabled()), "PrivateDnsEnabled");
        refuseForGateway(request.dnsRecordIpType() != null || request.privateDnsOnlyForInboundResolverEndpoint() != null, "DnsOptions");
        String ipAddressType = request.ipAddressType() == null ? endpoint.ipAddressType() : request.ipAddressType();
        InterfaceEndpointRules.checkIpAddressType(service, List.of(), ipAddressType);
        List<String> tables = new ArrayList<>(endpoint.routeTableIds());
        for (String removed : new LinkedHashSet<>(request.removeRouteTableIds())) {
            ResourceTypes.ROUTE_TABLE.requireWellFormed(removed);
            if (!tables.remove(removed)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Route table %s is not associated with VPC endpoint %s.", removed, endpoint.id());
            }
            GatewayEndpointRoutes.remove(transaction, endpoint, removed);
        }
        String prefixListId = routes.prefixListId(service);
        for (RouteTable table : GatewayEndpointRoutes.tablesInVpc(transaction, vpc.id(), request.addRouteTableIds())) {
            if (tables.contains(table.id())) {
                continue;
            }
            routes.add(transaction, endpoint, prefixListId, table);
            tables.add(table.id());
        }
        return endpoint.withRouteTableIds(tables).withDns(false, ipAddressType, null, false);
    }

    private VpcEndpoint modifyInterface(Transaction transaction, ModifyVpcEndpoint request, Vpc vpc, EndpointService service,
            VpcEndpoint endpoint) {
        if (!request.addRouteTableIds().isEmpty() || !request.removeRouteTableIds().isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Route tables are not supported for %s endpoints.", endpoint.type().awsName());
        }
        // Subnets: removed ones must be the endpoint's; the rest, with the added ones, obey the create rules.
        List<String> subnetIds = new ArrayList<>(endpoint.subnetIds());
        for (String removed : new LinkedHashSet<>(request.removeSubnetIds())) {
            ResourceTypes.SUBNET.requireWellFormed(removed);
            if (!subnetIds.remove(removed)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Subnet %s is not a subnet of VPC endpoint %s.", removed, endpoint.id());
            }
        }
        for (String subnetId : new LinkedHashSet<>(request.addSubnetIds())) {
            if (!subnetIds.contains(subnetId)) {
                subnetIds.add(subnetId);
            }
        }
        List<Subnet> subnets = InterfaceEndpointRules.subnets(transaction, vpc, service, subnetIds);
        if (endpoint.type() == VpcEndpointType.GATEWAY_LOAD_BALANCER && subnets.size() != 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "A Gateway Load Balancer endpoint must have exactly one subnet.");
        }

        List<String> groups = new ArrayList<>(endpoint.groupIds());
        for (String removedGroup : new LinkedHashSet<>(request.removeSecurityGroupIds())) {
            ResourceTypes.SECURITY_GROUP.requireWellFormed(removedGroup);
            if (!groups.remove(removedGroup)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Security group %s is not associated with VPC endpoint %s.", removedGroup,
                        endpoint.id());
            }
        }
        for (String group : InterfaceEndpointRules.groups(transaction, vpc, request.addSecurityGroupIds())) {
            if (!groups.contains(group)) {
                groups.add(group);
            }
        }
        if (endpoint.type() == VpcEndpointType.INTERFACE && groups.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "An interface endpoint must have at least one security group.");
        }
        if (endpoint.type() == VpcEndpointType.GATEWAY_LOAD_BALANCER && !groups.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Security groups are not supported for GatewayLoadBalancer endpoints.");
        }

        boolean privateDns = request.privateDnsEnabled() == null ? endpoint.privateDnsEnabled() : request.privateDnsEnabled();
        if (privateDns && request.privateDnsEnabled() != null) {
            if (endpoint.type() == VpcEndpointType.GATEWAY_LOAD_BALANCER) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Private DNS is not supported for GatewayLoadBalancer endpoints.");
            }
            InterfaceEndpointRules.checkPrivateDns(transaction, vpc, service, endpoint.id());
        }
        boolean inboundOnly = request.privateDnsOnlyForInboundResolverEndpoint() == null ? endpoint.privateDnsOnlyForInboundResolverEndpoint() && privateDns
                : request.privateDnsOnlyForInboundResolverEndpoint();
        if (inboundOnly && request.privateDnsOnlyForInboundResolverEndpoint() != null) {
            InterfaceEndpointRules.checkInboundResolverOnly(transaction, vpc, service, privateDns);
        }
        String ipAddressType = request.ipAddressType() == null ? endpoint.ipAddressType() : request.ipAddressType();
        InterfaceEndpointRules.checkIpAddressType(service, subnets, ipAddressType);
        String dnsRecordIpType = InterfaceEndpointRules.dnsRecordIpType(ipAddressType,
                request.dnsRecordIpType() != null ? request.dnsRecordIpType() : request.ipAddressType() != null ? null : endpoint.dnsRecordIpType());

        // Interfaces follow the subnets; a change between IPv4-only and IPv6 addressing gives every subnet a new interface.
        boolean addressingChanged = endpoint.ipAddressType().equals("ipv4") != ipAddressType.equals("ipv4");
        List<String> networkInterfaceIds = new ArrayList<>();
        for (int i = 0; i < endpoint.subnetIds().size(); i++) {
            String subnetId = endpoint.subnetIds().get(i);
            String networkInterfaceId = endpoint.networkInterfaceIds().get(i);
            if (!subnetIds.contains(subnetId) || addressingChanged) {
                interfaces.delete(transaction, networkInterfaceId);
            }
        }
        for (String subnetId : subnetIds) {
            int existing = endpoint.subnetIds().indexOf(subnetId);
            if (existing >= 0 && !addressingChanged) {
                networkInterfaceIds.add(endpoint.networkInterfaceIds().get(existing));
            } else {
                NetworkInterface created = interfaces.create(transaction, endpoint.id(), subnetId, groups, ipAddressType);
                networkInterfaceIds.add(created.id());
            }
        }
        VpcEndpoint changed = endpoint.withInterfaces(subnetIds, networkInterfaceIds).withGroupIds(groups)
                .withDns(privateDns, ipAddressType, dnsRecordIpType, inboundOnly);
        InterfaceEndpointInterfaces.applyGroups(transaction, changed);
        return changed;
    }

    private static void refuseOverlap(List<String> added, List<String> removed, String kind) {
        for (String id : added) {
            if (removed.contains(id)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "The %s %s cannot be both added and removed in one request.", kind, id);
            }
        }
    }

    /** The endpoint, unless it is unknown or being deleted: AWS's not-found error then. */
    public static VpcEndpoint live(Transaction transaction, String vpcEndpointId) {
        VpcEndpoint endpoint = transaction.get(ResourceTypes.VPC_ENDPOINT, vpcEndpointId);
        if (endpoint.isBeingDeleted()) {
            throw ResourceTypes.VPC_ENDPOINT.notFound(vpcEndpointId);
        }
        return endpoint;
    }

    /** One endpoint DeleteVpcEndpoints could not delete, and why. */
    public record Unsuccessful(String resourceId, ErrorCode code, String message) {}

    /**
     * Deletes the endpoints: their routes and network interfaces go at once, and each endpoint is
     * {@code deleting}, then {@code deleted}, and described for a while longer, as on AWS. IDs that are
     * malformed, unknown or already deleted are reported, not thrown, and do not stop the others, as
     * AWS answers; deleting an endpoint again while it is {@code deleting} changes nothing. Endpoints no
     * longer described are dropped here for good.
     */
    public List<Unsuccessful> delete(Transaction transaction, List<String> vpcEndpointIds) {
        forgetDeleted(transaction);
        List<Unsuccessful> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(vpcEndpointIds)) {
            Optional<VpcEndpoint> endpoint = ResourceTypes.VPC_ENDPOINT.isWellFormed(id) ? transaction.find(ResourceTypes.VPC_ENDPOINT, id)
                    .filter(found -> found.stateAt(transaction.now()) != VpcEndpointState.DELETED) : Optional.empty();
            if (endpoint.isEmpty()) {
                AwsException error = ResourceTypes.VPC_ENDPOINT.isWellFormed(id) ? ResourceTypes.VPC_ENDPOINT.notFound(id)
                        : ResourceTypes.VPC_ENDPOINT.malformed(id);
                unsuccessful.add(new Unsuccessful(id, error.code(), error.getMessage()));
                continue;
            }
            if (!endpoint.get().isBeingDeleted()) {
                remove(transaction, endpoint.get());
            }
        }
        return unsuccessful;
    }

    private void remove(Transaction transaction, VpcEndpoint endpoint) {
        endpoint.routeTableIds().forEach(table -> GatewayEndpointRoutes.remove(transaction, endpoint, table));
        endpoint.networkInterfaceIds().forEach(networkInterface -> interfaces.delete(transaction, networkInterface));
        Instant deleted = transaction.endOf(Transition.VPC_ENDPOINT_DELETING);
        transaction.put(ResourceTypes.VPC_ENDPOINT, endpoint.deleting(deleted, transaction.transitions().end(Transition.VPC_ENDPOINT_RETENTION, deleted)));
    }

    private static void forgetDeleted(Transaction transaction) {
        List<VpcEndpoint> forgotten = transaction.all(ResourceTypes.VPC_ENDPOINT).stream()
                .filter(endpoint -> !endpoint.isVisibleAt(transaction.now())).toList();
        forgotten.forEach(endpoint -> transaction.remove(ResourceTypes.VPC_ENDPOINT, endpoint.id()));
    }
}
