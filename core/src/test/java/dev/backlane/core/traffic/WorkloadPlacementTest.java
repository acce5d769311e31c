package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SecurityGroupCommands;
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

class WorkloadPlacementTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");

    private final Quotas quotas = Quotas.awsDefaults();
    private final VpcCommands vpcs = new VpcCommands(quotas);
    private final NetworkInterfaceCommands interfaces = new NetworkInterfaceCommands(quotas);
    private final InstanceCommands instances = new InstanceCommands(interfaces, InstanceTypeCatalog.standard(),
            new ImageCommands(ImageCatalog.standard()));
    private final SecurityGroupCommands groups = new SecurityGroupCommands(quotas, new PrefixListLookup(
            dev.backlane.core.data.AwsPrefixListCatalog.standard()));
    private final WorkloadPlacement placement = new WorkloadPlacement(interfaces);
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());

    private final Vpc vpc = write(transaction -> vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final Subnet subnet = write(transaction -> new SubnetCommands(quotas, RegionCatalog.standard())
            .create(transaction, new SubnetCommands.CreateSubnet(vpc.id(), "10.0.1.0/24", null, "us-east-1b", null)));
    private final SecurityGroup app = write(transaction -> groups.create(transaction, new SecurityGroupCommands.CreateGroup("app", "app", vpc.id())));

    private <R> R write(Function<Transaction, R> command) {
        return cloud.write(SCOPE, command);
    }

    private Optional<NetworkInterface> networkInterface(String id) {
        return cloud.snapshot().scope(SCOPE).find(ResourceTypes.NETWORK_INTERFACE, id);
    }

    @Test
    void adHocWorkloadGetsAnOrdinaryInterfaceInItsSubnetWithItsGroupsAndAddress() {
        Workload workload = write(transaction -> placement.adHoc(transaction, subnet.id(), List.of(app.id()), Optional.of("10.0.1.50"),
                Optional.of("arn:aws:iam::111122223333:role/app")));

        assertTrue(workload.id().matches("wl-[0-9a-f]{17}"), workload.id());
        assertTrue(workload.adHoc());
        assertEquals(SCOPE, workload.scope());
        assertEquals("arn:aws:iam::111122223333:role/app", workload.principalArn());
        NetworkInterface eni = networkInterface(workload.networkInterfaceId()).orElseThrow();
        assertEquals(subnet.id(), eni.subnetId());
        assertEquals(List.of(app.id()), eni.groupIds());
        assertEquals("10.0.1.50", eni.privateIpAddress());
        assertEquals("interface", eni.interfaceType());
        assertFalse(eni.requesterManaged(), "a normal eni- source, as the user's own program would have");
        assertEquals("Backlane workload " + workload.id(), eni.description());

        write(transaction -> {
            placement.remove(transaction, workload);
            return null;
        });
        assertTrue(networkInterface(workload.networkInterfaceId()).isEmpty(), "the ad-hoc interface goes with its workload");
    }

    @Test
    void adHocWorkloadWithoutGroupsTakesTheVpcsDefaultGroupAndTheAccountRoot() {
        Workload workload = write(transaction -> placement.adHoc(transaction, subnet.id(), List.of(), Optional.empty(), Optional.empty()));

        NetworkInterface eni = networkInterface(workload.networkInterfaceId()).orElseThrow();
        SecurityGroup defaultGroup = cloud.snapshot().scope(SCOPE).all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> group.vpcId().equals(vpc.id()) && group.isDefault()).findFirst().orElseThrow();
        assertEquals(List.of(defaultGroup.id()), eni.groupIds());
        assertEquals("10.0.1.4", eni.privateIpAddress(), "the first address after the ones AWS reserves");
        assertEquals("arn:aws:iam::111122223333:root", workload.principalArn());
    }

    @Test
    void badInputIsRefusedWithEc2sErrorsAndPlacesNothing() {
        int before = cloud.snapshot().scope(SCOPE).all(ResourceTypes.NETWORK_INTERFACE).size();
        SecurityGroup elsewhere = write(transaction -> groups.create(transaction,
                new SecurityGroupCommands.CreateGroup("other", "other", cloud.snapshot().scope(SCOPE).all(ResourceTypes.VPC).stream()
                        .filter(Vpc::isDefault).findFirst().orElseThrow().id())));

        assertEquals(ErrorCode.INVALID_SUBNET_ID_NOT_FOUND, refused(transaction ->
                placement.adHoc(transaction, "subnet-0123456789abcdef0", List.of(), Optional.empty(), Optional.empty())).code());
        assertEquals(ErrorCode.INVALID_GROUP_NOT_FOUND, refused(transaction ->
                placement.adHoc(transaction, subnet.id(), List.of("sg-0123456789abcdef0"), Optional.empty(), Optional.empty())).code());
        AwsException otherVpc = refused(transaction -> placement.adHoc(transaction, subnet.id(), List.of(elsewhere.id()), Optional.empty(),
                Optional.empty()));
        assertEquals("You have specified two resources that belong to different networks.", otherVpc.getMessage());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused(transaction ->
                placement.adHoc(transaction, subnet.id(), List.of(), Optional.of("10.9.9.9"), Optional.empty())).code());
        AwsException principal = refused(transaction ->
                placement.adHoc(transaction, subnet.id(), List.of(), Optional.empty(), Optional.of("app-role")));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, principal.code());
        assertTrue(principal.getMessage().contains("principalArn"), principal.getMessage());
        assertEquals(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, refused(transaction ->
                placement.onInstance(transaction, "i-0123456789abcdef0", Optional.empty())).code());
        assertEquals(ErrorCode.INVALID_INSTANCE_ID_MALFORMED, refused(transaction ->
                placement.onInstance(transaction, "i-xyz", Optional.empty())).code());

        assertEquals(before, cloud.snapshot().scope(SCOPE).all(ResourceTypes.NETWORK_INTERFACE).size());
    }

    @Test
    void instanceWorkloadLeavesFromThePrimaryInterfaceAndKeepsItWhenRemoved() {
        Instance instance = write(transaction -> instances.run(transaction, new InstanceCommands.RunInstances("ami-760aaa0f", "t3.micro", 1, 1,
                subnet.id(), null, List.of(app.id()), List.of(), null, null, null, "app-profile", null, null, false, false, null, null, true, null,
                null))).instances().get(0);

        Workload workload = write(transaction -> placement.onInstance(transaction, instance.id(), Optional.empty()));

        assertEquals(instance.networkInterfaceIds().get(0), workload.networkInterfaceId());
        assertEquals(Optional.of(instance.id()), workload.instanceId());
        assertFalse(workload.adHoc());
        assertEquals("arn:aws:iam::111122223333:root", workload.principalArn(),
                "the world knows the instance profile, not its role: the root unless a principal is named");
        write(transaction -> {
            placement.remove(transaction, workload);
            return null;
        });
        assertTrue(networkInterface(workload.networkInterfaceId()).isPresent(), "the instance keeps its interface");

        write(transaction -> instances.terminate(transaction, List.of(instance.id())));
        assertEquals(ErrorCode.INCORRECT_INSTANCE_STATE, refused(transaction ->
                placement.onInstance(transaction, instance.id(), Optional.empty())).code());
    }

    @Test
    void aRequestNamesAnInstanceOrASubnetNotBoth() {
        WorkloadPlacement.Request both = new WorkloadPlacement.Request(Optional.of("i-0123456789abcdef0"), Optional.of(subnet.id()), List.of(),
                Optional.empty(), Optional.empty());
        WorkloadPlacement.Request neither = new WorkloadPlacement.Request(Optional.empty(), Optional.empty(), List.of(app.id()), Optional.empty(),
                Optional.empty());
        WorkloadPlacement.Request subnetOnly = new WorkloadPlacement.Request(Optional.empty(), Optional.of(subnet.id()), List.of(app.id()),
                Optional.empty(), Optional.empty());

        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION, refused(transaction -> placement.place(transaction, both)).code());
        assertEquals(ErrorCode.MISSING_PARAMETER, refused(transaction -> placement.place(transaction, neither)).code());
        assertTrue(write(transaction -> placement.place(transaction, subnetOnly)).adHoc());
    }

    private AwsException refused(Function<Transaction, Workload> command) {
        return assertThrows(AwsException.class, () -> write(command));
    }
}
