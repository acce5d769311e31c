package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.world.ScopeInitializer;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.zone.ZoneMappings;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each new account and region what AWS gives it: a default VPC (172.31.0.0/16) with an attached
 * internet gateway, a route to it from the main route table, and a default /20 subnet in every
 * Availability Zone (named as the account's zone mapping names it) that maps public addresses on launch.
 */
public final class DefaultVpcInitializer implements ScopeInitializer {
    private static final Ipv4Cidr DEFAULT_VPC_CIDR = Ipv4Cidr.parse("172.31.0.0/16").orElseThrow();
    private static final int DEFAULT_SUBNET_PREFIX = 20;

    private final RegionCatalog regions;
    private final ZoneMappings zoneMappings;
    private final VpcCommands vpcs;

    public DefaultVpcInitializer(RegionCatalog regions, VpcCommands vpcs) {
        this.regions = requireNonNull(regions, "regions is null");
        this.zoneMappings = new ZoneMappings(regions);
        this.vpcs = requireNonNull(vpcs, "vpcs is null");
    }

    @Override
    public void initialize(Transaction transaction) {
        Region region = regions.region(transaction.region()).orElse(null);
        if (region == null) {
            return;
        }
        Vpc vpc = vpcs.create(transaction, DEFAULT_VPC_CIDR, false, "default", true);
        InternetGateway gateway = new InternetGateway(transaction.newId(ResourceTypes.INTERNET_GATEWAY), vpc.id());
        transaction.put(ResourceTypes.INTERNET_GATEWAY, gateway);
        RouteTable main = transaction.inVpc(ResourceTypes.ROUTE_TABLE, vpc.id()).stream().findFirst().orElseThrow();
        List<Route> routes = new ArrayList<>(main.routes());
        routes.add(new Route("0.0.0.0/0", null, null, gateway.id(), null, null, null, null, null, null, null, null, null, "CreateRoute"));
        transaction.put(ResourceTypes.ROUTE_TABLE, main.withRoutes(routes));

        NetworkAcl acl = transaction.inVpc(ResourceTypes.NETWORK_ACL, vpc.id()).stream().findFirst().orElseThrow();
        List<NetworkAclAssociation> associations = new ArrayList<>();
        long subnetSize = 1L << (32 - DEFAULT_SUBNET_PREFIX);
        int index = 0;
        for (AvailabilityZone zone : zoneMappings.of(transaction.state(), transaction.scope()).zones()) {
            String cidr = Ipv4Address.format(DEFAULT_VPC_CIDR.network() + index++ * subnetSize) + "/" + DEFAULT_SUBNET_PREFIX;
            Subnet subnet = new Subnet(transaction.newId(ResourceTypes.SUBNET), vpc.id(), cidr, zone.name(), zone.id(), List.of(),
                    true, false, true, false, "ip-name", false, false, "available");
            transaction.put(ResourceTypes.SUBNET, subnet);
            associations.add(new NetworkAclAssociation(transaction.ids().next("aclassoc"), acl.id(), subnet.id()));
        }
        transaction.put(ResourceTypes.NETWORK_ACL, acl.withAssociations(associations));
    }
}
