package dev.backlane.server;

import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.analysis.NetworkInsightsCommands;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.compute.ImageCommands;
import dev.backlane.core.compute.InstanceCommands;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.ImageCatalog;
import dev.backlane.core.data.InstanceTypeCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.endpoint.AwsServiceCatalog;
import dev.backlane.core.endpoint.EndpointServiceLookup;
import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.endpoint.VpcEndpointDnsEntries;
import dev.backlane.core.endpointservice.ConnectionNotificationCommands;
import dev.backlane.core.endpointservice.EndpointConnectionCommands;
import dev.backlane.core.endpointservice.EndpointServiceCommands;
import dev.backlane.core.endpointservice.EndpointServiceZones;
import dev.backlane.core.endpointservice.ProviderServiceSource;
import dev.backlane.core.endpointservice.ServiceLoadBalancers;
import dev.backlane.core.endpointservice.ServicePermissions;
import dev.backlane.core.flowlog.FlowLogCommands;
import dev.backlane.core.logs.LogEventCommands;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.network.AddressCommands;
import dev.backlane.core.resolver.QueryLogConfigCommands;
import dev.backlane.core.network.InternetGatewayCommands;
import dev.backlane.core.network.NatGatewayCommands;
import dev.backlane.core.network.NetworkAclCommands;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.PrefixListCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.RouteCommands;
import dev.backlane.core.network.RouteTableCommands;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.ec2.AddressOperations;
import dev.backlane.server.api.ec2.FlowLogOperations;
import dev.backlane.server.api.ec2.ImageOperations;
import dev.backlane.server.api.ec2.InstanceOperations;
import dev.backlane.server.api.ec2.InstanceTypeOperations;
import dev.backlane.server.api.ec2.InternetGatewayOperations;
import dev.backlane.server.api.ec2.NatGatewayOperations;
import dev.backlane.server.api.ec2.NetworkAclOperations;
import dev.backlane.server.api.ec2.NetworkInsightsOperations;
import dev.backlane.server.api.ec2.NetworkInterfaceOperations;
import dev.backlane.server.api.ec2.PrefixListOperations;
import dev.backlane.server.api.ec2.RegionOperations;
import dev.backlane.server.api.ec2.RouteTableOperations;
import dev.backlane.server.api.ec2.SecurityGroupOperations;
import dev.backlane.server.api.ec2.SubnetOperations;
import dev.backlane.server.api.ec2.TagOperations;
import dev.backlane.server.api.ec2.VpcEndpointOperations;
import dev.backlane.server.api.ec2.VpcEndpointServiceOperations;
import dev.backlane.server.api.ec2.VpcOperations;
import dev.backlane.server.api.elb.ElbOperations;
import dev.backlane.server.api.endpointservice.ConnectionNotificationOperations;
import dev.backlane.server.api.endpointservice.EndpointConnectionOperations;
import dev.backlane.server.api.endpointservice.EndpointServiceOperations;
import dev.backlane.server.api.endpointservice.ServicePermissionOperations;
import dev.backlane.server.api.cloudwatch.AlarmOperations;
import dev.backlane.server.api.cloudwatch.MetricOperations;
import dev.backlane.server.api.logs.LogsOperations;
import dev.backlane.server.api.resolver.QueryLogOperations;
import dev.backlane.server.api.sts.StsOperations;
import dev.backlane.server.api.sts.StsSessions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Every operation family Backlane implements, wired to the core's commands. The path engine is the
 * server's one engine, built on the cloud's clock.
 */
public final class Operations {
    private Operations() {}

    public static OperationRegistry registry(Quotas quotas, RegionCatalog regions, PathEngine engine) {
        MetricStore metrics = MetricStore.standard();
        return registry(quotas, regions, engine, metrics, new AlarmStore(metrics, transition -> { }), InstantSource.system());
    }

    /** The operations, CloudWatch's on {@code metrics} and {@code alarms} with the time of {@code clock}. */
    public static OperationRegistry registry(Quotas quotas, RegionCatalog regions, PathEngine engine, MetricStore metrics, AlarmStore alarms,
            InstantSource clock) {
        return registry(quotas, regions, engine, metrics, alarms, clock, new StsSessions(clock));
    }

    /** As {@link #registry(Quotas, RegionCatalog, PathEngine, MetricStore, AlarmStore, InstantSource)}, STS's roles' sessions in {@code sessions}. */
    public static OperationRegistry registry(Quotas quotas, RegionCatalog regions, PathEngine engine, MetricStore metrics, AlarmStore alarms,
            InstantSource clock, StsSessions sessions) {
        VpcCommands vpcs = new VpcCommands(quotas);
        NetworkInterfaceCommands networkInterfaces = new NetworkInterfaceCommands(quotas);
        ImageCommands images = new ImageCommands(ImageCatalog.standard());
        EndpointServiceZones serviceZones = new EndpointServiceZones(regions);
        EndpointServiceLookup endpointServices = EndpointServiceLookup.awsServices().with(new ProviderServiceSource(serviceZones));
        PrefixListLookup prefixLists = new PrefixListLookup(AwsPrefixListCatalog.standard());
        List<OperationFamily> families = new ArrayList<>(List.of(
                new RegionOperations(regions),
                new TagOperations(),
                new VpcOperations(vpcs),
                new SubnetOperations(new SubnetCommands(quotas, regions)),
                new NetworkInterfaceOperations(networkInterfaces),
                new VpcEndpointOperations(new VpcEndpointCommands(endpointServices, AwsPrefixListCatalog.standard(), networkInterfaces, quotas),
                        endpointServices, new VpcEndpointDnsEntries(AwsServiceCatalog.standard())),
                new VpcEndpointServiceOperations(endpointServices),
                new SecurityGroupOperations(new SecurityGroupCommands(quotas, prefixLists)),
                new NetworkAclOperations(new NetworkAclCommands(quotas)),
                new PrefixListOperations(new PrefixListCommands(quotas, prefixLists), prefixLists),
                new RouteTableOperations(new RouteTableCommands(quotas), new RouteCommands(quotas, prefixLists)),
                new InternetGatewayOperations(new InternetGatewayCommands(quotas)),
                new AddressOperations(new AddressCommands(quotas)),
                new NatGatewayOperations(new NatGatewayCommands(quotas)),
                new InstanceOperations(new InstanceCommands(networkInterfaces, InstanceTypeCatalog.standard(), images), images,
                        InstanceTypeCatalog.standard()),
                new ImageOperations(images),
                new InstanceTypeOperations(InstanceTypeCatalog.standard(), regions),
                new NetworkInsightsOperations(new NetworkInsightsCommands(engine)),
                new FlowLogOperations(new FlowLogCommands()),
                new StsOperations(sessions)));
        families.addAll(ElbOperations.families(quotas, List.of(new ServiceLoadBalancers())));
        families.addAll(List.of(
                new EndpointServiceOperations(new EndpointServiceCommands(), serviceZones),
                new ServicePermissionOperations(new ServicePermissions()),
                new EndpointConnectionOperations(new EndpointConnectionCommands()),
                new ConnectionNotificationOperations(new ConnectionNotificationCommands()),
                new LogsOperations(LogEventCommands.standard()),
                new QueryLogOperations(new QueryLogConfigCommands()),
                new MetricOperations(metrics, clock),
                new AlarmOperations(alarms, clock)));
        OperationRegistry registry = new OperationRegistry();
        families.forEach(family -> family.register(registry));
        return registry;
    }
}
