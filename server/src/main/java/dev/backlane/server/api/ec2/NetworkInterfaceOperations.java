package dev.backlane.server.api.ec2;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CreateNetworkInterface, DeleteNetworkInterface, DescribeNetworkInterfaces, the interface attributes
 * and secondary private addresses.
 */
public final class NetworkInterfaceOperations implements OperationFamily {
    private static final FilterSet<NetworkInterface> FILTERS = FilterSet.<NetworkInterface>builder()
            .add("addresses.association.owner-id", (eni, context) -> NetworkInterfaceShapes.ipOwnerId(eni, context.scope()))
            .add("addresses.association.public-ip", NetworkInterface::publicIp)
            .add("addresses.primary", eni -> eni.secondaryPrivateIpAddresses().isEmpty() ? List.of(true) : List.of(true, false))
            .add("addresses.private-ip-address", NetworkInterface::privateIpAddresses)
            .add("association.allocation-id", NetworkInterface::allocationId)
            .add("association.association-id", NetworkInterface::associationId)
            .add("association.ip-owner-id", (eni, context) -> NetworkInterfaceShapes.ipOwnerId(eni, context.scope()))
            .add("association.public-dns-name", (eni, context) -> NetworkInterfaceShapes.publicDnsName(eni, context.scope(), context.state()))
            .add("association.public-ip", NetworkInterface::publicIp)
            .add("attachment.attach-time", attachment(attachment -> NetworkInterfaceShapes.timestamp(attachment.attachTime())))
            .add("attachment.attachment-id", attachment(NetworkInterfaceAttachment::attachmentId))
            .add("attachment.delete-on-termination", attachment(NetworkInterfaceAttachment::deleteOnTermination))
            .add("attachment.device-index", attachment(NetworkInterfaceAttachment::deviceIndex))
            .add("attachment.instance-id", attachment(NetworkInterfaceAttachment::instanceId))
            .add("attachment.instance-owner-id", attachment(NetworkInterfaceAttachment::instanceOwnerId))
            .add("attachment.status", attachment(NetworkInterfaceAttachment::status))
            .add("availability-zone", NetworkInterface::availabilityZone)
            .add("availability-zone-id", NetworkInterface::availabilityZoneId)
            .add("description", NetworkInterface::description)
            .add("group-id", NetworkInterface::groupIds)
            .add("interface-type", NetworkInterface::interfaceType)
            .add("ipv6-addresses.ipv6-address", NetworkInterface::ipv6Addresses)
            .add("mac-address", NetworkInterface::macAddress)
            .add("network-interface-id", NetworkInterface::id)
            // No interface in Backlane is managed by an operator (EKS Auto Mode and the like).
            .add("operator.managed", eni -> false)
            .add("operator.principal", eni -> null)
            .add("owner-id", (eni, context) -> context.scope().account())
            .add("private-dns-name", (eni, context) -> eni.privateDnsName(context.scope().region()))
            .add("private-ip-address", NetworkInterface::privateIpAddresses)
            .add("requester-id", NetworkInterface::requesterId)
            .add("requester-managed", NetworkInterface::requesterManaged)
            .add("source-dest-check", NetworkInterface::sourceDestCheck)
            .add("status", NetworkInterface::status)
            .add("subnet-id", NetworkInterface::subnetId)
            .add("vpc-id", NetworkInterface::vpcId)
            .build();

    private static final List<String> UNHONOURED_ON_CREATE = List.of("Ipv4Prefixes", "Ipv4PrefixCount", "Ipv6Prefixes", "Ipv6PrefixCount",
            "EnablePrimaryIpv6", "ConnectionTrackingSpecification", "Operator");
    private static final List<String> UNHONOURED_ON_MODIFY = List.of("AssociatePublicIpAddress", "AssociatedSubnetIds",
            "ConnectionTrackingSpecification", "EnaSrdSpecification", "EnablePrimaryIpv6");

