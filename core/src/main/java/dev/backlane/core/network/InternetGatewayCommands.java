package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.Transaction;

/**
 * Internet gateways with EC2's rules: a gateway attaches to one VPC and a VPC has one gateway; a
 * gateway is deleted only when detached, and detached only when no Elastic IP is mapped in the VPC.
 */
public final class InternetGatewayCommands {
    private final Quotas quotas;

    public InternetGatewayCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    public InternetGateway create(Transaction transaction) {
        quotas.check("internet-gateways-per-region", transaction.all(ResourceTypes.INTERNET_GATEWAY).size(),
                ErrorCode.INTERNET_GATEWAY_LIMIT_EXCEEDED, "The maximum number of internet gateways has been reached.");
        return transaction.put(ResourceTypes.INTERNET_GATEWAY, new InternetGateway(transaction.newId(ResourceTypes.INTERNET_GATEWAY), null));
    }

    public void attach(Transaction transaction, String gatewayId, String vpcId) {
        InternetGateway gateway = transaction.get(ResourceTypes.INTERNET_GATEWAY, gatewayId);
        Vpc vpc = transaction.get(ResourceTypes.VPC, vpcId);
        if (gateway.attachedVpcId() != null) {
            throw AwsException.of(ErrorCode.RESOURCE_ALREADY_ASSOCIATED, "resource %s is already attached to network %s", gateway.id(),
                    gateway.attachedVpcId());
        }
        boolean vpcHasGateway = transaction.all(ResourceTypes.INTERNET_GATEWAY).stream()
                .anyMatch(other -> vpc.id().equals(other.attachedVpcId()));
        if (vpcHasGateway) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Network %s already has an internet gateway attached", vpc.id());
        }
        transaction.put(ResourceTypes.INTERNET_GATEWAY, gateway.withAttachedVpc(vpc.id()));
    }

    public void detach(Transaction transaction, String gatewayId, String vpcId) {
        InternetGateway gateway = transaction.get(ResourceTypes.INTERNET_GATEWAY, gatewayId);
        Vpc vpc = transaction.get(ResourceTypes.VPC, vpcId);
        if (!vpc.id().equals(gateway.attachedVpcId())) {
            throw AwsException.of(ErrorCode.GATEWAY_NOT_ATTACHED, "resource %s is not attached to network %s", gateway.id(), vpc.id());
        }
        for (Address address : transaction.all(ResourceTypes.ELASTIC_IP)) {
            if (!address.isAssociated()) {
                continue;
            }
            NetworkInterface networkInterface = transaction.find(ResourceTypes.NETWORK_INTERFACE, address.networkInterfaceId()).orElse(null);
            if (networkInterface != null && networkInterface.vpcId().equals(vpc.id())) {
                throw AwsException.of(ErrorCode.DEPENDENCY_VIOLATION,
                        "Network %s has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.",
                        vpc.id());
            }
        }
        transaction.put(ResourceTypes.INTERNET_GATEWAY, gateway.withAttachedVpc(null));
    }

    public void delete(Transaction transaction, String gatewayId) {
        InternetGateway gateway = transaction.get(ResourceTypes.INTERNET_GATEWAY, gatewayId);
        if (gateway.attachedVpcId() != null) {
            throw AwsException.of(ErrorCode.DEPENDENCY_VIOLATION, "The internetGateway '%s' has dependencies and cannot be deleted.", gateway.id());
        }
        transaction.remove(ResourceTypes.INTERNET_GATEWAY, gateway.id());
    }
}
