package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.Optional;

/**
 * Elastic IP addresses with EC2's rules: allocation within the {@code elastic-ips-per-region} quota;
 * association with a network interface's private address (the interface's own record shows the public
 * address when it is the primary one); release only while not associated.
 */
public final class AddressCommands {
    private final Quotas quotas;

    public AddressCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    public Address allocate(Transaction transaction) {
        quotas.check("elastic-ips-per-region", transaction.all(ResourceTypes.ELASTIC_IP).size(), ErrorCode.ADDRESS_LIMIT_EXCEEDED,
                "The maximum number of addresses has been reached.");
        Address address = Address.allocated(transaction.newId(ResourceTypes.ELASTIC_IP), PublicAddressPool.allocate(transaction),
                transaction.region());
        return transaction.put(ResourceTypes.ELASTIC_IP, address);
    }

    /** What to associate: the address (by allocation ID or public IP) and the interface or instance to map it to. */
    public record Association(String allocationId, String publicIp, String instanceId, String networkInterfaceId, String privateIpAddress,
            boolean allowReassociation) {}

    /** Associates an address and returns it with its new association ID. */
    public Address associate(Transaction transaction, Association request) {
        Address address = resolve(transaction, request.allocationId(), request.publicIp());
        String networkInterfaceId = request.networkInterfaceId();
        if (request.instanceId() != null) {
            // An instance's address is its primary interface's.
            Instance instance = transaction.get(ResourceTypes.INSTANCE, request.instanceId());
            if (instance.networkInterfaceIds().isEmpty() || !instance.isVisibleAt(transaction.now())) {
                throw AwsException.of(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '%s' is not in a valid state for this operation.", instance.id());
            }
            networkInterfaceId = instance.networkInterfaceIds().get(0);
        }
        if (networkInterfaceId == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Either instance ID or network interface id must be specified");
        }
        NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId);
        String privateIp = request.privateIpAddress() == null ? networkInterface.privateIpAddress() : request.privateIpAddress();
        if (!networkInterface.privateIpAddresses().contains(privateIp)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The specified private IP address %s is not assigned to network interface %s",
                    privateIp, networkInterface.id());
        }
        if (address.isAssociated() && !request.allowReassociation()) {
            throw AwsException.of(ErrorCode.RESOURCE_ALREADY_ASSOCIATED, "resource %s is already associated with associate-id %s",
                    address.id(), address.associationId());
        }
        Optional<Address> occupant = transaction.all(ResourceTypes.ELASTIC_IP).stream()
                .filter(other -> !other.id().equals(address.id()) && other.isAssociated()
                        && networkInterface.id().equals(other.networkInterfaceId()) && privateIp.equals(other.privateIpAddress()))
                .findFirst();
        if (occupant.isPresent()) {
            if (!request.allowReassociation()) {
                throw AwsException.of(ErrorCode.RESOURCE_ALREADY_ASSOCIATED, "resource %s is already associated with associate-id %s",
                        networkInterface.id(), occupant.get().associationId());
            }
            unmap(transaction, occupant.get());
        }
        if (address.isAssociated()) {
            unmap(transaction, address);
        }
        return map(transaction, transaction.get(ResourceTypes.ELASTIC_IP, address.id()), networkInterface.id(), privateIp);
    }

    /** Maps a free address to an interface's private address: the address and, for the primary address, the interface record. */
    static Address map(Transaction transaction, Address address, String networkInterfaceId, String privateIp) {
        Address associated = transaction.put(ResourceTypes.ELASTIC_IP,
                address.associatedWith(transaction.ids().next("eipassoc"), networkInterfaceId, privateIp));
        NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, networkInterfaceId);
        if (networkInterface.privateIpAddress().equals(privateIp)) {
            transaction.put(ResourceTypes.NETWORK_INTERFACE, NetworkInterfaces.withPublicAddress(networkInterface, associated.publicIp(),
                    associated.id(), associated.associationId()));
        }
        return associated;
    }

    /** Undoes {@link #map}; the interface may already be gone. */
    public static Address unmap(Transaction transaction, Address address) {
        transaction.find(ResourceTypes.NETWORK_INTERFACE, address.networkInterfaceId())
                .filter(networkInterface -> address.id().equals(networkInterface.allocationId()))
                .ifPresent(networkInterface -> transaction.put(ResourceTypes.NETWORK_INTERFACE,
                        NetworkInterfaces.withPublicAddress(networkInterface, null, null, null)));
        return transaction.put(ResourceTypes.ELASTIC_IP, address.disassociated());
    }

    public void disassociate(Transaction transaction, String associationId, String publicIp) {
        Address address;
        if (associationId != null) {
            address = transaction.all(ResourceTypes.ELASTIC_IP).stream().filter(candidate -> associationId.equals(candidate.associationId()))
                    .findFirst().orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ASSOCIATION_ID_NOT_FOUND,
                            "The association ID '%s' does not exist", associationId));
        } else if (publicIp != null) {
            address = byPublicIp(transaction, publicIp);
            if (!address.isAssociated()) {
                return;
            }
        } else {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Either public IP or association id must be specified");
        }
        unmap(transaction, address);
    }

    public void release(Transaction transaction, String allocationId, String publicIp) {
        if (allocationId == null) {
            if (publicIp != null) {
                byPublicIp(transaction, publicIp);
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "You must specify an allocation id when releasing a VPC elastic IP address");
            }
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter AllocationId");
        }
        Address address = transaction.get(ResourceTypes.ELASTIC_IP, allocationId);
        if (address.isAssociated()) {
            throw AwsException.of(ErrorCode.INVALID_IP_ADDRESS_IN_USE, "Address %s is in use.", address.publicIp());
        }
        transaction.remove(ResourceTypes.ELASTIC_IP, address.id());
    }

    private static Address resolve(Transaction transaction, String allocationId, String publicIp) {
        if (allocationId != null) {
            return transaction.get(ResourceTypes.ELASTIC_IP, allocationId);
        }
        if (publicIp != null) {
            return byPublicIp(transaction, publicIp);
        }
        throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter AllocationId");
    }

    public static Address byPublicIp(Transaction transaction, String publicIp) {
        return transaction.all(ResourceTypes.ELASTIC_IP).stream().filter(candidate -> candidate.publicIp().equals(publicIp)).findFirst()
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ADDRESS_NOT_FOUND, "Address '%s' not found.", publicIp));
    }
}