    private final NetworkInterfaceCommands commands;
    private final Describer<NetworkInterface> describer =
            new Describer<>(ResourceTypes.NETWORK_INTERFACE, "NetworkInterfaceIds", "networkInterfaceIds", FILTERS);

    public NetworkInterfaceOperations(NetworkInterfaceCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateNetworkInterface", this::createNetworkInterface)
                .ec2("DeleteNetworkInterface", this::deleteNetworkInterface)
                .ec2("DescribeNetworkInterfaces", this::describeNetworkInterfaces)
                .ec2("DescribeNetworkInterfaceAttribute", this::describeNetworkInterfaceAttribute)
                .ec2("ModifyNetworkInterfaceAttribute", this::modifyNetworkInterfaceAttribute)
                .ec2("ResetNetworkInterfaceAttribute", this::resetNetworkInterfaceAttribute)
                .ec2("AssignPrivateIpAddresses", this::assignPrivateIpAddresses)
                .ec2("UnassignPrivateIpAddresses", this::unassignPrivateIpAddresses);
    }

    private static Function<NetworkInterface, Object> attachment(Function<NetworkInterfaceAttachment, Object> field) {
        return eni -> eni.attachment() == null ? null : field.apply(eni.attachment());
    }

    private Map<String, Object> createNetworkInterface(Call call) {
        Input input = call.input();
        String subnetId = input.requiredString("SubnetId", "subnetId");
        UnhonouredParameters.refuse(input, UNHONOURED_ON_CREATE);
        String primary = input.string("PrivateIpAddress");
        List<String> secondaries = new ArrayList<>();
        for (Input specification : input.structures("PrivateIpAddresses")) {
            String address = specification.requiredString("PrivateIpAddress", "privateIpAddresses.privateIpAddress");
            if (!specification.bool("Primary", false)) {
                secondaries.add(address);
            } else if (primary == null || primary.equals(address)) {
                primary = address;
            } else {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "Only one primary private IP address may be given: %s and %s are both primary.", primary, address);
            }
        }
        secondaries.remove(primary);
        List<String> ipv6 = input.structures("Ipv6Addresses").stream().map(address -> address.string("Ipv6Address")).toList();
        Integer secondaryCount = input.integer("SecondaryPrivateIpAddressCount");
        Integer ipv6Count = input.integer("Ipv6AddressCount");
        NetworkInterfaceCommands.CreateNetworkInterface request = new NetworkInterfaceCommands.CreateNetworkInterface(subnetId,
                input.string("Description"), primary, secondaries, secondaryCount == null ? 0 : secondaryCount, ipv6,
                ipv6Count == null ? 0 : ipv6Count, input.strings("Groups"), input.string("InterfaceType"), null);
        return call.write(transaction -> {
            NetworkInterface eni = commands.create(transaction, request);
            TagInputs.applySpecifications(transaction, input, eni.id(), ResourceTypes.NETWORK_INTERFACE);
            return Output.create()
                    .put("NetworkInterface", NetworkInterfaceShapes.networkInterface(eni, call.scope(), transaction.state()))
                    .put("ClientToken", input.string("ClientToken"))
                    .build();
        });
    }

    private Map<String, Object> deleteNetworkInterface(Call call) {
        String id = call.input().requiredString("NetworkInterfaceId", "networkInterfaceId");
        return call.run(transaction -> commands.delete(transaction, id));
    }

    private Map<String, Object> describeNetworkInterfaces(Call call) {
        Page<NetworkInterface> page = describer.describe(call);
        ScopeState state = call.read();
        return Output.create()
                .put("NetworkInterfaces", page.items().stream()
                        .map(eni -> NetworkInterfaceShapes.networkInterface(eni, call.scope(), state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> describeNetworkInterfaceAttribute(Call call) {
        Input input = call.input();
        String id = input.requiredString("NetworkInterfaceId", "networkInterfaceId");
        String attribute = input.requiredString("Attribute", "attribute");
        ScopeState state = call.read();
        NetworkInterface eni = state.find(ResourceTypes.NETWORK_INTERFACE, ResourceTypes.NETWORK_INTERFACE.requireWellFormed(id))
                .orElseThrow(() -> ResourceTypes.NETWORK_INTERFACE.notFound(id));
        Output output = Output.create().put("NetworkInterfaceId", eni.id());
        switch (attribute) {
            case "description" -> output.put("Description", Output.of("Value", eni.description()));
            case "groupSet" -> output.put("Groups", NetworkInterfaceShapes.groups(eni, state));
            case "sourceDestCheck" -> output.put("SourceDestCheck", Output.of("Value", eni.sourceDestCheck()));
            case "attachment" -> output.put("Attachment", eni.attachment() == null ? null : NetworkInterfaceShapes.attachment(eni.attachment()));
            case "associatePublicIpAddress" -> output.put("AssociatePublicIpAddress", eni.publicIp() != null && eni.allocationId() == null);
            default -> throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter attribute is invalid. Unknown attribute.",
                    attribute);
        }
        return output.build();
    }

    private Map<String, Object> modifyNetworkInterfaceAttribute(Call call) {
        Input input = call.input();
        String id = input.requiredString("NetworkInterfaceId", "networkInterfaceId");
        UnhonouredParameters.refuse(input, UNHONOURED_ON_MODIFY);
        Input description = input.structure("Description");
        Input sourceDestCheck = input.structure("SourceDestCheck");
        Input attachment = input.structure("Attachment");
        NetworkInterfaceCommands.InterfaceAttributeChange change = new NetworkInterfaceCommands.InterfaceAttributeChange(
                description == null ? null : description.optionalString("Value").orElse(""),
                sourceDestCheck == null ? null : sourceDestCheck.bool("Value", true),
                input.has("Groups") ? input.strings("Groups") : null,
                attachment == null ? null : attachment.string("AttachmentId"),
                attachment == null ? null : attachment.bool("DeleteOnTermination"));
        if (attachment != null) {
            UnhonouredParameters.refuse(attachment, List.of("DefaultEnaQueueCount", "EnaQueueCount"));
        }
        return call.run(transaction -> commands.modifyAttribute(transaction, id, change));
    }

    private Map<String, Object> resetNetworkInterfaceAttribute(Call call) {
        Input input = call.input();
        String id = input.requiredString("NetworkInterfaceId", "networkInterfaceId");
        input.requiredString("SourceDestCheck", "sourceDestCheck");
        return call.run(transaction -> commands.resetSourceDestCheck(transaction, id));
    }

    private Map<String, Object> assignPrivateIpAddresses(Call call) {
        Input input = call.input();
        String id = input.requiredString("NetworkInterfaceId", "networkInterfaceId");
        UnhonouredParameters.refuse(input, List.of("Ipv4Prefixes", "Ipv4PrefixCount"));
        return call.write(transaction -> {
            List<String> assigned = commands.assignPrivateIpAddresses(transaction, id, input.strings("PrivateIpAddresses"),
                    input.integer("SecondaryPrivateIpAddressCount"), input.bool("AllowReassignment", false));
            return Output.create()
                    .put("NetworkInterfaceId", id)
                    .put("AssignedPrivateIpAddresses", assigned.stream().map(address -> Output.of("PrivateIpAddress", address)).toList())
                    .build();
        });
    }

    private Map<String, Object> unassignPrivateIpAddresses(Call call) {
        Input input = call.input();
        String id = input.requiredString("NetworkInterfaceId", "networkInterfaceId");
        UnhonouredParameters.refuse(input, List.of("Ipv4Prefixes"));
        return call.run(transaction -> commands.unassignPrivateIpAddresses(transaction, id, input.strings("PrivateIpAddresses")));
    }
}
