package dev.backlane.core.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target groups and their targets, in core without the wire: defaults, the rules of each target type, registration. */
class TargetGroupCommandsTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Scope SCOPE = new Scope("111111111111", "eu-west-1");

    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());
    private final TargetGroupCommands groups = new TargetGroupCommands(Quotas.awsDefaults(), ElbCatalog.standard());
    private final TargetCommands targets = new TargetCommands(Quotas.awsDefaults());

    @Test
    void aTargetGroupWithoutTargetTypeTakesInstances() {
        TargetGroup group = create("web", ElbProtocol.TCP, 80, null);

        assertEquals(TargetType.INSTANCE, group.targetType());
        assertEquals("ipv4", group.ipAddressType());
        assertTrue(cloud.snapshot().scope(SCOPE).find(ResourceTypes.TARGET_GROUP, group.id()).isPresent());
    }

    @Test
    void ipTargetsOfATcpGroupDoNotPreserveTheClientAddress() {
        assertEquals("false", create("ips", ElbProtocol.TCP, 80, TargetType.IP).attributes().get("preserve_client_ip.enabled"));
    }

    @Test
    void aLambdaTargetGroupTakesNoProtocolPortOrVpc() {
        AwsException error = assertThrows(AwsException.class, () -> create("fn", ElbProtocol.HTTP, 80, TargetType.LAMBDA));

        assertEquals(ErrorCode.VALIDATION_ERROR, error.code());
        TargetGroup lambda = cloud.write(SCOPE, transaction -> groups.create(transaction,
                new TargetGroupCommands.CreateTargetGroup("fn", null, null, null, null, TargetType.LAMBDA, null, null, List.of())));
        assertNull(lambda.ipAddressType());
        assertNull(lambda.port());
    }

    @Test
    void anAlbTargetGroupMustUseTcp() {
        AwsException error = assertThrows(AwsException.class, () -> create("albs", ElbProtocol.TLS, 443, TargetType.ALB));

        assertEquals(ErrorCode.VALIDATION_ERROR, error.code());
        assertTrue(error.getMessage().contains("'alb'"), error.getMessage());
    }

    @Test
    void anIpTargetInsideTheVpcIsRegisteredOnceAtItsPort() {
        TargetGroup group = create("ips", ElbProtocol.TCP, 80, TargetType.IP);
        String inside = vpc().cidrBlock().replace("0.0/16", "1.10");
        List<TargetCommands.TargetRequest> request = List.of(new TargetCommands.TargetRequest(inside, null, null));

        cloud.write(SCOPE, transaction -> targets.register(transaction, group.id(), request));
        TargetGroup registered = cloud.write(SCOPE, transaction -> targets.register(transaction, group.id(), request));

        assertEquals(1, registered.targets().size());
        assertEquals(80, registered.targets().get(0).port());
    }

    @Test
    void anIpTargetOutsideTheVpcMustBePrivateAndInZoneAll() {
        TargetGroup group = create("ips", ElbProtocol.TCP, 80, TargetType.IP);

        AwsException publicAddress = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> targets.register(transaction,
                group.id(), List.of(new TargetCommands.TargetRequest("8.8.8.8", null, "all")))));
        AwsException noZone = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> targets.register(transaction,
                group.id(), List.of(new TargetCommands.TargetRequest("10.200.0.5", null, null)))));

        assertEquals(ErrorCode.INVALID_TARGET, publicAddress.code());
        assertEquals(ErrorCode.INVALID_TARGET, noZone.code());
        assertEquals(1, cloud.write(SCOPE, transaction -> targets.register(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest("10.200.0.5", null, "all")))).targets().size());
    }

    @Test
    void aLambdaTargetIsAFunctionArnAndThereIsOnlyOne() {
        TargetGroup group = cloud.write(SCOPE, transaction -> groups.create(transaction,
                new TargetGroupCommands.CreateTargetGroup("fn", null, null, null, null, TargetType.LAMBDA, null, null, List.of())));
        String function = "arn:aws:lambda:eu-west-1:111111111111:function:handler";

        AwsException notAnArn = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> targets.register(transaction,
                group.id(), List.of(new TargetCommands.TargetRequest("handler", null, null)))));
        cloud.write(SCOPE, transaction -> targets.register(transaction, group.id(), List.of(new TargetCommands.TargetRequest(function, null, null))));
        AwsException second = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> targets.register(transaction,
                group.id(), List.of(new TargetCommands.TargetRequest(function + "2", null, null)))));

        assertEquals(ErrorCode.INVALID_TARGET, notAnArn.code());
        assertEquals(ErrorCode.TOO_MANY_TARGETS, second.code());
    }

    @Test
    void anInstanceTargetMustBeARunningInstanceOfTheGroupsVpc() {
        TargetGroup group = create("web", ElbProtocol.TCP, 80, TargetType.INSTANCE);
        String vpcId = vpc().id();
        cloud.write(SCOPE, transaction -> {
            transaction.put(ResourceTypes.INSTANCE, instance("i-0000000000000000a", "running", vpcId));
            transaction.put(ResourceTypes.INSTANCE, instance("i-0000000000000000b", "stopped", vpcId));
            transaction.put(ResourceTypes.INSTANCE, instance("i-0000000000000000c", "running", "vpc-0000000000000000f"));
            return transaction.put(ResourceTypes.INSTANCE, instance("i-0000000000000000d", "terminated", vpcId));
        });

        TargetGroup registered = cloud.write(SCOPE, transaction -> targets.register(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest("i-0000000000000000a", null, null))));

        assertEquals(List.of("i-0000000000000000a"), registered.targets().stream().map(target -> target.id()).toList());
        assertEquals("The following targets are not in a running state and cannot be registered: 'i-0000000000000000b'",
                registerError(group, "i-0000000000000000b").getMessage());
        assertEquals("The following targets are not in the target group VPC '" + vpcId + "': 'i-0000000000000000c'",
                registerError(group, "i-0000000000000000c").getMessage());
        assertEquals("The following targets are not valid instances: 'i-0000000000000000d'", registerError(group, "i-0000000000000000d").getMessage());
        assertEquals(ErrorCode.INVALID_TARGET, registerError(group, "i-0000000000000000e").code());
    }

    private AwsException registerError(TargetGroup group, String instanceId) {
        return assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> targets.register(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest(instanceId, null, null)))));
    }

    private static Instance instance(String id, String state, String vpcId) {
        return new Instance(id, "t3.micro", state, "subnet-00000000000000001", vpcId, "eu-west-1a", "172.31.0.10", null, List.of(),
                List.of(), null, true, NOW, null, null, null, null, null);
    }

    @Test
    void anHttpHealthCheckMatcherThatCannotBeReadIsRefusedAndNothingIsCreated() {
        String vpcId = vpc().id();
        TargetGroupCommands.HealthCheckChange check = new TargetGroupCommands.HealthCheckChange(null, ElbProtocol.HTTP, null, null, null, null, null,
                "/health", "200-abc");

        AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> groups.create(transaction,
                new TargetGroupCommands.CreateTargetGroup("checked", ElbProtocol.TCP, null, 80, vpcId, TargetType.IP, null, check, List.of()))));

        assertEquals(ErrorCode.VALIDATION_ERROR, error.code());
        assertTrue(error.getMessage().contains("'200-abc'"), error.getMessage());
        assertTrue(cloud.snapshot().scope(SCOPE).all(ResourceTypes.TARGET_GROUP).isEmpty());
    }

    private TargetGroup create(String name, ElbProtocol protocol, Integer port, TargetType type) {
        String vpcId = vpc().id();
        return cloud.write(SCOPE, transaction -> groups.create(transaction,
                new TargetGroupCommands.CreateTargetGroup(name, protocol, null, port, vpcId, type, null, null, List.of())));
    }

    private Vpc vpc() {
        return cloud.snapshot(SCOPE).scope(SCOPE).all(ResourceTypes.VPC).iterator().next();
    }
}
