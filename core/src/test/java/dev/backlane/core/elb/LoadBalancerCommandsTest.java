package dev.backlane.core.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerState;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.Transition;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadBalancerCommandsTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Scope SCOPE = new Scope("111111111111", "eu-west-1");

    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());

    @Test
    void stateIsProvisioningForTheProvisioningTimeThenActive() {
        LoadBalancer loadBalancer = create(new LoadBalancerCommands(Quotas.awsDefaults(), ElbCatalog.standard(), List.of(), new NetworkInterfaceCommands(Quotas.awsDefaults())), "nlb");
        Duration provisioning = Transition.LOAD_BALANCER_PROVISIONING.standard();
        assertEquals(LoadBalancerState.PROVISIONING, loadBalancer.state(NOW));
        assertEquals(LoadBalancerState.PROVISIONING, loadBalancer.state(NOW.plus(provisioning).minusMillis(1)));
        assertEquals(LoadBalancerState.ACTIVE, loadBalancer.state(NOW.plus(provisioning)));
        assertEquals(LoadBalancerState.ACTIVE, loadBalancer.state(NOW.plus(Duration.ofDays(1))));
    }

    @Test
    void regionDecidesHostedZoneAndDnsName() {
        LoadBalancer loadBalancer = create(new LoadBalancerCommands(Quotas.awsDefaults(), ElbCatalog.standard(), List.of(), new NetworkInterfaceCommands(Quotas.awsDefaults())), "nlb");
        assertEquals("Z2IFOLAFXWLO4F", loadBalancer.canonicalHostedZoneId());
        assertTrue(loadBalancer.dnsName().matches("nlb-[0-9a-f]{16}\\.elb\\.eu-west-1\\.amazonaws\\.com"), loadBalancer.dnsName());
        assertTrue(loadBalancer.arnSuffix().startsWith("net/nlb/"));
    }

    @Test
    void aLoadBalancerInUseCannotBeDeleted() {
        LoadBalancerUse endpointService = (transaction, loadBalancer) -> Optional.of("vpce-svc-0123456789abcdef0");
        LoadBalancerCommands commands = new LoadBalancerCommands(Quotas.awsDefaults(), ElbCatalog.standard(), List.of(endpointService), new NetworkInterfaceCommands(Quotas.awsDefaults()));
        LoadBalancer loadBalancer = create(commands, "used");
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> {
            commands.delete(transaction, loadBalancer.id());
            return null;
        }));
        assertEquals(ErrorCode.RESOURCE_IN_USE, error.code());
        assertTrue(error.getMessage().contains("vpce-svc-0123456789abcdef0"), error.getMessage());
        assertTrue(cloud.snapshot().scope(SCOPE).find(ResourceTypes.LOAD_BALANCER, loadBalancer.id()).isPresent());
    }

    @Test
    void subnetsMustShareOneVpc() {
        LoadBalancerCommands commands = new LoadBalancerCommands(Quotas.awsDefaults(), ElbCatalog.standard(), List.of(), new NetworkInterfaceCommands(Quotas.awsDefaults()));
        Subnet first = subnets().get(0);
        Subnet second = subnets().get(1);
        cloud.write(SCOPE, transaction -> transaction.put(ResourceTypes.SUBNET, new Subnet("subnet-000000000000000ff", "vpc-000000000000000ff",
                "10.0.0.0/24", second.availabilityZone(), second.availabilityZoneId(), List.of(), false, false, false, false, "ip-name", false,
                false, "available")));
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.create(transaction,
                request("split", List.of(first.id(), "subnet-000000000000000ff")))));
        assertEquals(ErrorCode.INVALID_CONFIGURATION_REQUEST, error.code());
    }

    private LoadBalancer create(LoadBalancerCommands commands, String name) {
        List<Subnet> subnets = subnets();
        return cloud.write(SCOPE, transaction -> commands.create(transaction, request(name, List.of(subnets.get(0).id(), subnets.get(1).id()))));
    }

    private static LoadBalancerCommands.CreateLoadBalancer request(String name, List<String> subnets) {
        return new LoadBalancerCommands.CreateLoadBalancer(name, LoadBalancerType.NETWORK, null, null, subnets, List.of(), List.of(), List.of());
    }

    private List<Subnet> subnets() {
        return List.copyOf(cloud.snapshot(SCOPE).scope(SCOPE).all(ResourceTypes.SUBNET));
    }
}
