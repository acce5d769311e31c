package dev.backlane.server.api.ec2;

import dev.backlane.core.data.InstanceTypeInfo;
import dev.backlane.core.model.Image;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceState;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instances as the EC2 model's {@code Instance} shape, their state as of the time of the call. The
 * network part (addresses, groups, source/destination checking) is read from the instance's interfaces,
 * which is where commands change it; an imported instance whose interfaces were not imported falls
 * back on what its own record says. A terminated instance shows no network placement, as in EC2.
 */
final class InstanceShapes {
    private static final DateTimeFormatter TRANSITION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);
    private static final char[] PROFILE_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private InstanceShapes() {}

    /** Everything the shape needs that is not in the instance record. */
    record Context(Scope scope, ScopeState state, Instant at, Optional<Image> image, Optional<InstanceTypeInfo> type) {}

    static Map<String, Object> instance(Instance instance, Context context) {
        InstanceState state = instance.state(context.at());
        boolean terminated = state == InstanceState.TERMINATED;
        List<NetworkInterface> interfaces = interfaces(instance, context.state());
        Optional<NetworkInterface> primary = interfaces.stream().findFirst();
        String publicIp = primary.map(NetworkInterface::publicIp).orElse(instance.publicIpAddress());
        String architecture = context.image().map(Image::architecture).or(() -> context.type().map(InstanceTypeInfo::architecture)).orElse(null);
        boolean windows = context.image().map(image -> "windows".equals(image.platform())).orElse(false);
        boolean nitro = context.type().map(type -> type.hypervisor().equals("nitro")).orElse(false);
        Output output = Output.create()
                .put("AmiLaunchIndex", instance.launch() == null ? 0 : instance.launch().amiLaunchIndex())
                .put("ImageId", instance.launch() == null ? null : instance.launch().imageId())
                .put("InstanceId", instance.id())
                .put("InstanceType", instance.instanceType())
                .put("KeyName", instance.launch() == null ? null : instance.launch().keyName())
                .put("LaunchTime", instance.launchTime())
                .put("Monitoring", Output.of("State", "disabled"))
                .put("Placement", Output.create()
                        .put("AvailabilityZone", instance.availabilityZone())
                        .put("AvailabilityZoneId", primary.map(NetworkInterface::availabilityZoneId).orElse(null))
                        .put("GroupName", "")
                        .put("Tenancy", "default")
                        .build())
                .put("Platform", windows ? "windows" : null)
                .put("PrivateDnsName", terminated || instance.privateIpAddress() == null ? ""
                        : NetworkInterface.privateDnsName(instance.privateIpAddress(), context.scope().region()))
                .put("PrivateIpAddress", terminated ? null : instance.privateIpAddress())
                .put("ProductCodes", List.of())
                .put("PublicDnsName", primary.map(eni -> NetworkInterfaceShapes.publicDnsName(eni, context.scope(), context.state())).orElse(""))
                .put("PublicIpAddress", terminated ? null : publicIp)
                .put("State", state(state))
                .put("StateTransitionReason", transitionReason(instance, state))
                .put("SubnetId", terminated ? null : instance.subnetId())
                .put("VpcId", terminated ? null : instance.vpcId())
                .put("Architecture", architecture)
                .put("BlockDeviceMappings", List.of())
                .put("ClientToken", instance.launch() == null || instance.launch().clientToken() == null ? "" : instance.launch().clientToken())
                .put("EbsOptimized", context.type().map(InstanceTypeInfo::ebsOptimizedByDefault).orElse(false))
                .put("EnaSupport", nitro)
                .put("Hypervisor", "xen")
                .put("IamInstanceProfile", instance.iamInstanceProfileArn() == null ? null : Output.create()
                        .put("Arn", instance.iamInstanceProfileArn())
                        .put("Id", instanceProfileId(instance.iamInstanceProfileArn()))
                        .build())
                .put("NetworkInterfaces", interfaces.stream().map(eni -> networkInterface(eni, context)).toList())
                .put("RootDeviceName", context.image().map(Image::rootDeviceName).orElse(null))
                .put("RootDeviceType", "ebs")
                .put("SecurityGroups", terminated ? List.of() : groups(instance, primary, context.state()))
                .put("SourceDestCheck", primary.map(NetworkInterface::sourceDestCheck).orElse(instance.sourceDestCheck()))
                .put("StateReason", stateReason(state))
                .put("Tags", TagShapes.tagSet(context.state(), instance.id()))
                .put("VirtualizationType", context.image().map(Image::virtualizationType).orElse(null))
                .put("CpuOptions", context.type().map(type -> Output.create()
                        .put("CoreCount", type.defaultCores())
                        .put("ThreadsPerCore", type.defaultThreadsPerCore())
                        .build()).orElse(null))
                .put("CapacityReservationSpecification", Output.of("CapacityReservationPreference", "open"))
                .put("HibernationOptions", Output.of("Configured", false))
                .put("MetadataOptions", Output.create()
                        .put("State", "applied")
                        .put("HttpTokens", "optional")
                        .put("HttpPutResponseHopLimit", 1)
                        .put("HttpEndpoint", "enabled")
                        .put("HttpProtocolIpv6", "disabled")
                        .put("InstanceMetadataTags", "disabled")
                        .build())
                .put("EnclaveOptions", Output.of("Enabled", false))
                .put("PlatformDetails", windows ? "Windows" : "Linux/UNIX")
                .put("UsageOperation", windows ? "RunInstances:0002" : "RunInstances")
                .put("UsageOperationUpdateTime", instance.launchTime())
                .put("PrivateDnsNameOptions", Output.create()
                        .put("HostnameType", "ip-name")
                        .put("EnableResourceNameDnsARecord", false)
                        .put("EnableResourceNameDnsAAAARecord", false)
                        .build())
                .put("MaintenanceOptions", Output.create().put("AutoRecovery", "default").put("RebootMigration", "default").build())
                .put("CurrentInstanceBootMode", "legacy-bios");
        return output.build();
    }

    static Map<String, Object> state(InstanceState state) {
        return Output.create().put("Code", state.code()).put("Name", state.awsName()).build();
    }

    /** The instance's interfaces that still exist, by device index, primary first. */
    static List<NetworkInterface> interfaces(Instance instance, ScopeState state) {
        List<NetworkInterface> interfaces = new ArrayList<>();
        for (String id : instance.networkInterfaceIds()) {
            state.find(ResourceTypes.NETWORK_INTERFACE, id).ifPresent(interfaces::add);
        }
        interfaces.sort(Comparator.comparingInt(eni -> eni.attachment() == null ? Integer.MAX_VALUE : eni.attachment().deviceIndex()));
        return interfaces;
    }

    /** The groups of the primary interface (where ModifyInstanceAttribute changes them), with their names. */
    static List<Map<String, Object>> groups(Instance instance, Optional<NetworkInterface> primary, ScopeState state) {
        List<String> groupIds = primary.map(NetworkInterface::groupIds).orElse(instance.securityGroupIds());
        return groupIds.stream()
                .map(groupId -> Output.create()
                        .put("GroupId", groupId)
                        .put("GroupName", state.find(ResourceTypes.SECURITY_GROUP, groupId).map(SecurityGroup::name).orElse(null))
                        .build())
                .toList();
    }

    /**
     * IAM's unique ID for the profile ({@code AIPA} and 17 characters). There is no IAM here, so it is
     * derived from the ARN: the same profile always has the same ID.
     */
    static String instanceProfileId(String arn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("AIPA");
            for (int i = 0; i < 17; i++) {
                id.append(PROFILE_ID_ALPHABET[(digest[i] & 0xff) % PROFILE_ID_ALPHABET.length]);
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> networkInterface(NetworkInterface eni, Context context) {
        Map<String, Object> association = eni.publicIp() == null ? null : Output.create()
                .put("IpOwnerId", NetworkInterfaceShapes.ipOwnerId(eni, context.scope()))
                .put("PublicDnsName", Optional.ofNullable(NetworkInterfaceShapes.publicDnsName(eni, context.scope(), context.state())).orElse(""))
                .put("PublicIp", eni.publicIp())
                .build();
        List<Map<String, Object>> addresses = NetworkInterfaceShapes.privateIpAddresses(eni, context.scope(), association);
        return Output.create()
                .put("Association", association)
                .put("Attachment", eni.attachment() == null ? null : Output.create()
                        .put("AttachTime", eni.attachment().attachTime())
                        .put("AttachmentId", eni.attachment().attachmentId())
                        .put("DeleteOnTermination", eni.attachment().deleteOnTermination())
                        .put("DeviceIndex", eni.attachment().deviceIndex())
                        .put("Status", eni.attachment().status())
                        .put("NetworkCardIndex", 0)
                        .build())
                .put("Description", eni.description())
                .put("Groups", NetworkInterfaceShapes.groups(eni, context.state()))
                .put("Ipv6Addresses", eni.ipv6Addresses().stream().map(address -> Output.of("Ipv6Address", address)).toList())
                .put("MacAddress", eni.macAddress())
                .put("NetworkInterfaceId", eni.id())
                .put("OwnerId", context.scope().account())
                .put("PrivateDnsName", eni.privateDnsName(context.scope().region()))
                .put("PrivateIpAddress", eni.privateIpAddress())
                .put("PrivateIpAddresses", addresses)
                .put("SourceDestCheck", eni.sourceDestCheck())
                .put("Status", eni.status())
                .put("SubnetId", eni.subnetId())
                .put("VpcId", eni.vpcId())
                .put("InterfaceType", eni.interfaceType())
                .build();
    }

    /** EC2's text: empty while running or starting, "User initiated (time)" after a user's stop or termination. */
    private static String transitionReason(Instance instance, InstanceState state) {
        boolean userInitiated = state == InstanceState.STOPPING || state == InstanceState.STOPPED || state.isTerminating();
        if (!userInitiated || instance.stateChangedAt() == null) {
            return "";
        }
        return "User initiated (" + TRANSITION_TIME.format(instance.stateChangedAt()) + ")";
    }

    private static Map<String, Object> stateReason(InstanceState state) {
        return switch (state) {
            case PENDING -> Output.create().put("Code", "pending").put("Message", "pending").build();
            case STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED -> Output.create()
                    .put("Code", "Client.UserInitiatedShutdown")
                    .put("Message", "Client.UserInitiatedShutdown: User initiated shutdown")
                    .build();
            case RUNNING -> null;
        };
    }
}
