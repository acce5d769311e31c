package dev.backlane.server.api.ec2;

import dev.backlane.core.compute.ImageCommands;
import dev.backlane.core.compute.InstanceCommands;
import dev.backlane.core.data.InstanceTypeCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Image;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceState;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RunInstances, DescribeInstances, DescribeInstanceStatus, Start/Stop/Terminate/RebootInstances,
 * Describe/ModifyInstanceAttribute, Describe/ModifyInstanceCreditSpecification(s) and GetInstanceUefiData.
 */
public final class InstanceOperations implements OperationFamily {
    /** RunInstances members Backlane does not model; a call that sets one is refused (see {@link UnhonouredParameters}). */
    private static final List<String> UNHONOURED_ON_RUN = List.of("AdditionalInfo", "BlockDeviceMappings", "CapacityReservationSpecification",
            "CpuOptions", "ElasticGpuSpecification", "ElasticInferenceAccelerators", "EnablePrimaryIpv6", "InstanceMarketOptions",
            "Ipv6AddressCount", "Ipv6Addresses", "KernelId", "LaunchTemplate", "LicenseSpecifications", "MaintenanceOptions", "MetadataOptions",
            "NetworkPerformanceOptions", "Operator", "PrivateDnsNameOptions", "RamdiskId", "SecondaryInterfaces");
    private static final List<String> UNHONOURED_ON_INTERFACE = List.of("AssociateCarrierIpAddress", "ConnectionTrackingSpecification",
            "EnaQueueCount", "EnaSrdSpecification", "InterfaceType", "Ipv4PrefixCount", "Ipv4Prefixes", "Ipv6AddressCount", "Ipv6Addresses",
            "Ipv6PrefixCount", "Ipv6Prefixes", "NetworkInterfaceId", "PrimaryIpv6", "PrivateIpAddresses", "SecondaryPrivateIpAddressCount");
    private static final List<String> UNHONOURED_ON_MODIFY = List.of("BlockDeviceMappings", "EbsOptimized", "EnaSupport", "Kernel", "Ramdisk",
            "SriovNetSupport");

    private final InstanceCommands commands;
    private final ImageCommands images;
    private final InstanceTypeCatalog instanceTypes;

    public InstanceOperations(InstanceCommands commands, ImageCommands images, InstanceTypeCatalog instanceTypes) {
        this.commands = commands;
        this.images = images;
        this.instanceTypes = instanceTypes;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("RunInstances", this::run)
                .ec2("DescribeInstances", this::describe)
                .ec2("DescribeInstanceStatus", this::describeStatus)
                .ec2("StartInstances", call -> stateChanges(call, "StartingInstances", commands::start))
                .ec2("StopInstances", call -> stateChanges(call, "StoppingInstances", commands::stop))
                .ec2("TerminateInstances", call -> stateChanges(call, "TerminatingInstances", commands::terminate))
                .ec2("RebootInstances", this::reboot)
                .ec2("DescribeInstanceAttribute", this::describeAttribute)
                .ec2("ModifyInstanceAttribute", this::modifyAttribute)
                .ec2("DescribeInstanceCreditSpecifications", this::describeCreditSpecifications)
                .ec2("ModifyInstanceCreditSpecification", this::modifyCreditSpecification)
                .ec2("GetInstanceUefiData", this::uefiData);
    }

