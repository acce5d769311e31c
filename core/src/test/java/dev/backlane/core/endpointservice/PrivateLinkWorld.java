package dev.backlane.core.endpointservice;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.elb.ListenerCommands;
import dev.backlane.core.elb.LoadBalancerCommands;
import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.elb.TargetGroupCommands;
import dev.backlane.core.endpoint.EndpointServiceLookup;
import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ListenerAction;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerScheme;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.LoadBalancerZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.SecurityGroupPermission;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.core.zone.ZoneMappings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A provider and a consumer account in one cloud, for tests of PrivateLink in core: the provider's
 * endpoint services behind network load balancers in its default subnets, the consumer's interface
 * endpoints to them. The clock only moves when a test moves it.
 */
final class PrivateLinkWorld {
    static final Scope PROVIDER = new Scope("111111111111", "us-east-1");
    static final Scope CONSUMER = new Scope("222222222222", "us-east-1");
    static final Quotas QUOTAS = Quotas.awsDefaults();

    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    final Cloud cloud = new Cloud(World.empty(), () -> now, IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(QUOTAS)), ChangeSink.none());
    final EndpointServiceLookup lookup = EndpointServiceLookup.awsServices()
            .with(new ProviderServiceSource(new EndpointServiceZones(RegionCatalog.standard())));
    final VpcEndpointCommands endpoints = new VpcEndpointCommands(lookup, AwsPrefixListCatalog.standard(), new NetworkInterfaceCommands(QUOTAS),
            QUOTAS);
    final LoadBalancerCommands loadBalancers = new LoadBalancerCommands(QUOTAS, ElbCatalog.standard(), List.of(), new NetworkInterfaceCommands(QUOTAS));
    final ZoneMapping providerZones = ZoneMappings.standard().derived(PROVIDER.account(), PROVIDER.region());
    final ZoneMapping consumerZones = ZoneMappings.standard().derived(CONSUMER.account(), CONSUMER.region());

    /**
     * An endpoint service of the provider behind a network load balancer per zone (named as the provider
     * names them), open to the consumer's account. The clock moves a day on first, so the load balancers
     * are active when the service is made.
     */
    EndpointServiceConfiguration service(boolean acceptanceRequired, String... providerZoneNames) {
        List<String> arns = new ArrayList<>();
        for (String zone : providerZoneNames) {
            arns.add(networkLoadBalancer("provider-" + zone, List.of(), zone).id());
        }
        return serviceBehind(acceptanceRequired, arns);
    }

    /** A network load balancer of the provider in its default subnets of those zones, with those security groups. */
    LoadBalancer networkLoadBalancer(String name, List<String> securityGroups, String... providerZoneNames) {
        List<String> subnetIds = java.util.Arrays.stream(providerZoneNames).map(zone -> defaultSubnet(PROVIDER, zone).id()).toList();
        return cloud.write(PROVIDER, transaction -> loadBalancers.create(transaction, new LoadBalancerCommands.CreateLoadBalancer(name,
                LoadBalancerType.NETWORK, LoadBalancerScheme.INTERNAL, null, subnetIds, List.of(), securityGroups, List.of())));
    }

    /** The provider's service behind those load balancers, open to the consumer; the clock moves a day on first, so they are active. */
    EndpointServiceConfiguration serviceBehind(boolean acceptanceRequired, List<String> loadBalancerArns) {
        now = now.plus(Duration.ofDays(1));
        return cloud.write(PROVIDER, transaction -> {
            EndpointServiceConfiguration created = new EndpointServiceCommands().create(transaction,
                    new EndpointServiceCommands.CreateServiceConfiguration(loadBalancerArns, List.of(), acceptanceRequired, null, List.of(), List.of()));
            new ServicePermissions().modify(transaction, created.id(), List.of("arn:aws:iam::" + CONSUMER.account() + ":root"), List.of());
            return created;
        });
    }

    /**
     * Makes the service answer on {@code port}: each of its load balancers gets a listener forwarding to a
     * TCP target group with one IP target in each of its zones, whose group admits the port from the VPC.
     */
    EndpointServiceConfiguration serving(EndpointServiceConfiguration service, int port) {
        cloud.write(PROVIDER, transaction -> {
            for (String arn : service.loadBalancerArns()) {
                LoadBalancer loadBalancer = transaction.find(ResourceTypes.LOAD_BALANCER, arn).orElseThrow();
                Vpc vpc = transaction.get(ResourceTypes.VPC, loadBalancer.vpcId());
                SecurityGroupCommands groups = new SecurityGroupCommands(QUOTAS, new PrefixListLookup(AwsPrefixListCatalog.standard()));
                String group = groups.create(transaction, new SecurityGroupCommands.CreateGroup("serves-" + loadBalancer.name(), "targets",
                        vpc.id())).id();
                groups.authorize(transaction, group, false, List.of(new SecurityGroupPermission("tcp", port, port,
                        List.of(new SecurityGroupPermission.Peer(SecurityGroupPermission.PeerKind.CIDR_IPV4, vpc.cidrBlock(), null, null)))));
                TargetGroup targetGroup = new TargetGroupCommands(QUOTAS, ElbCatalog.standard()).create(transaction,
                        new TargetGroupCommands.CreateTargetGroup("serves-" + loadBalancer.name(), ElbProtocol.TCP, null, port, vpc.id(), TargetType.IP,
                                null, null, List.of()));
                List<TargetCommands.TargetRequest> targets = new ArrayList<>();
                for (LoadBalancerZone zone : loadBalancer.zones()) {
                    targets.add(new TargetCommands.TargetRequest(new NetworkInterfaceCommands(QUOTAS).create(transaction,
                            new NetworkInterfaceCommands.CreateNetworkInterface(zone.subnetId(), "target", null, List.of(), 0, List.of(), 0,
                                    List.of(group), null, null)).privateIpAddress(), null, null));
                }
                new TargetCommands(QUOTAS).register(transaction, targetGroup.id(), targets);
                new ListenerCommands(QUOTAS, ElbCatalog.standard()).create(transaction, arn, new ListenerCommands.ListenerSettings(ElbProtocol.TCP, port,
                        List.of(new ListenerAction("forward", targetGroup.id(), null)), List.of(), null), List.of());
            }
            return null;
        });
        return service;
    }

    /** The consumer's interface endpoint to the service in one subnet. */
    VpcEndpoint endpoint(EndpointServiceConfiguration service, Subnet subnet) {
        return cloud.write(CONSUMER, transaction -> endpoints.create(transaction, new VpcEndpointCommands.CreateVpcEndpoint(subnet.vpcId(),
                service.serviceName(), null, VpcEndpointType.INTERFACE, null, List.of(), List.of(subnet.id()), List.of(), false, null, null,
                null)));
    }

    /** The consumer's default subnet in the physical zone the provider calls {@code providerZoneName}. */
    Subnet consumerSubnetBeside(String providerZoneName) {
        return defaultSubnet(CONSUMER, consumerZones.nameOf(providerZones.idOf(providerZoneName)));
    }

    Subnet defaultSubnet(Scope scope, String zoneName) {
        return cloud.snapshot(scope).all(scope, ResourceTypes.SUBNET).stream()
                .filter(subnet -> subnet.availabilityZone().equals(zoneName)).findFirst().orElseThrow();
    }

    /** A consumer's workload on a network interface of its own in {@code subnet}. */
    Workload workloadIn(String id, Subnet subnet) {
        NetworkInterface eni = cloud.write(CONSUMER, transaction -> new NetworkInterfaceCommands(QUOTAS).create(transaction,
                new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(), "workload", null, List.of(), 0, List.of(), 0, List.of(), null, null)));
        return new Workload(id, CONSUMER, eni.id(), Optional.empty(), "arn:aws:iam::" + CONSUMER.account() + ":root", true);
    }

    VpcEndpoint consumersEndpoint(String id) {
        return cloud.snapshot(CONSUMER).find(CONSUMER, ResourceTypes.VPC_ENDPOINT, id).orElseThrow();
    }
}
