package dev.backlane.core.snapshot;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NatGatewayAddress;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.PeeringVpcInfo;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcPeeringConnection;
import dev.backlane.core.world.World;

/**
 * Finds the references of an imported scope that lead nowhere: a subnet of an unknown VPC, a route to
 * a NAT gateway, internet gateway, interface, instance, endpoint, peering connection or prefix list the
 * snapshot does not hold, an interface's missing group, ... Targets of kinds Backlane does not model
 * (virtual private gateways, transit gateways, ...) are not checked, nor groups of other accounts, nor
 * the side of a peering connection in a scope the snapshot does not cover.
 */
final class ReferenceCheck {
    private final World world;
    private final Scope scope;
    private final AwsPrefixListCatalog prefixLists;
    private final ImportReport.Builder report;

    ReferenceCheck(World world, Scope scope, AwsPrefixListCatalog prefixLists, ImportReport.Builder report) {
        this.world = requireNonNull(world, "world is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.prefixLists = requireNonNull(prefixLists, "prefixLists is null");
        this.report = requireNonNull(report, "report is null");
    }

    void run() {
        world.all(scope, ResourceTypes.SUBNET).forEach(subnet -> require(subnet.id(), "VpcId", ResourceTypes.VPC, subnet.vpcId()));
        world.all(scope, ResourceTypes.ROUTE_TABLE).forEach(this::routeTable);
        world.all(scope, ResourceTypes.SECURITY_GROUP).forEach(this::securityGroup);
        world.all(scope, ResourceTypes.NETWORK_ACL).forEach(this::networkAcl);
        world.all(scope, ResourceTypes.INTERNET_GATEWAY).forEach(this::internetGateway);
        world.all(scope, ResourceTypes.NAT_GATEWAY).forEach(this::natGateway);
        world.all(scope, ResourceTypes.NETWORK_INTERFACE).forEach(this::networkInterface);
        world.all(scope, ResourceTypes.INSTANCE).forEach(this::instance);
        world.all(scope, ResourceTypes.VPC_ENDPOINT).forEach(this::endpoint);
        world.all(scope, ResourceTypes.ELASTIC_IP).forEach(this::address);
        world.all(scope, ResourceTypes.VPC_PEERING_CONNECTION).forEach(this::peering);
    }

    private void routeTable(RouteTable table) {
        require(table.id(), "VpcId", ResourceTypes.VPC, table.vpcId());
        for (RouteTableAssociation association : table.associations()) {
            require(table.id(), "Associations.SubnetId", ResourceTypes.SUBNET, association.subnetId());
            if (association.gatewayId() != null && ResourceTypes.INTERNET_GATEWAY.isWellFormed(association.gatewayId())) {
                require(table.id(), "Associations.GatewayId", ResourceTypes.INTERNET_GATEWAY, association.gatewayId());
            }
        }
        for (Route route : table.routes()) {
            String field = "route " + route.destination();
            if (route.destinationPrefixListId() != null) {
                prefixList(table.id(), field + " DestinationPrefixListId", route.destinationPrefixListId());
            }
            String gateway = route.gatewayId();
            if (gateway != null && ResourceTypes.INTERNET_GATEWAY.isWellFormed(gateway)) {
                require(table.id(), field + " GatewayId", ResourceTypes.INTERNET_GATEWAY, gateway);
            } else if (gateway != null && ResourceTypes.VPC_ENDPOINT.isWellFormed(gateway)) {
                require(table.id(), field + " GatewayId", ResourceTypes.VPC_ENDPOINT, gateway);
            }
            require(table.id(), field + " NatGatewayId", ResourceTypes.NAT_GATEWAY, route.natGatewayId());
            require(table.id(), field + " NetworkInterfaceId", ResourceTypes.NETWORK_INTERFACE, route.networkInterfaceId());
            require(table.id(), field + " InstanceId", ResourceTypes.INSTANCE, route.instanceId());
            require(table.id(), field + " VpcPeeringConnectionId", ResourceTypes.VPC_PEERING_CONNECTION, route.vpcPeeringConnectionId());
        }
    }

    private void securityGroup(SecurityGroup group) {
        require(group.id(), "VpcId", ResourceTypes.VPC, group.vpcId());
        for (SecurityGroupRule rule : group.rules()) {
            String field = (rule.egress() ? "IpPermissionsEgress" : "IpPermissions") + " " + rule.id();
            boolean sameAccount = rule.referencedGroupOwnerId() == null || rule.referencedGroupOwnerId().equals(scope.account());
            if (sameAccount) {
                require(group.id(), field + " GroupId", ResourceTypes.SECURITY_GROUP, rule.referencedGroupId());
            }
            if (rule.prefixListId() != null) {
                prefixList(group.id(), field + " PrefixListId", rule.prefixListId());
            }
        }
    }

    private void networkAcl(NetworkAcl acl) {
        require(acl.id(), "VpcId", ResourceTypes.VPC, acl.vpcId());
        for (NetworkAclAssociation association : acl.associations()) {
            require(acl.id(), "Associations.SubnetId", ResourceTypes.SUBNET, association.subnetId());
        }
    }

    private void internetGateway(InternetGateway gateway) {
        require(gateway.id(), "Attachments.VpcId", ResourceTypes.VPC, gateway.attachedVpcId());
    }

    private void natGateway(NatGateway gateway) {
        require(gateway.id(), "VpcId", ResourceTypes.VPC, gateway.vpcId());
        require(gateway.id(), "SubnetId", ResourceTypes.SUBNET, gateway.subnetId());
        for (NatGatewayAddress address : gateway.addresses()) {
            require(gateway.id(), "NatGatewayAddresses.NetworkInterfaceId", ResourceTypes.NETWORK_INTERFACE, address.networkInterfaceId());
        }
    }

    private void networkInterface(NetworkInterface eni) {
        require(eni.id(), "VpcId", ResourceTypes.VPC, eni.vpcId());
        require(eni.id(), "SubnetId", ResourceTypes.SUBNET, eni.subnetId());
        eni.groupIds().forEach(group -> require(eni.id(), "Groups.GroupId", ResourceTypes.SECURITY_GROUP, group));
        if (eni.attachment() != null && ResourceTypes.INSTANCE.isWellFormed(eni.attachment().instanceId())) {
            require(eni.id(), "Attachment.InstanceId", ResourceTypes.INSTANCE, eni.attachment().instanceId());
        }
    }

    private void instance(Instance instance) {
        require(instance.id(), "VpcId", ResourceTypes.VPC, instance.vpcId());
        require(instance.id(), "SubnetId", ResourceTypes.SUBNET, instance.subnetId());
        instance.networkInterfaceIds().forEach(eni -> require(instance.id(), "NetworkInterfaces", ResourceTypes.NETWORK_INTERFACE, eni));
        instance.securityGroupIds().forEach(group -> require(instance.id(), "SecurityGroups", ResourceTypes.SECURITY_GROUP, group));
    }

    private void endpoint(VpcEndpoint endpoint) {
        require(endpoint.id(), "VpcId", ResourceTypes.VPC, endpoint.vpcId());
        endpoint.routeTableIds().forEach(table -> require(endpoint.id(), "RouteTableIds", ResourceTypes.ROUTE_TABLE, table));
        endpoint.subnetIds().forEach(subnet -> require(endpoint.id(), "SubnetIds", ResourceTypes.SUBNET, subnet));
        endpoint.groupIds().forEach(group -> require(endpoint.id(), "Groups", ResourceTypes.SECURITY_GROUP, group));
        endpoint.networkInterfaceIds().forEach(eni -> require(endpoint.id(), "NetworkInterfaceIds", ResourceTypes.NETWORK_INTERFACE, eni));
    }

    private void address(Address address) {
        require(address.id(), "NetworkInterfaceId", ResourceTypes.NETWORK_INTERFACE, address.networkInterfaceId());
    }

    private void peering(VpcPeeringConnection peering) {
        side(peering.id(), "RequesterVpcInfo.VpcId", peering.requester());
        side(peering.id(), "AccepterVpcInfo.VpcId", peering.accepter());
    }

    private void side(String peeringId, String field, PeeringVpcInfo side) {
        Scope sideScope = new Scope(side.ownerId(), side.region());
        if (world.hasScope(sideScope) && world.find(sideScope, ResourceTypes.VPC, side.vpcId()).isEmpty()) {
            broken(peeringId, field, ResourceTypes.VPC, side.vpcId(), sideScope);
        }
    }

    private void prefixList(String resourceId, String field, String listId) {
        if (world.find(scope, ResourceTypes.PREFIX_LIST, listId).isEmpty() && prefixLists.find(scope.region(), listId).isEmpty()) {
            broken(resourceId, field, ResourceTypes.PREFIX_LIST, listId, scope);
        }
    }

    private void require(String resourceId, String field, ResourceType<?> type, String id) {
        if (id != null && world.find(scope, type, id).isEmpty()) {
            broken(resourceId, field, type, id, scope);
        }
    }

    private void broken(String resourceId, String field, ResourceType<?> type, String missingId, Scope where) {
        String message = String.format("%s/%s: %s (%s) refers to %s %s, which is not in the snapshot%s", scope.account(), scope.region(),
                resourceId, field, type.name(), missingId, where.equals(scope) ? "" : " in " + where);
        report.broken(new ImportReport.BrokenReference(scope.account(), scope.region(), resourceId, field, missingId, type.name(), message));
    }
}