    /** The documented DescribeInstances filters Backlane evaluates; states depend on the time of the describe. */
    static FilterSet<Instance> filters(Instant at) {
        return FilterSet.<Instance>builder()
                .add("availability-zone", Instance::availabilityZone)
                .add("client-token", instance -> instance.launch() == null ? null : instance.launch().clientToken())
                .add("iam-instance-profile.arn", Instance::iamInstanceProfileArn)
                .add("image-id", instance -> instance.launch() == null ? null : instance.launch().imageId())
                .add("instance-id", Instance::id)
                .add("instance-state-code", instance -> instance.state(at).code())
                .add("instance-state-name", instance -> instance.state(at).awsName())
                .add("instance-type", Instance::instanceType)
                .add("instance.group-id", (instance, context) -> groupValues(instance, context.state(), "GroupId"))
                .add("instance.group-name", (instance, context) -> groupValues(instance, context.state(), "GroupName"))
                .add("ip-address", (instance, context) -> primary(instance, context.state()).map(NetworkInterface::publicIp)
                        .orElse(instance.publicIpAddress()))
                .add("key-name", instance -> instance.launch() == null ? null : instance.launch().keyName())
                .add("launch-index", instance -> instance.launch() == null ? null : instance.launch().amiLaunchIndex())
                .add("network-interface.network-interface-id", Instance::networkInterfaceIds)
                .add("owner-id", (instance, context) -> context.scope().account())
                .add("private-dns-name", (instance, context) -> instance.privateIpAddress() == null ? null
                        : NetworkInterface.privateDnsName(instance.privateIpAddress(), context.scope().region()))
                .add("private-ip-address", Instance::privateIpAddress)
                .add("reservation-id", instance -> instance.launch() == null ? null : instance.launch().reservationId())
                .add("source-dest-check", (instance, context) -> primary(instance, context.state()).map(NetworkInterface::sourceDestCheck)
                        .orElse(instance.sourceDestCheck()))
                .add("subnet-id", Instance::subnetId)
                .add("tenancy", instance -> "default")
                .add("vpc-id", Instance::vpcId)
                .build();
    }

    private static List<Object> groupValues(Instance instance, ScopeState state, String member) {
        return InstanceShapes.groups(instance, primary(instance, state), state).stream().map(group -> group.get(member)).toList();
    }

    private static Optional<NetworkInterface> primary(Instance instance, ScopeState state) {
        return InstanceShapes.interfaces(instance, state).stream().findFirst();
    }

