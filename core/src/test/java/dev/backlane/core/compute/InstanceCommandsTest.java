package dev.backlane.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceState;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.Transition;
import dev.backlane.core.world.TransitionTimes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceCommandsTest {
    private static final String AMAZON_LINUX = "ami-760aaa0f";

    private final ComputeTestCloud test = new ComputeTestCloud();
    private final Vpc vpc = test.write(transaction -> test.vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final Subnet subnet = test.write(transaction ->
            test.subnets.create(transaction, new SubnetCommands.CreateSubnet(vpc.id(), "10.0.1.0/24", null, "us-east-1b", null)));
    private final SecurityGroup web = test.write(transaction ->
            test.groups().create(transaction, new SecurityGroupCommands.CreateGroup("web", "web servers", vpc.id())));

    private InstanceCommands.RunInstances request(String subnetId, int min, int max) {
        return new InstanceCommands.RunInstances(AMAZON_LINUX, "t3.micro", min, max, subnetId, null, List.of(web.id()), List.of(), null, null,
                null, "app-profile", "key", null, false, false, null, null, true, null, null);
    }

    private Instance runOne(InstanceCommands.RunInstances request) {
        return test.write(transaction -> test.instances.run(transaction, request)).instances().get(0);
    }

    private AwsException refused(java.util.function.Consumer<dev.backlane.core.world.Transaction> command) {
        return assertThrows(AwsException.class, () -> test.run(command));
    }

    @Test
    void runCreatesThePrimaryInterfaceAttachedInUseInTheSubnetWithTheGroups() {
        Instance instance = runOne(request(subnet.id(), 1, 1));

        assertTrue(instance.id().startsWith("i-"));
        assertEquals(InstanceState.PENDING, instance.state(test.now()));
        assertEquals("t3.micro", instance.instanceType());
        assertEquals(AMAZON_LINUX, instance.launch().imageId());
        assertEquals("unlimited", instance.attributes().cpuCredits(), "T3 instances launch unlimited unless asked otherwise");
        assertEquals("arn:aws:iam::111122223333:instance-profile/app-profile", instance.iamInstanceProfileArn(), "a name becomes an ARN in the caller's account");
        NetworkInterface eni = test.state().find(ResourceTypes.NETWORK_INTERFACE, instance.networkInterfaceIds().get(0)).orElseThrow();
        assertEquals("interface", eni.interfaceType());
        assertEquals("in-use", eni.status());
        assertEquals(instance.id(), eni.attachment().instanceId());
        assertEquals(0, eni.attachment().deviceIndex());
        assertTrue(eni.attachment().deleteOnTermination());
        assertEquals(subnet.id(), eni.subnetId());
        assertEquals(List.of(web.id()), eni.groupIds());
        assertEquals("10.0.1.4", eni.privateIpAddress(), "the first address after the five AWS reserves");
        assertEquals(eni.privateIpAddress(), instance.privateIpAddress());
        assertNull(instance.publicIpAddress(), "the subnet does not map public addresses and none was asked for");
    }

    @Test
    void withoutSubnetTheDefaultVpcsDefaultSubnetAndGroupAreUsed() {
        Instance instance = runOne(new InstanceCommands.RunInstances(AMAZON_LINUX, null, 1, 1, null, "us-east-1c", List.of(), List.of(), null, true,
                null, null, null, null, false, false, null, null, true, null, null));

        Subnet chosen = test.state().find(ResourceTypes.SUBNET, instance.subnetId()).orElseThrow();
        assertTrue(chosen.defaultForAz());
        assertEquals("us-east-1c", chosen.availabilityZone());
        assertEquals(InstanceCommands.DEFAULT_INSTANCE_TYPE, instance.instanceType());
        SecurityGroup group = test.state().find(ResourceTypes.SECURITY_GROUP, instance.securityGroupIds().get(0)).orElseThrow();
        assertTrue(group.isDefault());
        assertNotNull(instance.publicIpAddress(), "AssociatePublicIpAddress gives a public address");
    }

    @Test
    void maxCountLaunchesAsManyAsTheSubnetHoldsAndMinCountMustFit() {
        Subnet small = test.write(transaction ->
                test.subnets.create(transaction, new SubnetCommands.CreateSubnet(vpc.id(), "10.0.2.0/28", null, "us-east-1a", null)));
        InstanceCommands.Reservation reservation = test.write(transaction -> test.instances.run(transaction, request(small.id(), 2, 20)));

        assertEquals(11, reservation.instances().size(), "a /28 has 16 addresses, 5 reserved");
        assertEquals(List.of(0, 1, 2), reservation.instances().stream().limit(3).map(instance -> instance.launch().amiLaunchIndex()).toList());
        assertTrue(reservation.instances().stream().allMatch(instance -> instance.launch().reservationId().equals(reservation.reservationId())));
        AwsException full = refused(transaction -> test.instances.run(transaction, request(small.id(), 1, 1)));
        assertEquals(ErrorCode.INVALID_IP_ADDRESS_NOT_AVAILABLE, full.code());
        assertEquals(11, test.state().all(ResourceTypes.INSTANCE).size(), "nothing half-launched");
    }

    @Test
    void imageIsRequiredAndChecked() {
        InstanceCommands.RunInstances base = request(subnet.id(), 1, 1);
        assertEquals(ErrorCode.MISSING_PARAMETER, refused(transaction -> test.instances.run(transaction, withImage(base, null))).code());
        AwsException malformed = refused(transaction -> test.instances.run(transaction, withImage(base, "image-1")));
        assertEquals(ErrorCode.INVALID_AMI_ID_MALFORMED, malformed.code());
        AwsException unknown = refused(transaction -> test.instances.run(transaction, withImage(base, "ami-12345678")));
        assertEquals(ErrorCode.INVALID_AMI_ID_NOT_FOUND, unknown.code());
        assertEquals("The image id '[ami-12345678]' does not exist", unknown.getMessage());
    }

    @Test
    void registeredImagesCanBeLaunchedInTheirAccountOnly() {
        String imageId = test.write(transaction -> test.images.register(transaction,
                new ImageCommands.RegisterImage("my-golden-image", null, "x86_64", "/dev/xvda", "hvm"))).id();
        Instance instance = runOne(withImage(request(subnet.id(), 1, 1), imageId));
        assertEquals(imageId, instance.launch().imageId());
        AwsException duplicate = refused(transaction -> test.images.register(transaction,
                new ImageCommands.RegisterImage("my-golden-image", null, null, null, null)));
        assertEquals(ErrorCode.INVALID_AMI_NAME_DUPLICATE, duplicate.code());
        AwsException catalogue = refused(transaction -> test.images.deregister(transaction, AMAZON_LINUX));
        assertEquals(ErrorCode.UNAUTHORIZED_OPERATION, catalogue.code());
    }

    @Test
    void unknownTypeAndArchitectureMismatchAreRefused() {
        InstanceCommands.RunInstances base = request(subnet.id(), 1, 1);
        AwsException unknown = refused(transaction -> test.instances.run(transaction, withType(base, "c7i.large")));
        assertEquals(ErrorCode.UNSUPPORTED, unknown.code(), "a type not in the catalogue is not offered in the zone");
        assertTrue(unknown.getMessage().contains("(us-east-1b)"), unknown.getMessage());
        AwsException arm = refused(transaction -> test.instances.run(transaction, withType(base, "t4g.micro")));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, arm.code());
        assertTrue(test.state().all(ResourceTypes.NETWORK_INTERFACE).stream().noneMatch(eni -> eni.subnetId().equals(subnet.id())));
    }

    @Test
    void groupsFromAnotherVpcAndBadProfilesAreRefused() {
        SecurityGroup defaultVpcGroup = test.state().all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> !group.vpcId().equals(vpc.id())).findFirst().orElseThrow();
        InstanceCommands.RunInstances foreign = new InstanceCommands.RunInstances(AMAZON_LINUX, "t3.micro", 1, 1, subnet.id(), null,
                List.of(defaultVpcGroup.id()), List.of(), null, null, null, null, null, null, false, false, null, null, true, null, null);
        assertEquals(ErrorCode.INVALID_PARAMETER, refused(transaction -> test.instances.run(transaction, foreign)).code());
        InstanceCommands.RunInstances badArn = new InstanceCommands.RunInstances(AMAZON_LINUX, "t3.micro", 1, 1, subnet.id(), null,
                List.of(), List.of(), null, null, "arn:aws:iam::1:role/app", null, null, null, false, false, null, null, true, null, null);
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused(transaction -> test.instances.run(transaction, badArn)).code());
    }

    @Test
    void stateMachineFollowsTheClockThroughStopStartAndTerminate() {
        Instance instance = runOne(request(subnet.id(), 1, 1));
        String id = instance.id();
        AwsException early = refused(transaction -> test.instances.stop(transaction, List.of(id)));
        assertEquals(ErrorCode.INCORRECT_INSTANCE_STATE, early.code(), "a pending instance cannot be stopped");

        test.advance(Transition.INSTANCE_PENDING.standard());
        assertEquals(InstanceState.RUNNING, current(id));
        List<InstanceCommands.StateChange> stopped = test.write(transaction -> test.instances.stop(transaction, List.of(id)));
        assertEquals(new InstanceCommands.StateChange(id, InstanceState.RUNNING, InstanceState.STOPPING), stopped.get(0));
        assertEquals(ErrorCode.INCORRECT_INSTANCE_STATE, refused(transaction -> test.instances.start(transaction, List.of(id))).code(),
                "a stopping instance cannot be started");

        test.advance(Transition.INSTANCE_PENDING.standard());
        assertEquals(InstanceState.STOPPED, current(id));
        List<InstanceCommands.StateChange> again = test.write(transaction -> test.instances.stop(transaction, List.of(id)));
        assertEquals(InstanceState.STOPPED, again.get(0).current(), "stopping a stopped instance changes nothing");
        test.write(transaction -> test.instances.start(transaction, List.of(id)));
        assertEquals(InstanceState.PENDING, current(id));
        test.advance(Transition.INSTANCE_PENDING.standard());
        assertEquals(InstanceState.RUNNING, current(id));

        String eniId = instance.networkInterfaceIds().get(0);
        List<InstanceCommands.StateChange> terminated = test.write(transaction -> test.instances.terminate(transaction, List.of(id)));
        assertEquals(InstanceState.SHUTTING_DOWN, terminated.get(0).current());
        assertFalse(test.state().find(ResourceTypes.NETWORK_INTERFACE, eniId).isPresent(), "the primary interface is released at once");
        test.advance(Transition.INSTANCE_PENDING.standard());
        assertEquals(InstanceState.TERMINATED, current(id));
        assertEquals(ErrorCode.INCORRECT_INSTANCE_STATE, refused(transaction -> test.instances.start(transaction, List.of(id))).code());

        test.advance(Transition.INSTANCE_RETENTION.standard());
        AwsException gone = refused(transaction -> test.instances.terminate(transaction, List.of(id)));
        assertEquals(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, gone.code(), "terminated instances are shown for an hour");
    }

    @Test
    void transitionsTakeTheServersConfiguredTimes() {
        ComputeTestCloud slow = new ComputeTestCloud(TransitionTimes.standard().with(Transition.INSTANCE_PENDING, Duration.ofSeconds(30))
                .with(Transition.INSTANCE_SHUTTING_DOWN, Duration.ZERO).with(Transition.INSTANCE_RETENTION, Duration.ofMinutes(5)));
        Instance instance = slow.write(transaction -> slow.instances.run(transaction, new InstanceCommands.RunInstances(AMAZON_LINUX, null, 1, 1,
                null, null, List.of(), List.of(), null, null, null, null, null, null, false, false, null, null, true, null, null))).instances().get(0);
        slow.advance(Duration.ofSeconds(29));
        assertEquals(InstanceState.PENDING, slow.state().find(ResourceTypes.INSTANCE, instance.id()).orElseThrow().state(slow.now()));
        slow.advance(Duration.ofSeconds(1));
        assertEquals(InstanceState.RUNNING, slow.state().find(ResourceTypes.INSTANCE, instance.id()).orElseThrow().state(slow.now()));

        slow.run(transaction -> slow.instances.terminate(transaction, List.of(instance.id())));
        Instance terminated = slow.state().find(ResourceTypes.INSTANCE, instance.id()).orElseThrow();
        assertEquals(InstanceState.TERMINATED, terminated.state(slow.now()), "shutting-down is over at once");
        assertTrue(terminated.isVisibleAt(slow.now().plus(Duration.ofMinutes(4))));
        assertFalse(terminated.isVisibleAt(slow.now().plus(Duration.ofMinutes(5))));
    }

    @Test
    void stopGivesUpTheLaunchPublicAddressAndStartGetsANewOne() {
        Instance instance = runOne(new InstanceCommands.RunInstances(AMAZON_LINUX, "t3.micro", 1, 1, subnet.id(), null, List.of(), List.of(), null,
                true, null, null, null, null, false, false, null, null, true, null, null));
        assertNotNull(instance.publicIpAddress());
        test.advance(Transition.INSTANCE_PENDING.standard());
        test.run(transaction -> test.instances.stop(transaction, List.of(instance.id())));
        Instance stopped = test.state().find(ResourceTypes.INSTANCE, instance.id()).orElseThrow();
        assertNull(stopped.publicIpAddress());
        assertNull(test.state().find(ResourceTypes.NETWORK_INTERFACE, instance.networkInterfaceIds().get(0)).orElseThrow().publicIp());
        test.advance(Transition.INSTANCE_PENDING.standard());
        test.run(transaction -> test.instances.start(transaction, List.of(instance.id())));
        assertNotNull(test.state().find(ResourceTypes.INSTANCE, instance.id()).orElseThrow().publicIpAddress());
    }

    @Test
    void protectionAttributesRefuseStopAndTerminate() {
        Instance instance = runOne(request(subnet.id(), 1, 1));
        test.advance(Transition.INSTANCE_PENDING.standard());
        test.run(transaction -> test.instances.modifyAttribute(transaction, instance.id(),
                new InstanceCommands.AttributeChange(null, null, null, null, true, null, null)));
        test.run(transaction -> test.instances.modifyAttribute(transaction, instance.id(),
                new InstanceCommands.AttributeChange(null, null, null, null, null, true, null)));
        assertEquals(ErrorCode.OPERATION_NOT_PERMITTED, refused(transaction -> test.instances.terminate(transaction, List.of(instance.id()))).code());
        assertEquals(ErrorCode.OPERATION_NOT_PERMITTED, refused(transaction -> test.instances.stop(transaction, List.of(instance.id()))).code());
        AwsException two = refused(transaction -> test.instances.modifyAttribute(transaction, instance.id(),
                new InstanceCommands.AttributeChange(null, null, false, null, false, null, null)));
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION, two.code(), "one attribute per call");
    }

    @Test
    void typeChangesOnlyWhenStoppedAndGroupsChangeOnThePrimaryInterface() {
        Instance instance = runOne(request(subnet.id(), 1, 1));
        test.advance(Transition.INSTANCE_PENDING.standard());
        AwsException running = refused(transaction -> test.instances.modifyAttribute(transaction, instance.id(),
                new InstanceCommands.AttributeChange("m5.large", null, null, null, null, null, null)));
        assertEquals(ErrorCode.INCORRECT_INSTANCE_STATE, running.code());

        SecurityGroup db = test.write(transaction -> test.groups().create(transaction, new SecurityGroupCommands.CreateGroup("db", "db", vpc.id())));
        test.run(transaction -> test.instances.modifyAttribute(transaction, instance.id(),
                new InstanceCommands.AttributeChange(null, List.of(db.id()), null, null, null, null, null)));
        NetworkInterface eni = test.state().find(ResourceTypes.NETWORK_INTERFACE, instance.networkInterfaceIds().get(0)).orElseThrow();
        assertEquals(List.of(db.id()), eni.groupIds());

        test.run(transaction -> test.instances.stop(transaction, List.of(instance.id())));
        test.advance(Transition.INSTANCE_PENDING.standard());
        test.run(transaction -> test.instances.modifyAttribute(transaction, instance.id(),
                new InstanceCommands.AttributeChange("m5.large", null, null, null, null, null, null)));
        assertEquals("m5.large", test.state().find(ResourceTypes.INSTANCE, instance.id()).orElseThrow().instanceType());
    }

    @Test
    void creditSpecificationsChangePerInstanceAndReportFailuresItemByItem() {
        Instance burstable = runOne(request(subnet.id(), 1, 1));
        Instance steady = runOne(withType(request(subnet.id(), 1, 1), "m5.large"));
        assertNull(steady.attributes().cpuCredits());
        List<InstanceCommands.CreditChange> outcomes = test.write(transaction -> test.instances.modifyCreditSpecifications(transaction,
                List.of(java.util.Map.entry(burstable.id(), "standard"), java.util.Map.entry(steady.id(), "standard"),
                        java.util.Map.entry("i-0000000000000000a", "standard"))));
        assertTrue(outcomes.get(0).succeeded());
        assertEquals("InstanceCreditSpecification.NotSupported", outcomes.get(1).errorCode());
        assertEquals("InvalidInstanceID.NotFound", outcomes.get(2).errorCode());
        assertEquals("standard", test.state().find(ResourceTypes.INSTANCE, burstable.id()).orElseThrow().attributes().cpuCredits());
    }

    @Test
    void unknownAndMalformedIdsGetTheirErrors() {
        Instance instance = runOne(request(subnet.id(), 1, 1));
        assertEquals(ErrorCode.INVALID_INSTANCE_ID_MALFORMED, refused(transaction -> test.instances.stop(transaction, List.of("instance-1"))).code());
        AwsException two = refused(transaction -> test.instances.terminate(transaction,
                List.of(instance.id(), "i-0000000000000000a", "i-0000000000000000b")));
        assertEquals("The instance IDs 'i-0000000000000000a, i-0000000000000000b' do not exist", two.getMessage());
        assertEquals(InstanceState.PENDING, current(instance.id()), "nothing changed");
    }

    @Test
    void anInstanceHoldsItsSubnetAndGroupUntilTerminatedThenTheVpcCanGo() {
        Instance instance = runOne(request(subnet.id(), 1, 1));
        assertEquals(ErrorCode.DEPENDENCY_VIOLATION, refused(transaction -> test.subnets.delete(transaction, subnet.id())).code());
        assertEquals(ErrorCode.DEPENDENCY_VIOLATION, refused(transaction -> test.groups().delete(transaction, web.id(), null)).code());

        test.run(transaction -> test.instances.terminate(transaction, List.of(instance.id())));
        test.advance(Transition.INSTANCE_PENDING.standard());
        test.run(transaction -> test.groups().delete(transaction, web.id(), null));
        test.run(transaction -> test.subnets.delete(transaction, subnet.id()));
        test.run(transaction -> test.vpcs.delete(transaction, vpc.id()));
        assertTrue(test.state().find(ResourceTypes.INSTANCE, instance.id()).isPresent(), "the terminated instance is still shown");
    }

    private InstanceState current(String id) {
        return test.state().find(ResourceTypes.INSTANCE, id).orElseThrow().state(test.now());
    }

    private static InstanceCommands.RunInstances withImage(InstanceCommands.RunInstances r, String imageId) {
        return new InstanceCommands.RunInstances(imageId, r.instanceType(), r.minCount(), r.maxCount(), r.subnetId(), r.availabilityZone(),
                r.securityGroupIds(), r.securityGroupNames(), r.privateIpAddress(), r.associatePublicIpAddress(), r.iamInstanceProfileArn(),
                r.iamInstanceProfileName(), r.keyName(), r.userData(), r.disableApiTermination(), r.disableApiStop(), r.shutdownBehavior(),
                r.interfaceDescription(), r.deleteInterfaceOnTermination(), r.cpuCredits(), r.clientToken());
    }

    private static InstanceCommands.RunInstances withType(InstanceCommands.RunInstances r, String type) {
        return new InstanceCommands.RunInstances(r.imageId(), type, r.minCount(), r.maxCount(), r.subnetId(), r.availabilityZone(),
                r.securityGroupIds(), r.securityGroupNames(), r.privateIpAddress(), r.associatePublicIpAddress(), r.iamInstanceProfileArn(),
                r.iamInstanceProfileName(), r.keyName(), r.userData(), r.disableApiTermination(), r.disableApiStop(), r.shutdownBehavior(),
                r.interfaceDescription(), r.deleteInterfaceOnTermination(), r.cpuCredits(), r.clientToken());
    }
}
