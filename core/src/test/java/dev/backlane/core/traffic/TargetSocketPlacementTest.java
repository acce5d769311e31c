package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.compute.ImageCommands;
import dev.backlane.core.compute.InstanceCommands;
import dev.backlane.core.data.ImageCatalog;
import dev.backlane.core.data.InstanceTypeCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Where a real process is placed as a target: an instance's primary address or an address of a VPC, and what EC2 refuses. */
class TargetSocketPlacementTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final Quotas quotas = Quotas.awsDefaults();
    private final VpcCommands vpcs = new VpcCommands(quotas);
    private final InstanceCommands instances = new InstanceCommands(new NetworkInterfaceCommands(quotas), InstanceTypeCatalog.standard(),
            new ImageCommands(ImageCatalog.standard()));
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());

    private final Vpc vpc = write(transaction -> vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final Subnet subnet = write(transaction -> new SubnetCommands(quotas, RegionCatalog.standard())
            .create(transaction, new SubnetCommands.CreateSubnet(vpc.id(), "10.0.1.0/24", null, "us-east-1b", null)));

    @Test
    void anInstanceIsATargetAtItsPrimaryPrivateAddressInItsVpc() {
        Instance instance = instance();

        TargetSocketPlacement.Placement placement = resolve(Optional.of(instance.id()), Optional.empty(), Optional.empty(), 8080);

        assertEquals(new TargetSocketPlacement.Placement(vpc.id(), instance.privateIpAddress(), 8080, Optional.of(instance.id())), placement);
        assertEquals(placement, resolve(Optional.of(instance.id()), Optional.empty(), Optional.of(instance.privateIpAddress()), 8080));
    }

    @Test
    void anAddressOfTheVpcIsATargetThere() {
        assertEquals(new TargetSocketPlacement.Placement(vpc.id(), "10.0.7.9", 443, Optional.empty()),
                resolve(Optional.empty(), Optional.of(vpc.id()), Optional.of("10.0.7.9"), 443));
    }

    @Test
    void whatEc2WouldRefuseIsRefusedWithItsCode() {
        Instance instance = instance();
        refused(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, Optional.of("i-0123456789abcdef0"), Optional.empty(), Optional.empty(), 80);
        refused(ErrorCode.INVALID_INSTANCE_ID_MALFORMED, Optional.of("instance-1"), Optional.empty(), Optional.empty(), 80);
        refused(ErrorCode.INVALID_VPC_ID_NOT_FOUND, Optional.empty(), Optional.of("vpc-0123456789abcdef0"), Optional.of("10.0.1.5"), 80);
        refused(ErrorCode.INVALID_PARAMETER_COMBINATION, Optional.of(instance.id()), Optional.of(vpc.id()), Optional.empty(), 80);
        refused(ErrorCode.MISSING_PARAMETER, Optional.empty(), Optional.empty(), Optional.of("10.0.1.5"), 80);
        refused(ErrorCode.MISSING_PARAMETER, Optional.empty(), Optional.of(vpc.id()), Optional.empty(), 80);
        refused(ErrorCode.INVALID_PARAMETER_VALUE, Optional.empty(), Optional.of(vpc.id()), Optional.of("10.0.1"), 80);
        refused(ErrorCode.INVALID_PARAMETER_VALUE, Optional.of(instance.id()), Optional.empty(), Optional.of("10.0.1.250"), 80);
        AwsException outside = refused(ErrorCode.INVALID_PARAMETER_VALUE, Optional.empty(), Optional.of(vpc.id()), Optional.of("192.168.0.1"), 80);
        assertTrue(outside.getMessage().contains("10.0.0.0/16"), outside.getMessage());
        AwsException port = refused(ErrorCode.INVALID_PARAMETER_VALUE, Optional.empty(), Optional.of(vpc.id()), Optional.of("10.0.1.5"), 65536);
        assertTrue(port.getMessage().contains("parameter port"), port.getMessage());
    }

    @Test
    void aTerminatedInstanceServesNoTraffic() {
        Instance instance = instance();
        write(transaction -> instances.terminate(transaction, List.of(instance.id())));

        refused(ErrorCode.INCORRECT_INSTANCE_STATE, Optional.of(instance.id()), Optional.empty(), Optional.empty(), 80);
    }

    private Instance instance() {
        return write(transaction -> instances.run(transaction, new InstanceCommands.RunInstances("ami-760aaa0f", "t3.micro", 1, 1, subnet.id(), null,
                List.of(), List.of(), null, null, null, null, null, null, false, false, null, null, true, null, null))).instances().get(0);
    }

    private AwsException refused(ErrorCode code, Optional<String> instanceId, Optional<String> vpcId, Optional<String> address, int port) {
        AwsException refused = assertThrows(AwsException.class, () -> resolve(instanceId, vpcId, address, port));
        assertEquals(code, refused.code(), refused.getMessage());
        return refused;
    }

    private TargetSocketPlacement.Placement resolve(Optional<String> instanceId, Optional<String> vpcId, Optional<String> address, int port) {
        return TargetSocketPlacement.resolve(cloud.snapshot().scope(SCOPE), new TargetSocketPlacement.Request(instanceId, vpcId, address, port), NOW);
    }

    private <R> R write(Function<Transaction, R> command) {
        return cloud.write(SCOPE, command);
    }
}
