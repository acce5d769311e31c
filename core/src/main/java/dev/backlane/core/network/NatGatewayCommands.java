package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.ConnectivityType;
import dev.backlane.core.model.Lifecycle;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NatGatewayAddress;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * NAT gateways with EC2's rules. Creating one takes an address in the subnet through a
 * requester-managed network interface and, for a public gateway, maps a free Elastic IP to it, all in
 * one transaction; deleting one releases the interface and unmaps the address at once (AWS does so
 * while the gateway is {@code deleting}).
 */
public final class NatGatewayCommands {
    static final String REQUESTER_ID = "amazon-nat-gateway";

    private final Quotas quotas;

    public NatGatewayCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** The parameters of CreateNatGateway that Backlane honours. */
    public record CreateNatGateway(String subnetId, ConnectivityType connectivityType, String allocationId, String privateIpAddress) {}

    public NatGateway create(Transaction transaction, CreateNatGateway request) {
        if (request.subnetId() == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter SubnetId");
        }
        ConnectivityType connectivity = request.connectivityType() == null ? ConnectivityType.PUBLIC : request.connectivityType();
        Subnet subnet = transaction.get(ResourceTypes.SUBNET, request.subnetId());
        Address address = switch (connectivity) {
            case PUBLIC -> freeAddress(transaction, request.allocationId());
            case PRIVATE -> {
                if (request.allocationId() != null) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                            "AllocationId cannot be specified for a NAT gateway with ConnectivityType private");
                }
                yield null;
            }
        };
        long inZone = transaction.all(ResourceTypes.NAT_GATEWAY).stream()
                .filter(gateway -> !gateway.isDeleted() && gateway.availabilityZone().equals(subnet.availabilityZone())).count();
        quotas.check("nat-gateways-per-az", inZone, ErrorCode.NAT_GATEWAY_LIMIT_EXCEEDED, "The maximum number of NAT Gateways has been reached.");

        String id = transaction.newId(ResourceTypes.NAT_GATEWAY);
        String privateIp = SubnetAddresses.allocate(transaction.state(), subnet, request.privateIpAddress(), Set.of());
        NetworkInterface networkInterface = new NetworkInterface(transaction.newId(ResourceTypes.NETWORK_INTERFACE), subnet.id(), subnet.vpcId(),
                subnet.availabilityZone(), subnet.availabilityZoneId(), "Interface for NAT Gateway " + id, "nat_gateway", privateIp, List.of(),
                List.of(), List.of(), false, true, REQUESTER_ID, macAddress(transaction), "in-use",
                NetworkInterfaceAttachment.ofService(transaction.ids().next("ela-attach"), "amazon-aws"),
                null, null, null);
        transaction.put(ResourceTypes.NETWORK_INTERFACE, networkInterface);
        NatGatewayAddress gatewayAddress;
        if (address == null) {
            gatewayAddress = new NatGatewayAddress(networkInterface.id(), privateIp, null, null, null, true);
        } else {
            Address mapped = AddressCommands.map(transaction, address, networkInterface.id(), privateIp);
            gatewayAddress = new NatGatewayAddress(networkInterface.id(), privateIp, mapped.id(), mapped.publicIp(), mapped.associationId(), true);
        }
        return transaction.put(ResourceTypes.NAT_GATEWAY, new NatGateway(id, subnet.id(), subnet.vpcId(), subnet.availabilityZone(), connectivity,
                List.of(gatewayAddress), transaction.now(), null, Lifecycle.readyAt(transaction.endOf(Transition.NAT_GATEWAY_PENDING))));
    }

    /** Deletes the gateway: it shows {@code deleting}, then {@code deleted}; deleting it again changes nothing. */
    public NatGateway delete(Transaction transaction, String natGatewayId) {
        NatGateway gateway = find(transaction, natGatewayId);
        if (gateway.isDeleted()) {
            return gateway;
        }
        for (NatGatewayAddress gatewayAddress : gateway.addresses()) {
            if (gatewayAddress.allocationId() != null) {
                transaction.find(ResourceTypes.ELASTIC_IP, gatewayAddress.allocationId())
                        .filter(address -> gatewayAddress.associationId().equals(address.associationId()))
                        .ifPresent(address -> AddressCommands.unmap(transaction, address));
            }
            if (transaction.find(ResourceTypes.NETWORK_INTERFACE, gatewayAddress.networkInterfaceId()).isPresent()) {
                transaction.remove(ResourceTypes.NETWORK_INTERFACE, gatewayAddress.networkInterfaceId());
                WatchingFlowLogs.removeWith(transaction, gatewayAddress.networkInterfaceId());
            }
        }
        Instant deleted = transaction.endOf(Transition.NAT_GATEWAY_DELETING);
        return transaction.put(ResourceTypes.NAT_GATEWAY, gateway.deletedAt(transaction.now(), deleted,
                transaction.transitions().end(Transition.NAT_GATEWAY_RETENTION, deleted)));
    }

    /** The gateway as a describe or delete sees it: deleted gateways vanish once their retention has passed. */
    public static NatGateway find(Transaction transaction, String natGatewayId) {
        ResourceTypes.NAT_GATEWAY.requireWellFormed(natGatewayId);
        return transaction.find(ResourceTypes.NAT_GATEWAY, natGatewayId)
                .filter(gateway -> gateway.isVisibleAt(transaction.now()))
                .orElseThrow(() -> ResourceTypes.NAT_GATEWAY.notFound(natGatewayId));
    }

    private static Address freeAddress(Transaction transaction, String allocationId) {
        if (allocationId == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter AllocationId");
        }
        Address address = transaction.get(ResourceTypes.ELASTIC_IP, allocationId);
        if (address.isAssociated()) {
            throw AwsException.of(ErrorCode.RESOURCE_ALREADY_ASSOCIATED, "Elastic IP address [%s] is already associated", address.id());
        }
        return address;
    }

    private static String macAddress(Transaction transaction) {
        String hex = transaction.ids().hex(10);
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < hex.length(); i += 2) {
            mac.append(':').append(hex, i, i + 2);
        }
        return mac.toString();
    }
}
