package dev.backlane.core.compute;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.InstanceTypeCatalog;
import dev.backlane.core.data.InstanceTypeInfo;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.Image;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceAttributes;
import dev.backlane.core.model.InstanceLaunch;
import dev.backlane.core.model.InstanceState;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.AddressCommands;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.WatchingFlowLogs;
import dev.backlane.core.network.NetworkInterfaces;
import dev.backlane.core.network.PublicAddressPool;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Instances without compute, with EC2's rules. RunInstances checks the image, type, subnet and groups,
 * then creates each instance with its primary network interface (an address in the subnet, the groups,
 * attached at device 0, deleted on termination) and, if asked or if the subnet maps public addresses, a
 * public IPv4 address — all in one transaction. Launch, stop, start and terminate start a transition
 * whose end they fix from the server's transition times ({@link Transition}); a stopped instance gives up its public address and gets
 * a new one when it starts; termination releases the interface at once.
 */
public final class InstanceCommands {
    /** Without InstanceType, EC2 launches this type. */
    public static final String DEFAULT_INSTANCE_TYPE = "m1.small";
    private static final Pattern PROFILE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:instance-profile/[\\w+=,.@/-]+");
    private static final Pattern PROFILE_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private final NetworkInterfaceCommands networkInterfaces;
    private final InstanceTypeCatalog instanceTypes;
    private final ImageCommands images;

    /** The commands over the catalogues Backlane ships, for callers that act on instances without launching them (FIS). */
    public static InstanceCommands standard(dev.backlane.core.network.Quotas quotas) {
        return new InstanceCommands(new NetworkInterfaceCommands(quotas), InstanceTypeCatalog.standard(), new ImageCommands(dev.backlane.core.data.ImageCatalog.standard()));
    }

    public InstanceCommands(NetworkInterfaceCommands networkInterfaces, InstanceTypeCatalog instanceTypes, ImageCommands images) {
        this.networkInterfaces = requireNonNull(networkInterfaces, "networkInterfaces is null");
        this.instanceTypes = requireNonNull(instanceTypes, "instanceTypes is null");
        this.images = requireNonNull(images, "images is null");
    }

    /**
     * The parameters of RunInstances that Backlane honours, with the primary interface's specification
     * ({@code NetworkInterface.0}) already merged in: its subnet, groups, address and public-address choice.
     * {@code associatePublicIpAddress} null means "as the subnet says". {@code iamInstanceProfile} is an ARN or a name.
     */
    public record RunInstances(
            String imageId,
            String instanceType,
            int minCount,
            int maxCount,
            String subnetId,
            String availabilityZone,
            List<String> securityGroupIds,
            List<String> securityGroupNames,
            String privateIpAddress,
            Boolean associatePublicIpAddress,
            String iamInstanceProfileArn,
            String iamInstanceProfileName,
            String keyName,
            String userData,
            boolean disableApiTermination,
            boolean disableApiStop,
            String shutdownBehavior,
            String interfaceDescription,
            boolean deleteInterfaceOnTermination,
            String cpuCredits,
            String clientToken) {

        public RunInstances {
            securityGroupIds = List.copyOf(requireNonNull(securityGroupIds, "securityGroupIds is null"));
            securityGroupNames = List.copyOf(requireNonNull(securityGroupNames, "securityGroupNames is null"));
        }
    }

    /** What RunInstances made: the reservation and its instances, in launch order. */
    public record Reservation(String reservationId, List<Instance> instances) {
        public Reservation {
            requireNonNull(reservationId, "reservationId is null");
            instances = List.copyOf(instances);
        }
    }

    /** One instance's change of state, as Start/Stop/TerminateInstances report it. */
    public record StateChange(String instanceId, InstanceState previous, InstanceState current) {}

