package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.AwsAssertions.assertDryRunSucceeds;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Instances through the SDK: launch, describe with filters, the state machine, attributes, images and instance types. */
class InstanceSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final String AMAZON_LINUX = "ami-760aaa0f";

    @Test
    void runInstancesCreatesThePrimaryInterfaceAndDescribeShowsIt() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("web").description("web")).groupId();

        RunInstancesResponse reservation = ec2.runInstances(r -> r.imageId(AMAZON_LINUX).instanceType(InstanceType.T3_MICRO).minCount(2).maxCount(2)
                .networkInterfaces(n -> n.deviceIndex(0).subnetId(subnetId).groups(groupId).associatePublicIpAddress(true))
                .iamInstanceProfile(p -> p.name("app"))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("Name").value("app").build())
                        .build()));
        assertTrue(reservation.reservationId().matches("r-[0-9a-f]{17}"), reservation.reservationId());
        assertEquals(2, reservation.instances().size());
        Instance first = reservation.instances().get(0);
        assertTrue(first.instanceId().matches("i-[0-9a-f]{17}"), first.instanceId());
        assertEquals(InstanceStateName.PENDING, first.state().name());
        assertEquals(0, first.state().code());
        assertEquals(List.of(0, 1), reservation.instances().stream().map(Instance::amiLaunchIndex).toList());
        assertEquals(subnetId, first.subnetId());
        assertEquals("us-east-1b", first.placement().availabilityZone());
        assertEquals(groupId, first.securityGroups().get(0).groupId());
        assertEquals("web", first.securityGroups().get(0).groupName());
        assertTrue(first.iamInstanceProfile().arn().endsWith(":instance-profile/app"), first.iamInstanceProfile().arn());
        assertTrue(first.iamInstanceProfile().id().startsWith("AIPA"));
        assertNotNull(first.publicIpAddress());
        assertEquals("ip-" + first.privateIpAddress().replace('.', '-') + ".ec2.internal", first.privateDnsName());

        NetworkInterface eni = ec2.describeNetworkInterfaces(r -> r.filters(filter("attachment.instance-id", first.instanceId())))
                .networkInterfaces().get(0);
        assertEquals(first.networkInterfaces().get(0).networkInterfaceId(), eni.networkInterfaceId());
        assertEquals("in-use", eni.statusAsString());
        assertEquals("interface", eni.interfaceTypeAsString());
        assertEquals(0, eni.attachment().deviceIndex());
        assertTrue(eni.attachment().deleteOnTermination());
        assertEquals(first.privateIpAddress(), eni.privateIpAddress());
        assertEquals(first.publicIpAddress(), eni.association().publicIp());

        awaitState(ec2, first.instanceId(), InstanceStateName.RUNNING);
        List<Instance> running = instances(ec2.describeInstances(r -> r.filters(filter("instance-state-name", "running"), filter("tag:Name", "app"),
                filter("subnet-id", subnetId))).reservations());
        assertEquals(2, running.size());
        assertEquals(1, ec2.describeInstances(r -> r.filters(filter("private-ip-address", first.privateIpAddress()))).reservations().size());
        assertEquals(reservation.reservationId(), ec2.describeInstances(r -> r.instanceIds(first.instanceId())).reservations().get(0).reservationId());
        assertAwsError("InvalidParameterValue", () -> ec2.describeInstances(r -> r.filters(filter("no-such-filter", "x"))));
        assertEquals("ok", ec2.describeInstanceStatus(r -> r.instanceIds(first.instanceId())).instanceStatuses().get(0).instanceStatus().statusAsString());

        assertAwsError("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(subnetId)));
        assertAwsError("DependencyViolation", () -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)));
        assertAwsError("InvalidParameterValue", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId())));
    }

    @Test
    void stopStartAndTerminateFollowTheStateMachine() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String id = ec2.runInstances(r -> r.imageId(AMAZON_LINUX).minCount(1).maxCount(1)).instances().get(0).instanceId();
        assertAwsError("IncorrectInstanceState", () -> ec2.stopInstances(r -> r.instanceIds(id)));
        awaitState(ec2, id, InstanceStateName.RUNNING);

        var stopping = ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertEquals(InstanceStateName.RUNNING, stopping.previousState().name());
        assertEquals(InstanceStateName.STOPPING, stopping.currentState().name());
        awaitState(ec2, id, InstanceStateName.STOPPED);
        Instance stopped = describe(ec2, id);
        assertTrue(stopped.stateTransitionReason().startsWith("User initiated ("), stopped.stateTransitionReason());
        assertEquals("Client.UserInitiatedShutdown", stopped.stateReason().code());

        ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(v -> v.value("m5.large")));
        assertEquals("m5.large", ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.INSTANCE_TYPE))
                .instanceType().value());
        assertEquals(InstanceStateName.PENDING, ec2.startInstances(r -> r.instanceIds(id)).startingInstances().get(0).currentState().name());
        awaitState(ec2, id, InstanceStateName.RUNNING);
        assertAwsError("IncorrectInstanceState", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(v -> v.value("t3.micro"))));
        ec2.rebootInstances(r -> r.instanceIds(id));

        ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(AttributeBooleanValue.builder().value(true).build()));
        assertAwsError("OperationNotPermitted", () -> ec2.terminateInstances(r -> r.instanceIds(id)));
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(AttributeBooleanValue.builder().value(false).build()));
        String eniId = describe(ec2, id).networkInterfaces().get(0).networkInterfaceId();
        assertEquals(InstanceStateName.SHUTTING_DOWN, ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0).currentState().name());
        assertAwsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eniId)));
        awaitState(ec2, id, InstanceStateName.TERMINATED);
        Instance terminated = describe(ec2, id);
        assertNull(terminated.privateIpAddress());
        assertEquals(List.of(), terminated.networkInterfaces());
        assertAwsError("IncorrectInstanceState", () -> ec2.startInstances(r -> r.instanceIds(id)));
    }

    @Test
    void anElasticIpFollowsTheInstanceAndCreditsChangePerInstance() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String id = ec2.runInstances(r -> r.imageId(AMAZON_LINUX).instanceType(InstanceType.T2_MICRO).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        var allocation = ec2.allocateAddress(r -> r.domain("vpc"));
        ec2.associateAddress(r -> r.allocationId(allocation.allocationId()).instanceId(id));
        assertEquals(allocation.publicIp(), describe(ec2, id).publicIpAddress());

        assertEquals("standard", ec2.describeInstanceCreditSpecifications(r -> r.instanceIds(id)).instanceCreditSpecifications().get(0).cpuCredits(),
                "T2 launches standard");
        var modified = ec2.modifyInstanceCreditSpecification(r -> r.instanceCreditSpecifications(
                c -> c.instanceId(id).cpuCredits("unlimited"), c -> c.instanceId("i-0123456789abcdef0").cpuCredits("unlimited")));
        assertEquals(id, modified.successfulInstanceCreditSpecifications().get(0).instanceId());
        assertEquals("InvalidInstanceID.NotFound", modified.unsuccessfulInstanceCreditSpecifications().get(0).error().codeAsString());
        assertEquals("unlimited", ec2.describeInstanceCreditSpecifications(r -> r.instanceIds(id)).instanceCreditSpecifications().get(0).cpuCredits());

        ec2.terminateInstances(r -> r.instanceIds(id));
        assertNull(ec2.describeAddresses(r -> r.allocationIds(allocation.allocationId())).addresses().get(0).associationId(),
                "terminating the instance frees its Elastic IP");
    }

    @Test
    void launchErrorsAreAwssAndChangeNothing() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        assertAwsError("InvalidAMIID.Malformed", () -> ec2.runInstances(r -> r.imageId("image-1").minCount(1).maxCount(1)));
        assertAwsError("InvalidAMIID.NotFound", () -> ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1)));
        assertAwsError("InvalidParameterValue", () -> ec2.runInstances(r -> r.imageId(AMAZON_LINUX).instanceType("t9.huge").minCount(1).maxCount(1)));
        assertAwsError("Unsupported", () -> ec2.runInstances(r -> r.imageId(AMAZON_LINUX).instanceType("c7i.large").minCount(1).maxCount(1)));
        assertAwsError("InvalidSubnetID.NotFound", () -> ec2.runInstances(r -> r.imageId(AMAZON_LINUX).subnetId("subnet-0123456789abcdef0")
                .minCount(1).maxCount(1)));
        assertAwsError("InvalidInstanceID.Malformed", () -> ec2.describeInstances(r -> r.instanceIds("instance-1")));
        assertAwsError("InvalidInstanceID.NotFound", () -> ec2.stopInstances(r -> r.instanceIds("i-0123456789abcdef0")));
        assertDryRunSucceeds(() -> ec2.runInstances(r -> r.imageId(AMAZON_LINUX).minCount(1).maxCount(1).dryRun(true)));
        assertEquals(List.of(), ec2.describeInstances().reservations());
        assertEquals(List.of(), ec2.describeNetworkInterfaces(r -> r.filters(filter("attachment.instance-owner-id", "000000000000")))
                .networkInterfaces());
    }

    @Test
    void aClientTokenLaunchesOnce() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String first = ec2.runInstances(r -> r.imageId(AMAZON_LINUX).minCount(1).maxCount(1).clientToken("launch-1")).reservationId();
        String again = ec2.runInstances(r -> r.imageId(AMAZON_LINUX).minCount(1).maxCount(1).clientToken("launch-1")).reservationId();
        assertEquals(first, again);
        List<Instance> launched = instances(ec2.describeInstances(r -> r.filters(filter("client-token", "launch-1"))).reservations());
        assertEquals(1, launched.size());
        assertEquals("launch-1", launched.get(0).clientToken());
        assertEquals(1, instances(ec2.describeInstances().reservations()).size());
        assertAwsError("IdempotentParameterMismatch", () -> ec2.runInstances(r -> r.imageId(AMAZON_LINUX).minCount(2).maxCount(2)
                .clientToken("launch-1")));
    }

    @Test
    void imagesAndInstanceTypesAreDescribed() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        assertEquals(List.of(AMAZON_LINUX), ec2.describeImages(r -> r.owners("amazon").filters(filter("name", "amzn-ami-hvm-*")))
                .images().stream().map(image -> image.imageId()).toList());
        String registered = ec2.registerImage(r -> r.name("golden").architecture("x86_64").virtualizationType("hvm").rootDeviceName("/dev/xvda"))
                .imageId();
        assertEquals(List.of(registered), ec2.describeImages(r -> r.owners("self")).images().stream().map(image -> image.imageId()).toList());
        String launched = ec2.runInstances(r -> r.imageId(registered).minCount(1).maxCount(1)).instances().get(0).instanceId();
        assertEquals(registered, describe(ec2, launched).imageId());
        assertAwsError("InvalidAMIID.NotFound", () -> backlane.newAccount().ec2().describeImages(r -> r.imageIds(registered)));

        var micro = ec2.describeInstanceTypes(r -> r.instanceTypes(InstanceType.T3_MICRO)).instanceTypes().get(0);
        assertEquals(2, micro.vCpuInfo().defaultVCpus());
        assertEquals(1024L, micro.memoryInfo().sizeInMiB());
        assertTrue(micro.burstablePerformanceSupported());
        assertEquals(2, micro.networkInfo().maximumNetworkInterfaces());
        assertAwsError("InvalidParameterValue", () -> ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings("t9.huge")));
        var offerings = ec2.describeInstanceTypeOfferings(r -> r.locationType(LocationType.AVAILABILITY_ZONE)
                .filters(filter("instance-type", "m5.large"))).instanceTypeOfferings();
        assertEquals(6, offerings.size(), "m5.large in each of us-east-1's six zones");
        assertFalse(ec2.describeInstanceTypeOfferings(r -> r.maxResults(5)).instanceTypeOfferings().isEmpty());
    }

    static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static List<Instance> instances(List<Reservation> reservations) {
        return reservations.stream().flatMap(reservation -> reservation.instances().stream()).toList();
    }

    /** Polls as a waiter would, until the state settles (transitions take a second), or fails after ten. */
    static void awaitState(Ec2Client ec2, String id, InstanceStateName state) {
        Supplier<InstanceStateName> current = () -> describe(ec2, id).state().name();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (current.get() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " did not become " + state + "; it is " + current.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
