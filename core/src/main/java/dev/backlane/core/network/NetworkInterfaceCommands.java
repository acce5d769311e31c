package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.world.Transaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Network interfaces with EC2's rules: addresses from their subnet, security groups of their VPC. Users
 * create them with CreateNetworkInterface; services (NAT gateways, VPC endpoints, load balancers)
 * create requester-managed ones through {@link CreateNetworkInterface#forService} and remove them with
 * {@link #deleteForService}, since the user may not delete them.
 */
public final class NetworkInterfaceCommands {
    private final Quotas quotas;

    public NetworkInterfaceCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /**
     * What a new interface should be. Addresses not named are allocated: {@code secondaryPrivateIpAddressCount}
     * more after the named secondaries, {@code ipv6AddressCount} more after the named IPv6 addresses.
     * With no groups, a user's interface gets the VPC's default group; a service's gets none.
     * {@code requesterId} is null for a user's interface and names the service for a requester-managed one.
     */
    public record CreateNetworkInterface(
            String subnetId,
            String description,
            String privateIpAddress,
            List<String> secondaryPrivateIpAddresses,
            int secondaryPrivateIpAddressCount,
            List<String> ipv6Addresses,
            int ipv6AddressCount,
            List<String> groupIds,
            String interfaceType,
            String requesterId) {

        public CreateNetworkInterface {
            requireNonNull(subnetId, "subnetId is null");
            description = description == null ? "" : description;
            secondaryPrivateIpAddresses = List.copyOf(requireNonNull(secondaryPrivateIpAddresses, "secondaryPrivateIpAddresses is null"));
            ipv6Addresses = List.copyOf(requireNonNull(ipv6Addresses, "ipv6Addresses is null"));
            groupIds = List.copyOf(requireNonNull(groupIds, "groupIds is null"));
            interfaceType = interfaceType == null ? "interface" : interfaceType;
        }

        /** A requester-managed interface for a service: its interface type, description, requester ({@code amazon-elb}, an account) and groups. */
        public static CreateNetworkInterface forService(String subnetId, String interfaceType, String description, String requesterId,
                List<String> groupIds) {
            return new CreateNetworkInterface(subnetId, description, null, List.of(), 0, List.of(), 0, groupIds, interfaceType,
                    requireNonNull(requesterId, "requesterId is null"));
        }

        boolean requesterManaged() {
            return requesterId != null;
        }
    }

    public NetworkInterface create(Transaction transaction, CreateNetworkInterface request) {
        Subnet subnet = transaction.get(ResourceTypes.SUBNET, request.subnetId());
        List<String> groupIds = request.groupIds().isEmpty() && !request.requesterManaged()
                ? List.of(defaultGroup(transaction, subnet.vpcId()).id())
                : checkGroups(transaction, subnet.vpcId(), request.groupIds());
        if (request.secondaryPrivateIpAddressCount() < 0 || request.ipv6AddressCount() < 0) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%d) for parameter %s is invalid. It must not be negative.",
                    Math.min(request.secondaryPrivateIpAddressCount(), request.ipv6AddressCount()),
                    request.secondaryPrivateIpAddressCount() < 0 ? "secondaryPrivateIpAddressCount" : "ipv6AddressCount");
        }
        quotas.check("network-interfaces-per-region", transaction.all(ResourceTypes.NETWORK_INTERFACE).size(),
                ErrorCode.NETWORK_INTERFACE_LIMIT_EXCEEDED, "The maximum number of network interfaces has been reached.");

        // Named addresses first, so that an allocated primary cannot take one of them.
        Set<Long> taken = new HashSet<>();
        String primary = request.privateIpAddress() == null ? null : take(transaction, subnet, request.privateIpAddress(), taken);
        List<String> secondaries = new ArrayList<>();
        for (String requested : request.secondaryPrivateIpAddresses()) {
            secondaries.add(take(transaction, subnet, requested, taken));
        }
        if (primary == null) {
            primary = take(transaction, subnet, null, taken);
        }
        for (int i = 0; i < request.secondaryPrivateIpAddressCount(); i++) {
            secondaries.add(take(transaction, subnet, null, taken));
        }
        Set<BigInteger> takenIpv6 = new HashSet<>();
        List<String> ipv6 = new ArrayList<>();
        for (String requested : request.ipv6Addresses()) {
            ipv6.add(takeIpv6(transaction, subnet, requested, takenIpv6));
        }
        for (int i = 0; i < request.ipv6AddressCount(); i++) {
            ipv6.add(takeIpv6(transaction, subnet, null, takenIpv6));
        }
        NetworkInterface networkInterface = new NetworkInterface(transaction.newId(ResourceTypes.NETWORK_INTERFACE), subnet.id(), subnet.vpcId(),
                subnet.availabilityZone(), subnet.availabilityZoneId(), request.description(), request.interfaceType(), primary, secondaries,
                ipv6, groupIds, true, request.requesterManaged(), request.requesterId(), macAddress(transaction), "available", null, null, null,
                null);
        return transaction.put(ResourceTypes.NETWORK_INTERFACE, networkInterface);
    }

    /** DeleteNetworkInterface by its owner: refused while the interface is attached or managed by a service. */
    public void delete(Transaction transaction, String networkInterfaceId) {
        NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId);
        if (networkInterface.attachment() != null || networkInterface.requesterManaged()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Network interface '%s' is currently in use.", networkInterface.id());
        }
        transaction.remove(ResourceTypes.NETWORK_INTERFACE, networkInterface.id());
        WatchingFlowLogs.removeWith(transaction, networkInterface.id());
    }

    /** Removes an interface a service created, when the service's resource goes. */
    public void deleteForService(Transaction transaction, String networkInterfaceId) {
        transaction.remove(ResourceTypes.NETWORK_INTERFACE, transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId).id());
        WatchingFlowLogs.removeWith(transaction, networkInterfaceId);
    }

    /** One attribute of ModifyNetworkInterfaceAttribute; the others are null. */
    public record InterfaceAttributeChange(String description, Boolean sourceDestCheck, List<String> groupIds, String attachmentId,
            Boolean deleteOnTermination) {

        List<String> given() {
            List<String> names = new ArrayList<>();
            if (description != null) {
                names.add("description");
            }
            if (sourceDestCheck != null) {
                names.add("sourceDestCheck");
            }
            if (groupIds != null && !groupIds.isEmpty()) {
                names.add("groupSet");
            }
            if (attachmentId != null || deleteOnTermination != null) {
                names.add("attachment");
            }
            return names;
        }
    }

    public NetworkInterface modifyAttribute(Transaction transaction, String networkInterfaceId, InterfaceAttributeChange change) {
        NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId);
        List<String> given = change.given();
        if (given.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "No attributes specified.");
        }
        if (given.size() > 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "Fields for multiple attribute types specified: %s",
                    String.join(", ", given));
        }
        NetworkInterface changed;
        if (change.description() != null) {
            changed = networkInterface.withDescription(change.description());
        } else if (change.sourceDestCheck() != null) {
            changed = networkInterface.withSourceDestCheck(change.sourceDestCheck());
        } else if (change.groupIds() != null && !change.groupIds().isEmpty()) {
            changed = networkInterface.withGroupIds(checkGroups(transaction, networkInterface.vpcId(), change.groupIds()));
        } else {
            changed = networkInterface.withAttachment(changedAttachment(networkInterface, change));
        }
        return transaction.put(ResourceTypes.NETWORK_INTERFACE, changed);
    }

    /** ResetNetworkInterfaceAttribute: source/destination checking back on, its default. */
    public NetworkInterface resetSourceDestCheck(Transaction transaction, String networkInterfaceId) {
        NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId);
        return transaction.put(ResourceTypes.NETWORK_INTERFACE, networkInterface.withSourceDestCheck(true));
    }

    /**
     * Adds secondary private addresses, named or a count of new ones; returns those assigned. With
     * {@code allowReassignment} a named address held as a secondary by another interface in the subnet
     * moves to this one.
     */
    public List<String> assignPrivateIpAddresses(Transaction transaction, String networkInterfaceId, List<String> addresses, Integer count,
            boolean allowReassignment) {
        NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId);
        if (addresses.isEmpty() == (count == null)) {
            throw AwsException.of(addresses.isEmpty() ? ErrorCode.MISSING_PARAMETER : ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "Exactly one of 'privateIpAddress' or 'secondaryPrivateIpAddressCount' should be provided.");
        }
        if (count != null && count < 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%d) for parameter secondaryPrivateIpAddressCount is invalid. It must be at least 1.",
                    count);
        }
        Subnet subnet = transaction.get(ResourceTypes.SUBNET, networkInterface.subnetId());
        if (allowReassignment) {
            releaseSecondaries(transaction, networkInterface, new LinkedHashSet<>(addresses));
        }
        Set<Long> taken = new HashSet<>();
        List<String> assigned = new ArrayList<>();
        for (String requested : new LinkedHashSet<>(addresses)) {
            if (networkInterface.privateIpAddresses().contains(requested)) {
                continue;
            }
            assigned.add(take(transaction, subnet, requested, taken));
        }
        for (int i = 0; count != null && i < count; i++) {
            assigned.add(take(transaction, subnet, null, taken));
        }
        List<String> secondaries = new ArrayList<>(networkInterface.secondaryPrivateIpAddresses());
        secondaries.addAll(assigned);
        transaction.put(ResourceTypes.NETWORK_INTERFACE, networkInterface.withSecondaryPrivateIpAddresses(secondaries));
        return assigned;
    }

    public void unassignPrivateIpAddresses(Transaction transaction, String networkInterfaceId, List<String> addresses) {
        NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId);
        if (addresses.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter privateIpAddress");
        }
        for (String address : addresses) {
            if (address.equals(networkInterface.privateIpAddress())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The primary private IP address %s of network interface %s cannot be unassigned.",
                        address, networkInterface.id());
            }
            if (!networkInterface.secondaryPrivateIpAddresses().contains(address)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Some of the specified addresses are not assigned to interface %s",
                        networkInterface.id());
            }
        }
        List<String> remaining = new ArrayList<>(networkInterface.secondaryPrivateIpAddresses());
        remaining.removeAll(addresses);
        transaction.put(ResourceTypes.NETWORK_INTERFACE, networkInterface.withSecondaryPrivateIpAddresses(remaining));
    }

    private static void releaseSecondaries(Transaction transaction, NetworkInterface receiver, Set<String> addresses) {
        for (NetworkInterface other : List.copyOf(transaction.all(ResourceTypes.NETWORK_INTERFACE))) {
            if (other.id().equals(receiver.id()) || !other.subnetId().equals(receiver.subnetId())) {
                continue;
            }
            List<String> kept = new ArrayList<>(other.secondaryPrivateIpAddresses());
            if (kept.removeAll(addresses)) {
                transaction.put(ResourceTypes.NETWORK_INTERFACE, other.withSecondaryPrivateIpAddresses(kept));
            }
        }
    }

    private static NetworkInterfaceAttachment changedAttachment(NetworkInterface networkInterface, InterfaceAttributeChange change) {
        NetworkInterfaceAttachment attachment = networkInterface.attachment();
        if (change.attachmentId() == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter attachment.attachmentId");
        }
        if (attachment == null || !attachment.attachmentId().equals(change.attachmentId())) {
            throw AwsException.of(ErrorCode.INVALID_ATTACHMENT_ID_NOT_FOUND, "The attachment ID '%s' does not exist", change.attachmentId());
        }
        boolean deleteOnTermination = change.deleteOnTermination() == null ? attachment.deleteOnTermination() : change.deleteOnTermination();
        return new NetworkInterfaceAttachment(attachment.attachmentId(), attachment.instanceId(), attachment.instanceOwnerId(),
                attachment.deviceIndex(), attachment.status(), deleteOnTermination, attachment.attachTime());
    }

    private static String take(Transaction transaction, Subnet subnet, String requested, Set<Long> taken) {
        if (requested != null && taken.contains(Ipv4Address.parse(requested).orElse(-1L))) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Address %s is given more than once.", requested);
        }
        String address = SubnetAddresses.allocate(transaction.state(), subnet, requested, taken);
        taken.add(Ipv4Address.parse(address).orElseThrow());
        return address;
    }

    private static String takeIpv6(Transaction transaction, Subnet subnet, String requested, Set<BigInteger> taken) {
        String address = SubnetIpv6Addresses.allocate(transaction.state(), subnet, requested, taken);
        taken.add(SubnetIpv6Addresses.parse(address));
        return address;
    }

    /** The groups, each existing and in the VPC, without repeats, in the order given. */
    private static List<String> checkGroups(Transaction transaction, String vpcId, List<String> groupIds) {
        List<String> checked = new ArrayList<>();
        for (String groupId : new LinkedHashSet<>(groupIds)) {
            SecurityGroup group = transaction.get(ResourceTypes.SECURITY_GROUP, groupId);
            if (!group.vpcId().equals(vpcId)) {
                throw AwsException.of(ErrorCode.INVALID_GROUP_NOT_FOUND, "You have specified two resources that belong to different networks.");
            }
            checked.add(group.id());
        }
        return checked;
    }

    private static SecurityGroup defaultGroup(Transaction transaction, String vpcId) {
        return transaction.all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> group.vpcId().equals(vpcId) && group.isDefault())
                .findFirst().orElseThrow(() -> new IllegalStateException("VPC " + vpcId + " has no default security group"));
    }

    /** A locally administered unicast MAC address ({@code 02:...}), as EC2 gives its interfaces. */
    private static String macAddress(Transaction transaction) {
        String hex = transaction.ids().hex(10);
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < hex.length(); i += 2) {
            mac.append(':').append(hex, i, i + 2);
        }
        return mac.toString();
    }
}
