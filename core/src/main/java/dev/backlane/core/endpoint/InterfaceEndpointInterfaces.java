package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.NetworkInterfaceCommands.CreateNetworkInterface;
import dev.backlane.core.world.Transaction;
import java.util.List;

/**
 * The network interfaces of interface and Gateway Load Balancer endpoints: one requester-managed
 * interface per subnet ({@code vpc_endpoint}, described as AWS describes it), with an address from the
 * subnet (and an IPv6 address when the endpoint is dual-stack or IPv6) and the endpoint's groups.
 */
final class InterfaceEndpointInterfaces {
    /** The owner AWS shows on the attachment of endpoint network interfaces. */
    private static final String SERVICE_OWNER = "amazon-aws";

    /** The requester AWS shows on endpoint network interfaces. */
    static final String REQUESTER_ID = "727180483921";
    static final String INTERFACE_TYPE = "vpc_endpoint";

    private final NetworkInterfaceCommands interfaces;

    InterfaceEndpointInterfaces(NetworkInterfaceCommands interfaces) {
        this.interfaces = requireNonNull(interfaces, "interfaces is null");
    }

    static String description(String endpointId) {
        return "VPC Endpoint Interface " + endpointId;
    }

    NetworkInterface create(Transaction transaction, String endpointId, String subnetId, List<String> groupIds, String ipAddressType) {
        boolean ipv6 = !"ipv4".equals(ipAddressType);
        NetworkInterface created = interfaces.create(transaction, new CreateNetworkInterface(subnetId, description(endpointId), null, List.of(), 0,
                List.of(), ipv6 ? 1 : 0, groupIds, INTERFACE_TYPE, REQUESTER_ID));
        // AWS shows an endpoint's interface attached to the service, hence in-use, from the start.
        return transaction.put(ResourceTypes.NETWORK_INTERFACE,
                created.withAttachment(NetworkInterfaceAttachment.ofService(transaction.ids().next("ela-attach"), SERVICE_OWNER)));
    }

    void delete(Transaction transaction, String networkInterfaceId) {
        if (transaction.find(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId).isPresent()) {
            interfaces.deleteForService(transaction, networkInterfaceId);
        }
    }

    /** Puts the endpoint's groups on each of its interfaces. */
    static void applyGroups(Transaction transaction, VpcEndpoint endpoint) {
        for (String id : endpoint.networkInterfaceIds()) {
            transaction.find(ResourceTypes.NETWORK_INTERFACE, id)
                    .ifPresent(eni -> transaction.put(ResourceTypes.NETWORK_INTERFACE, eni.withGroupIds(endpoint.groupIds())));
        }
    }
}