    private Map<String, Object> run(Call call) {
        Input input = call.input();
        UnhonouredParameters.refuse(input, UNHONOURED_ON_RUN);
        Input monitoring = input.structure("Monitoring");
        if (monitoring != null && monitoring.bool("Enabled", false)) {
            throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "The parameter Monitoring.Enabled is not supported by Backlane.");
        }
        Input hibernation = input.structure("HibernationOptions");
        if (hibernation != null && hibernation.bool("Configured", false)) {
            throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "The parameter HibernationOptions.Configured is not supported by Backlane.");
        }
        Input enclave = input.structure("EnclaveOptions");
        if (enclave != null && enclave.bool("Enabled", false)) {
            throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "The parameter EnclaveOptions.Enabled is not supported by Backlane.");
        }
        if (input.bool("EbsOptimized", false)) {
            throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "The parameter EbsOptimized is not supported by Backlane.");
        }
        Integer minCount = input.integer("MinCount");
        Integer maxCount = input.integer("MaxCount");
        if (minCount == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter MinCount");
        }
        if (maxCount == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter MaxCount");
        }
        Input placement = input.structure("Placement");
        Input credits = input.structure("CreditSpecification");
        String zone = placement == null ? null : placement.string("AvailabilityZone");
        Input profile = input.structure("IamInstanceProfile");
        PrimaryInterface primary = PrimaryInterface.of(input);
        InstanceCommands.RunInstances request = new InstanceCommands.RunInstances(input.string("ImageId"), input.string("InstanceType"), minCount,
                maxCount, primary.subnetId(), zone == null || zone.isEmpty() ? null : zone, primary.groupIds(),
                input.strings("SecurityGroups"), primary.privateIpAddress(), primary.associatePublicIpAddress(),
                profile == null ? null : profile.string("Arn"), profile == null ? null : profile.string("Name"), input.string("KeyName"),
                input.string("UserData"), input.bool("DisableApiTermination", false), input.bool("DisableApiStop", false),
                input.string("InstanceInitiatedShutdownBehavior"), primary.description(), primary.deleteOnTermination(),
                credits == null ? null : credits.requiredString("CpuCredits", "CreditSpecification.CpuCredits"), input.string("ClientToken"));
        return call.write(transaction -> {
            InstanceCommands.Reservation reservation = commands.run(transaction, request);
            for (Instance instance : reservation.instances()) {
                Map<String, String> created = new LinkedHashMap<>();
                created.put("instance", instance.id());
                created.put("network-interface", instance.networkInterfaceIds().get(0));
                TagInputs.applySpecifications(transaction, input, created, "instance");
            }
            Instant at = transaction.now();
            return Output.create()
                    .put("Groups", List.of())
                    .put("Instances", reservation.instances().stream()
                            .map(instance -> InstanceShapes.instance(instance, context(call, transaction.state(), at, instance))).toList())
                    .put("OwnerId", call.scope().account())
                    .put("ReservationId", reservation.reservationId())
                    .build();
        });
    }

    /**
     * The primary interface as RunInstances may give it: at the top level (SubnetId, SecurityGroupIds,
     * PrivateIpAddress) or as {@code NetworkInterface.0}, but not both, as EC2 insists.
     */
    private record PrimaryInterface(String subnetId, List<String> groupIds, String privateIpAddress, Boolean associatePublicIpAddress,
            String description, boolean deleteOnTermination) {

        static PrimaryInterface of(Input input) {
            List<Input> specifications = input.structures("NetworkInterfaces");
            if (specifications.isEmpty()) {
                return new PrimaryInterface(input.string("SubnetId"), input.strings("SecurityGroupIds"), input.string("PrivateIpAddress"), null, null,
                        true);
            }
            if (specifications.size() > 1) {
                throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "Backlane launches instances with one network interface (device index 0).");
            }
            Input specification = specifications.get(0);
            UnhonouredParameters.refuse(specification, UNHONOURED_ON_INTERFACE);
            Integer deviceIndex = specification.integer("DeviceIndex");
            if (deviceIndex == null || deviceIndex != 0) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Each network interface requires a device index. The primary one is device index 0.");
            }
            if (input.string("SubnetId") != null) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "Network interfaces and an instance-level subnet ID may not be specified on the same request");
            }
            if (!input.strings("SecurityGroupIds").isEmpty() || !input.strings("SecurityGroups").isEmpty()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "Network interfaces and an instance-level security groups may not be specified on the same request");
            }
            if (input.string("PrivateIpAddress") != null) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "Network interfaces and an instance-level private IP address should not be specified on the same request");
            }
            return new PrimaryInterface(specification.string("SubnetId"), specification.strings("Groups"), specification.string("PrivateIpAddress"),
                    specification.bool("AssociatePublicIpAddress"), specification.string("Description"),
                    specification.bool("DeleteOnTermination", true));
        }
    }

    private InstanceShapes.Context context(Call call, ScopeState state, Instant at, Instance instance) {
        Optional<Image> image = instance.launch() == null ? Optional.empty() : images.find(state, instance.launch().imageId());
        return new InstanceShapes.Context(call.scope(), state, at, image, instanceTypes.find(instance.instanceType()));
    }

    private Map<String, Object> describe(Call call) {
        Instant at = call.now();
        Page<Instance> page = new Describer<>(ResourceTypes.INSTANCE, "InstanceIds", "instancesSet", filters(at))
                .describe(call, instance -> instance.isVisibleAt(at));
        ScopeState state = call.read();
        Map<String, List<Map<String, Object>>> byReservation = new LinkedHashMap<>();
        for (Instance instance : page.items()) {
            String reservationId = instance.launch() == null ? "r-" + instance.id().substring(2) : instance.launch().reservationId();
            byReservation.computeIfAbsent(reservationId, ignored -> new ArrayList<>()).add(InstanceShapes.instance(instance, context(call, state, at, instance)));
        }
        List<Map<String, Object>> reservations = new ArrayList<>();
        byReservation.forEach((reservationId, instances) -> reservations.add(Output.create()
                .put("Groups", List.of())
                .put("Instances", instances)
                .put("OwnerId", call.scope().account())
                .put("ReservationId", reservationId)
                .build()));
        return Output.create().put("Reservations", reservations).put("NextToken", page.nextToken()).build();
    }

    /** Instance and system status checks: {@code initializing} while the instance starts, then {@code ok}; only running ones unless all are asked for. */
    private Map<String, Object> describeStatus(Call call) {
        Instant at = call.now();
        boolean all = call.input().bool("IncludeAllInstances", false);
        FilterSet<Instance> filters = FilterSet.<Instance>builder()
                .add("availability-zone", Instance::availabilityZone)
                .add("instance-state-code", instance -> instance.state(at).code())
                .add("instance-state-name", instance -> instance.state(at).awsName())
                .add("instance-status.status", instance -> checkStatus(instance.state(at)))
                .add("system-status.status", instance -> checkStatus(instance.state(at)))
                .build();
        Page<Instance> page = new Describer<>(ResourceTypes.INSTANCE, "InstanceIds", "instancesSet", filters).describe(call, instance -> instance.isVisibleAt(at));
        ScopeState state = call.read();
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (Instance instance : page.items()) {
            InstanceState current = instance.state(at);
            if (!all && current != InstanceState.RUNNING) {
                continue;
            }
            statuses.add(Output.create()
                    .put("AvailabilityZone", instance.availabilityZone())
                    .put("AvailabilityZoneId", primary(instance, state).map(NetworkInterface::availabilityZoneId).orElse(null))
                    .put("Events", List.of())
                    .put("InstanceId", instance.id())
                    .put("InstanceState", InstanceShapes.state(current))
                    .put("InstanceStatus", statusSummary(current, "reachability"))
                    .put("SystemStatus", statusSummary(current, "reachability"))
                    .build());
        }
        return Output.create().put("InstanceStatuses", statuses).put("NextToken", page.nextToken()).build();
    }

    private static String checkStatus(InstanceState state) {
        return switch (state) {
            case RUNNING -> "ok";
            case PENDING -> "initializing";
            case STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED -> "not-applicable";
        };
    }

    private static Map<String, Object> statusSummary(InstanceState state, String check) {
        String status = checkStatus(state);
        return Output.create()
                .put("Details", status.equals("not-applicable") ? null
                        : List.of(Output.create().put("Name", check).put("Status", status.equals("ok") ? "passed" : "initializing").build()))
                .put("Status", status)
                .build();
    }

    private interface StateCommand {
        List<InstanceCommands.StateChange> apply(Transaction transaction, List<String> instanceIds);
    }

    private Map<String, Object> stateChanges(Call call, String member, StateCommand command) {
        List<String> ids = call.input().strings("InstanceIds");
        return call.write(transaction -> Output.of(member, command.apply(transaction, ids).stream()
                .map(change -> Output.create()
                        .put("CurrentState", InstanceShapes.state(change.current()))
                        .put("InstanceId", change.instanceId())
                        .put("PreviousState", InstanceShapes.state(change.previous()))
                        .build())
                .toList()));
    }

    private Map<String, Object> reboot(Call call) {
        List<String> ids = call.input().strings("InstanceIds");
        return call.run(transaction -> commands.reboot(transaction, ids));
    }

    private Map<String, Object> describeAttribute(Call call) {
        Input input = call.input();
        String instanceId = input.requiredString("InstanceId", "InstanceId");
        String attribute = input.requiredString("Attribute", "Attribute");
        ScopeState state = call.read();
        Instant at = call.now();
        ResourceTypes.INSTANCE.requireWellFormed(instanceId);
        Instance instance = state.find(ResourceTypes.INSTANCE, instanceId).filter(found -> found.isVisibleAt(at))
                .orElseThrow(() -> ResourceTypes.INSTANCE.notFound(instanceId));
        InstanceShapes.Context context = context(call, state, at, instance);
        Optional<NetworkInterface> primary = primary(instance, state);
        Output output = Output.create().put("InstanceId", instance.id());
        switch (attribute) {
            case "instanceType" -> output.put("InstanceType", Output.of("Value", instance.instanceType()));
            case "kernel" -> output.put("KernelId", Output.empty());
            case "ramdisk" -> output.put("RamdiskId", Output.empty());
            case "userData" -> output.put("UserData", Output.of("Value", instance.attributes().userData()));
            case "disableApiTermination" -> output.put("DisableApiTermination", Output.of("Value", instance.attributes().disableApiTermination()));
            case "disableApiStop" -> output.put("DisableApiStop", Output.of("Value", instance.attributes().disableApiStop()));
            case "instanceInitiatedShutdownBehavior" -> output.put("InstanceInitiatedShutdownBehavior",
                    Output.of("Value", instance.attributes().shutdownBehavior()));
            case "rootDeviceName" -> output.put("RootDeviceName", Output.of("Value", context.image().map(Image::rootDeviceName).orElse(null)));
            case "blockDeviceMapping" -> output.put("BlockDeviceMappings", List.of());
            case "productCodes" -> output.put("ProductCodes", List.of());
            case "sourceDestCheck" -> output.put("SourceDestCheck",
                    Output.of("Value", primary.map(NetworkInterface::sourceDestCheck).orElse(instance.sourceDestCheck())));
            case "groupSet" -> output.put("Groups", InstanceShapes.groups(instance, primary, state));
            case "ebsOptimized" -> output.put("EbsOptimized", Output.of("Value", false));
            case "sriovNetSupport" -> output.put("SriovNetSupport", Output.empty());
            case "enaSupport" -> output.put("EnaSupport", Output.of("Value", context.type().map(type -> type.hypervisor().equals("nitro")).orElse(false)));
            case "enclaveOptions" -> output.put("EnclaveOptions", Output.of("Enabled", false));
            default -> throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter attribute is invalid. Unknown attribute.", attribute);
        }
        return output.build();
    }

    private Map<String, Object> modifyAttribute(Call call) {
        Input input = call.input();
        String instanceId = input.requiredString("InstanceId", "InstanceId");
        UnhonouredParameters.refuse(input, UNHONOURED_ON_MODIFY);
        InstanceCommands.AttributeChange change = attributeChange(input);
        return call.run(transaction -> commands.modifyAttribute(transaction, instanceId, change));
    }

    /** The change, from the attribute's own member or from the older {@code Attribute} and {@code Value} pair. */
    private static InstanceCommands.AttributeChange attributeChange(Input input) {
        String attribute = input.string("Attribute");
        String value = input.string("Value");
        if (attribute != null) {
            if (value == null) {
                throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter value");
            }
            return switch (attribute) {
                case "instanceType" -> new InstanceCommands.AttributeChange(value, null, null, null, null, null, null);
                case "userData" -> new InstanceCommands.AttributeChange(null, null, null, value, null, null, null);
                case "disableApiTermination" -> new InstanceCommands.AttributeChange(null, null, null, null, Boolean.parseBoolean(value), null, null);
                case "disableApiStop" -> new InstanceCommands.AttributeChange(null, null, null, null, null, Boolean.parseBoolean(value), null);
                case "sourceDestCheck" -> new InstanceCommands.AttributeChange(null, null, Boolean.parseBoolean(value), null, null, null, null);
                case "instanceInitiatedShutdownBehavior" -> new InstanceCommands.AttributeChange(null, null, null, null, null, null, value);
                default -> throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "The attribute %s cannot be modified through Backlane.", attribute);
            };
        }
        Input userData = input.structure("UserData");
        String userDataValue = null;
        if (userData != null) {
            Object raw = userData.values().get("Value");
            userDataValue = raw instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : raw == null ? "" : raw.toString();
        }
        return new InstanceCommands.AttributeChange(
                value(input, "InstanceType"),
                input.has("Groups") ? input.strings("Groups") : null,
                flag(input, "SourceDestCheck"),
                userDataValue,
                flag(input, "DisableApiTermination"),
                flag(input, "DisableApiStop"),
                value(input, "InstanceInitiatedShutdownBehavior"));
    }

    private static String value(Input input, String member) {
        Input structure = input.structure(member);
        return structure == null ? null : structure.string("Value");
    }

    private static Boolean flag(Input input, String member) {
        Input structure = input.structure(member);
        return structure == null ? null : structure.bool("Value");
    }

    private Map<String, Object> modifyCreditSpecification(Call call) {
        List<Map.Entry<String, String>> requests = new ArrayList<>();
        for (Input item : call.input().structures("InstanceCreditSpecifications")) {
            requests.add(Map.entry(item.requiredString("InstanceId", "InstanceCreditSpecification.InstanceId"),
                    item.optionalString("CpuCredits").orElse("")));
        }
        return call.write(transaction -> {
            List<InstanceCommands.CreditChange> outcomes = commands.modifyCreditSpecifications(transaction, requests);
            return Output.create()
                    .put("SuccessfulInstanceCreditSpecifications", outcomes.stream().filter(InstanceCommands.CreditChange::succeeded)
                            .map(outcome -> Output.of("InstanceId", outcome.instanceId())).toList())
                    .put("UnsuccessfulInstanceCreditSpecifications", outcomes.stream().filter(outcome -> !outcome.succeeded())
                            .map(outcome -> Output.create()
                                    .put("InstanceId", outcome.instanceId())
                                    .put("Error", Output.create().put("Code", outcome.errorCode()).put("Message", outcome.message()).build())
                                    .build())
                            .toList())
                    .build();
        });
    }

    /**
     * No instance or image here boots with UEFI (they report {@code legacy-bios}), so there is no UEFI
     * data to give. Terraform's {@code aws_ami} data source asks with the image's ID, which EC2 accepts.
     */
    private Map<String, Object> uefiData(Call call) {
        String id = call.input().requiredString("InstanceId", "InstanceId");
        ScopeState state = call.read();
        Instant at = call.now();
        if (ResourceTypes.IMAGE.isWellFormed(id)) {
            images.find(state, id).orElseThrow(() -> ResourceTypes.IMAGE.notFound(id));
        } else {
            ResourceTypes.INSTANCE.requireWellFormed(id);
            state.find(ResourceTypes.INSTANCE, id).filter(instance -> instance.isVisibleAt(at)).orElseThrow(() -> ResourceTypes.INSTANCE.notFound(id));
        }
        return Output.of("InstanceId", id);
    }

    /** How burstable (T-family) instances earn CPU credits; other instances are not listed. */
    private Map<String, Object> describeCreditSpecifications(Call call) {
        Instant at = call.now();
        FilterSet<Instance> filters = FilterSet.<Instance>builder().add("instance-id", Instance::id).build();
        Page<Instance> page = new Describer<>(ResourceTypes.INSTANCE, "InstanceIds", "instancesSet", filters)
                .describe(call, instance -> instance.isVisibleAt(at));
        List<Map<String, Object>> specifications = new ArrayList<>();
        for (Instance instance : page.items()) {
            if (!instanceTypes.find(instance.instanceType()).map(type -> type.burstablePerformanceSupported()).orElse(false)) {
                continue;
            }
            specifications.add(Output.create()
                    .put("InstanceId", instance.id())
                    .put("CpuCredits", instance.attributes().cpuCredits())
                    .build());
        }
        return Output.create().put("InstanceCreditSpecifications", specifications).put("NextToken", page.nextToken()).build();
    }
}