    public Reservation run(Transaction transaction, RunInstances request) {
        if (request.imageId() == null || request.imageId().isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ImageId");
        }
        if (request.minCount() < 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%d) for parameter minCount is invalid. Expected a positive integer.",
                    request.minCount());
        }
        if (request.maxCount() < request.minCount()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%d) for parameter maxCount is invalid. Expected a value greater than or equal to minCount (%d).",
                    request.maxCount(), request.minCount());
        }
        Image image = images.find(transaction, request.imageId());
        Subnet subnet = subnet(transaction, request);
        String typeName = request.instanceType() == null ? DEFAULT_INSTANCE_TYPE : request.instanceType();
        // The protocol layer refuses names that are not instance types at all; these are types not offered here.
        InstanceTypeInfo type = instanceTypes.find(typeName).orElseThrow(() -> AwsException.of(ErrorCode.UNSUPPORTED,
                "Your requested instance type (%s) is not supported in your requested Availability Zone (%s). Please retry your request by "
                        + "not specifying an Availability Zone or choosing one of the types in DescribeInstanceTypeOfferings.",
                typeName, subnet.availabilityZone()));
        if (!type.architecture().equals(image.architecture())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "The architecture '%s' of the specified instance type does not match the architecture '%s' of the specified AMI.",
                    type.architecture(), image.architecture());
        }
        String cpuCredits = cpuCredits(type, request.cpuCredits());
        String shutdownBehavior = request.shutdownBehavior() == null ? "stop" : request.shutdownBehavior();
        if (!shutdownBehavior.equals("stop") && !shutdownBehavior.equals("terminate")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values are 'stop' and 'terminate'.", shutdownBehavior);
        }
        if (request.privateIpAddress() != null && request.maxCount() > 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "Cannot specify a private IP address when launching more than one instance (maxCount %d).", request.maxCount());
        }
        List<String> groupIds = groups(transaction, subnet, request);
        String profileArn = instanceProfileArn(transaction, request);
        boolean publicIp = request.associatePublicIpAddress() == null ? subnet.mapPublicIpOnLaunch() : request.associatePublicIpAddress();

        String reservationId = transaction.ids().next("r");
        long free = dev.backlane.core.network.SubnetAddresses.availableCount(transaction.state(), subnet);
        int count = (int) Math.min(request.maxCount(), free);
        if (count < request.minCount()) {
            throw AwsException.of(ErrorCode.INVALID_IP_ADDRESS_NOT_AVAILABLE,
                    "There are not enough free addresses in subnet '%s' to satisfy the requested number of instances.", subnet.id());
        }
        List<Instance> launched = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            launched.add(launch(transaction, request, subnet, groupIds, profileArn, publicIp, type, image, reservationId, index,
                    new InstanceAttributes(request.userData(), request.disableApiTermination(), request.disableApiStop(), shutdownBehavior, cpuCredits)));
        }
        return new Reservation(reservationId, launched);
    }

    private Instance launch(Transaction transaction, RunInstances request, Subnet subnet, List<String> groupIds, String profileArn, boolean publicIp,
            InstanceTypeInfo type, Image image, String reservationId, int index, InstanceAttributes attributes) {
        String instanceId = transaction.newId(ResourceTypes.INSTANCE);
        NetworkInterface created = networkInterfaces.create(transaction, new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(),
                request.interfaceDescription(), index == 0 ? request.privateIpAddress() : null, List.of(), 0, List.of(), 0, groupIds, null, null));
        NetworkInterface primary = created.withAttachment(new NetworkInterfaceAttachment(transaction.ids().next("eni-attach"), instanceId,
                transaction.account(), 0, "attached", request.deleteInterfaceOnTermination(), transaction.now()));
        String publicAddress = publicIp ? PublicAddressPool.allocate(transaction) : null;
        if (publicAddress != null) {
            primary = NetworkInterfaces.withPublicAddress(primary, publicAddress, null, null);
        }
        transaction.put(ResourceTypes.NETWORK_INTERFACE, primary);
        Instance instance = new Instance(instanceId, type.instanceType(), InstanceState.PENDING.awsName(), subnet.id(), subnet.vpcId(),
                subnet.availabilityZone(), primary.privateIpAddress(), publicAddress, List.of(primary.id()), primary.groupIds(), profileArn, true,
                transaction.now(), new InstanceLaunch(image.id(), reservationId, index, request.keyName(), publicIp, request.clientToken()),
                attributes, transaction.now(), transaction.endOf(Transition.INSTANCE_PENDING), null);
        return transaction.put(ResourceTypes.INSTANCE, instance);
    }

    /**
     * How a burstable instance earns CPU credits: as asked, else EC2's default for the family
     * ({@code standard} for T2, {@code unlimited} for later ones). Other types have no credits to choose.
     */
    private static String cpuCredits(InstanceTypeInfo type, String requested) {
        if (!type.burstablePerformanceSupported()) {
            if (requested != null) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "The parameter creditSpecification is not supported for instance type %s.", type.instanceType());
            }
            return null;
        }
        if (requested == null) {
            return type.family().equals("t2") ? "standard" : "unlimited";
        }
        if (!requested.equals("standard") && !requested.equals("unlimited")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter cpuCredits is invalid. Valid values are standard, unlimited.", requested);
        }
        return requested;
    }

    /** StartInstances: stopped instances begin {@code pending}; running or pending ones are left as they are. */
    public List<StateChange> start(Transaction transaction, List<String> instanceIds) {
        List<StateChange> changes = new ArrayList<>();
        for (Instance instance : find(transaction, instanceIds)) {
            InstanceState current = instance.state(transaction.now());
            switch (current) {
                case STOPPED -> {
                    Instance started = instance.inState(InstanceState.PENDING, transaction.now(), transaction.endOf(Transition.INSTANCE_PENDING), null);
                    if (instance.launch() != null && instance.launch().publicIpOnStart()) {
                        started = assignPublicAddress(transaction, started);
                    }
                    transaction.put(ResourceTypes.INSTANCE, started);
                    changes.add(new StateChange(instance.id(), current, InstanceState.PENDING));
                }
                case PENDING, RUNNING -> changes.add(new StateChange(instance.id(), current, current));
                case STOPPING, SHUTTING_DOWN, TERMINATED -> throw incorrectState(instance, "started");
            }
        }
        return changes;
    }

    /** StopInstances: running instances begin {@code stopping} and give up their public address; stopped ones stay. */
    public List<StateChange> stop(Transaction transaction, List<String> instanceIds) {
        List<StateChange> changes = new ArrayList<>();
        for (Instance instance : find(transaction, instanceIds)) {
            InstanceState current = instance.state(transaction.now());
            switch (current) {
                case RUNNING -> {
                    if (instance.attributes().disableApiStop()) {
                        throw AwsException.of(ErrorCode.OPERATION_NOT_PERMITTED,
                                "The instance '%s' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.", instance.id());
                    }
                    transaction.put(ResourceTypes.INSTANCE, releasePublicAddress(transaction, instance)
                            .inState(InstanceState.STOPPING, transaction.now(), transaction.endOf(Transition.INSTANCE_STOPPING), null));
                    changes.add(new StateChange(instance.id(), current, InstanceState.STOPPING));
                }
                case STOPPING, STOPPED -> changes.add(new StateChange(instance.id(), current, current));
                case PENDING, SHUTTING_DOWN, TERMINATED -> throw incorrectState(instance, "stopped");
            }
        }
        return changes;
    }

    /**
     * TerminateInstances: every instance not already terminating begins {@code shutting-down}; its
     * interfaces that are deleted on termination go at once (with any Elastic IP unmapped), the others are
     * detached.
     */
    public List<StateChange> terminate(Transaction transaction, List<String> instanceIds) {
        List<Instance> instances = find(transaction, instanceIds);
        for (Instance instance : instances) {
            if (instance.attributes().disableApiTermination() && !instance.state(transaction.now()).isTerminating()) {
                throw AwsException.of(ErrorCode.OPERATION_NOT_PERMITTED,
                        "The instance '%s' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.", instance.id());
            }
        }
        List<StateChange> changes = new ArrayList<>();
        for (Instance instance : instances) {
            InstanceState current = instance.state(transaction.now());
            if (current.isTerminating()) {
                changes.add(new StateChange(instance.id(), current, current));
                continue;
            }
            releaseInterfaces(transaction, instance);
            Instant terminated = transaction.endOf(Transition.INSTANCE_SHUTTING_DOWN);
            transaction.put(ResourceTypes.INSTANCE, instance.withoutNetworkInterfaces().inState(InstanceState.SHUTTING_DOWN, transaction.now(),
                    terminated, transaction.transitions().end(Transition.INSTANCE_RETENTION, terminated)));
            changes.add(new StateChange(instance.id(), current, InstanceState.SHUTTING_DOWN));
        }
        return changes;
    }

    /** RebootInstances: only a running (or starting) instance can be rebooted; nothing about it changes. */
    public void reboot(Transaction transaction, List<String> instanceIds) {
        for (Instance instance : find(transaction, instanceIds)) {
            InstanceState current = instance.state(transaction.now());
            if (current != InstanceState.RUNNING && current != InstanceState.PENDING) {
                throw incorrectState(instance, "rebooted");
            }
        }
    }

    /** One attribute of ModifyInstanceAttribute; the others are null. */
    public record AttributeChange(String instanceType, List<String> groupIds, Boolean sourceDestCheck, String userData,
            Boolean disableApiTermination, Boolean disableApiStop, String shutdownBehavior) {

        public AttributeChange {
            groupIds = groupIds == null ? null : List.copyOf(groupIds);
        }

        List<String> given() {
            List<String> names = new ArrayList<>();
            addIf(names, instanceType != null, "instanceType");
            addIf(names, groupIds != null, "groupId");
            addIf(names, sourceDestCheck != null, "sourceDestCheck");
            addIf(names, userData != null, "userData");
            addIf(names, disableApiTermination != null, "disableApiTermination");
            addIf(names, disableApiStop != null, "disableApiStop");
            addIf(names, shutdownBehavior != null, "instanceInitiatedShutdownBehavior");
            return names;
        }

        private static void addIf(List<String> names, boolean given, String name) {
            if (given) {
                names.add(name);
            }
        }
    }

    /**
     * ModifyInstanceAttribute, one attribute per call as EC2 requires. Type and user data change only
     * while the instance is stopped; groups and source/destination checking change on its primary
     * interface, where the network reads them.
     */
    public Instance modifyAttribute(Transaction transaction, String instanceId, AttributeChange change) {
        Instance instance = get(transaction, instanceId);
        List<String> given = change.given();
        if (given.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "No attributes specified.");
        }
        if (given.size() > 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "Fields for multiple attribute types specified: %s", String.join(", ", given));
        }
        InstanceState current = instance.state(transaction.now());
        if (current.isTerminating()) {
            throw incorrectState(instance, "modified");
        }
        Instance changed;
        if (change.instanceType() != null) {
            requireStopped(instance, current);
            InstanceTypeInfo type = instanceTypes.find(change.instanceType()).orElseThrow(() -> AwsException.of(ErrorCode.UNSUPPORTED,
                    "The instance type %s is not supported in the availability zone %s.", change.instanceType(), instance.availabilityZone()));
            // Credits carry over between burstable types and go with a type that has none.
            String credits = !type.burstablePerformanceSupported() ? null
                    : instance.attributes().cpuCredits() != null ? instance.attributes().cpuCredits() : cpuCredits(type, null);
            changed = instance.withInstanceType(type.instanceType()).withAttributes(instance.attributes().withCpuCredits(credits));
        } else if (change.userData() != null) {
            requireStopped(instance, current);
            changed = instance.withAttributes(instance.attributes().withUserData(change.userData().isEmpty() ? null : change.userData()));
        } else if (change.groupIds() != null) {
            if (change.groupIds().isEmpty()) {
                throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter groupId");
            }
            NetworkInterface primary = primaryInterface(transaction, instance);
            NetworkInterface regrouped = networkInterfaces.modifyAttribute(transaction, primary.id(),
                    new NetworkInterfaceCommands.InterfaceAttributeChange(null, null, change.groupIds(), null, null));
            changed = instance.withSecurityGroupIds(regrouped.groupIds());
        } else if (change.sourceDestCheck() != null) {
            NetworkInterface primary = primaryInterface(transaction, instance);
            transaction.put(ResourceTypes.NETWORK_INTERFACE, primary.withSourceDestCheck(change.sourceDestCheck()));
            changed = instance.withSourceDestCheck(change.sourceDestCheck());
        } else if (change.disableApiTermination() != null) {
            changed = instance.withAttributes(instance.attributes().withDisableApiTermination(change.disableApiTermination()));
        } else if (change.disableApiStop() != null) {
            changed = instance.withAttributes(instance.attributes().withDisableApiStop(change.disableApiStop()));
        } else {
            if (!change.shutdownBehavior().equals("stop") && !change.shutdownBehavior().equals("terminate")) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Value (%s) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values are 'stop' and 'terminate'.",
                        change.shutdownBehavior());
            }
            changed = instance.withAttributes(instance.attributes().withShutdownBehavior(change.shutdownBehavior()));
        }
        return transaction.put(ResourceTypes.INSTANCE, changed);
    }

    /** One item's outcome in ModifyInstanceCreditSpecification: success (no error code) or AWS's per-item error. */
    public record CreditChange(String instanceId, String errorCode, String message) {
        public boolean succeeded() {
            return errorCode == null;
        }
    }

    /**
     * ModifyInstanceCreditSpecification: each instance on its own, as EC2 answers it — an item that
     * fails (unknown, terminated, not burstable, bad value) is reported and the others still change.
     */
    public List<CreditChange> modifyCreditSpecifications(Transaction transaction, List<java.util.Map.Entry<String, String>> requests) {
        if (requests.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter InstanceCreditSpecification");
        }
        List<CreditChange> outcomes = new ArrayList<>();
        for (java.util.Map.Entry<String, String> request : requests) {
            String id = request.getKey();
            String credits = request.getValue();
            if (!ResourceTypes.INSTANCE.isWellFormed(id)) {
                outcomes.add(new CreditChange(id, "InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\""));
                continue;
            }
            Instance instance = transaction.find(ResourceTypes.INSTANCE, id).filter(found -> found.isVisibleAt(transaction.now())).orElse(null);
            if (instance == null) {
                outcomes.add(new CreditChange(id, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist"));
            } else if (instance.state(transaction.now()).isTerminating()) {
                outcomes.add(new CreditChange(id, "IncorrectInstanceState", "The instance '" + id + "' is not in a state from which it can be modified."));
            } else if (!instanceTypes.find(instance.instanceType()).map(InstanceTypeInfo::burstablePerformanceSupported).orElse(false)) {
                outcomes.add(new CreditChange(id, "InstanceCreditSpecification.NotSupported",
                        "The instance type " + instance.instanceType() + " does not support CPU credits."));
            } else if (!"standard".equals(credits) && !"unlimited".equals(credits)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Value (%s) for parameter cpuCredits is invalid. Valid values are standard, unlimited.", credits);
            } else {
                transaction.put(ResourceTypes.INSTANCE, instance.withAttributes(instance.attributes().withCpuCredits(credits)));
                outcomes.add(new CreditChange(id, null, null));
            }
        }
        return outcomes;
    }

    /** The instance as a describe or an action sees it: terminated instances vanish once their retention has passed. */
    public static Instance get(Transaction transaction, String instanceId) {
        ResourceTypes.INSTANCE.requireWellFormed(instanceId);
        return transaction.find(ResourceTypes.INSTANCE, instanceId).filter(instance -> instance.isVisibleAt(transaction.now()))
                .orElseThrow(() -> ResourceTypes.INSTANCE.notFound(instanceId));
    }

    /** The instances, each once, in the order given; every unknown ID is named in one error, as EC2 does. */
    static List<Instance> find(Transaction transaction, List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        List<Instance> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(instanceIds)) {
            ResourceTypes.INSTANCE.requireWellFormed(id);
            transaction.find(ResourceTypes.INSTANCE, id).filter(instance -> instance.isVisibleAt(transaction.now()))
                    .ifPresentOrElse(found::add, () -> missing.add(id));
        }
        if (missing.size() == 1) {
            throw ResourceTypes.INSTANCE.notFound(missing.get(0));
        }
        if (!missing.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, "The instance IDs '%s' do not exist", String.join(", ", missing));
        }
        return found;
    }

    private static void requireStopped(Instance instance, InstanceState current) {
        if (current != InstanceState.STOPPED) {
            throw AwsException.of(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '%s' is not in the 'stopped' state.", instance.id());
        }
    }

    private static AwsException incorrectState(Instance instance, String action) {
        return AwsException.of(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '%s' is not in a state from which it can be %s.", instance.id(), action);
    }

    private static NetworkInterface primaryInterface(Transaction transaction, Instance instance) {
        return instance.networkInterfaceIds().stream().map(id -> transaction.find(ResourceTypes.NETWORK_INTERFACE, id)).flatMap(java.util.Optional::stream)
                .min(Comparator.comparingInt(eni -> eni.attachment() == null ? Integer.MAX_VALUE : eni.attachment().deviceIndex()))
                .orElseThrow(() -> AwsException.of(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '%s' has no network interface.", instance.id()));
    }

    private static Instance assignPublicAddress(Transaction transaction, Instance instance) {
        NetworkInterface primary = primaryInterface(transaction, instance);
        if (primary.publicIp() != null) {
            return instance.withPublicIpAddress(primary.publicIp());
        }
        String address = PublicAddressPool.allocate(transaction);
        transaction.put(ResourceTypes.NETWORK_INTERFACE, NetworkInterfaces.withPublicAddress(primary, address, null, null));
        return instance.withPublicIpAddress(address);
    }

    /** A stopped instance keeps its Elastic IPs but not the address it was given at launch. */
    private static Instance releasePublicAddress(Transaction transaction, Instance instance) {
        for (String id : instance.networkInterfaceIds()) {
            transaction.find(ResourceTypes.NETWORK_INTERFACE, id).filter(eni -> eni.publicIp() != null && eni.allocationId() == null)
                    .ifPresent(eni -> transaction.put(ResourceTypes.NETWORK_INTERFACE, NetworkInterfaces.withPublicAddress(eni, null, null, null)));
        }
        return instance.withPublicIpAddress(null);
    }

    private static void releaseInterfaces(Transaction transaction, Instance instance) {
        for (String id : instance.networkInterfaceIds()) {
            NetworkInterface eni = transaction.find(ResourceTypes.NETWORK_INTERFACE, id).orElse(null);
            if (eni == null) {
                continue;
            }
            for (Address address : List.copyOf(transaction.all(ResourceTypes.ELASTIC_IP))) {
                if (eni.id().equals(address.networkInterfaceId())) {
                    AddressCommands.unmap(transaction, address);
                }
            }
            if (eni.attachment() != null && eni.attachment().deleteOnTermination()) {
                transaction.remove(ResourceTypes.NETWORK_INTERFACE, eni.id());
                WatchingFlowLogs.removeWith(transaction, eni.id());
            } else {
                NetworkInterface current = transaction.get(ResourceTypes.NETWORK_INTERFACE, eni.id());
                transaction.put(ResourceTypes.NETWORK_INTERFACE, NetworkInterfaces.withPublicAddress(current.withAttachment(null), null, null, null));
            }
        }
    }

    /** The subnet named, or the default subnet of the default VPC (in the zone asked for, else the first zone). */
    private static Subnet subnet(Transaction transaction, RunInstances request) {
        if (request.subnetId() != null) {
            Subnet subnet = transaction.get(ResourceTypes.SUBNET, request.subnetId());
            if (request.availabilityZone() != null && !request.availabilityZone().equals(subnet.availabilityZone())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Value (%s) for parameter availabilityZone is invalid. Subnet '%s' is in the availability zone %s",
                        request.availabilityZone(), subnet.id(), subnet.availabilityZone());
            }
            return subnet;
        }
        Vpc defaultVpc = transaction.all(ResourceTypes.VPC).stream().filter(Vpc::isDefault).findFirst()
                .orElseThrow(() -> AwsException.of(ErrorCode.VPC_ID_NOT_SPECIFIED, "No default VPC for this user"));
        return transaction.inVpc(ResourceTypes.SUBNET, defaultVpc.id()).stream()
                .filter(Subnet::defaultForAz)
                .filter(subnet -> request.availabilityZone() == null || subnet.availabilityZone().equals(request.availabilityZone()))
                .min(Comparator.comparing(Subnet::availabilityZone))
                .orElseThrow(() -> AwsException.of(ErrorCode.MISSING_INPUT,
                        "No subnets found for the default VPC '%s'. Please specify a subnet.", defaultVpc.id()));
    }

    /** Groups by ID and by name, each in the subnet's VPC; none means the VPC's default group. */
    private static List<String> groups(Transaction transaction, Subnet subnet, RunInstances request) {
        List<String> ids = new ArrayList<>();
        for (String groupId : request.securityGroupIds()) {
            SecurityGroup group = transaction.get(ResourceTypes.SECURITY_GROUP, groupId);
            if (!group.vpcId().equals(subnet.vpcId())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Security group %s and subnet %s belong to different networks.", group.id(), subnet.id());
            }
            ids.add(group.id());
        }
        for (String name : request.securityGroupNames()) {
            SecurityGroup group = transaction.inVpc(ResourceTypes.SECURITY_GROUP, subnet.vpcId()).stream().filter(g -> g.name().equals(name))
                    .findFirst().orElseThrow(() -> AwsException.of(ErrorCode.INVALID_GROUP_NOT_FOUND,
                            "The security group '%s' does not exist in VPC '%s'", name, subnet.vpcId()));
            ids.add(group.id());
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** The instance profile as an ARN: given as one, or named (then in the caller's account). There is no IAM to check it against. */
    private static String instanceProfileArn(Transaction transaction, RunInstances request) {
        if (request.iamInstanceProfileArn() != null && request.iamInstanceProfileName() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameter 'iamInstanceProfile.name' may not be used in combination with 'iamInstanceProfile.arn'");
        }
        if (request.iamInstanceProfileArn() != null) {
            if (!PROFILE_ARN.matcher(request.iamInstanceProfileArn()).matches()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN",
                        request.iamInstanceProfileArn());
            }
            return request.iamInstanceProfileArn();
        }
        if (request.iamInstanceProfileName() != null) {
            if (!PROFILE_NAME.matcher(request.iamInstanceProfileName()).matches()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name",
                        request.iamInstanceProfileName());
            }
            return "arn:aws:iam::" + transaction.account() + ":instance-profile/" + request.iamInstanceProfileName();
        }
        return null;
    }
}
