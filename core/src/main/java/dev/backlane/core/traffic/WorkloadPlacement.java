package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.NetworkInterfaceCommands.CreateNetworkInterface;
import dev.backlane.core.world.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Places workloads in the network, as commands on one scope: on an instance (its primary network interface), or
 * ad hoc in a subnet, where a network interface of its own is created through EC2's CreateNetworkInterface rules
 * (addresses from the subnet, groups of its VPC, the VPC's default group when none is named), so the path engine
 * sees an ordinary {@code eni-} source. The ad-hoc interface goes when the workload does.
 *
 * <p>The principal defaults to the account root: the world records an instance's instance profile ARN but not the
 * role inside it, and calls are made as that role, which only the user can name ({@code principalArn}).
 */
public final class WorkloadPlacement {
    /** The prefix of workload IDs: {@code wl-} and 17 hex digits, like EC2's. */
    public static final String ID_PREFIX = "wl";

    // The principals IAM evaluates a call as: a user, a role, a role's session, or the account itself.
    private static final Pattern PRINCIPAL = Pattern.compile(
            "arn:aws[a-z-]*:(iam::\\d{12}:(root|user/[\\w+=,.@/-]+|role/[\\w+=,.@/-]+)|sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+)");

    private final NetworkInterfaceCommands interfaces;

    public WorkloadPlacement(NetworkInterfaceCommands interfaces) {
        this.interfaces = requireNonNull(interfaces, "interfaces is null");
    }

    /**
     * What a caller asks for: an instance, or a subnet with optional security groups and private address; and
     * optionally the principal its calls are made as.
     */
    public record Request(Optional<String> instanceId, Optional<String> subnetId, List<String> securityGroupIds, Optional<String> privateIpAddress,
            Optional<String> principalArn) {
        public Request {
            requireNonNull(instanceId, "instanceId is null");
            requireNonNull(subnetId, "subnetId is null");
            securityGroupIds = List.copyOf(requireNonNull(securityGroupIds, "securityGroupIds is null"));
            requireNonNull(privateIpAddress, "privateIpAddress is null");
            requireNonNull(principalArn, "principalArn is null");
        }
    }

    /** The workload a request asks for, on its instance or ad hoc; refuses an instance together with a subnet, groups or an address. */
    public Workload place(Transaction transaction, Request request) {
        if (request.instanceId().isPresent()) {
            if (request.subnetId().isPresent() || !request.securityGroupIds().isEmpty() || request.privateIpAddress().isPresent()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "The parameter instanceId cannot be used with the parameters subnetId, securityGroupIds or privateIpAddress: "
                                + "an instance's workload uses the instance's primary network interface.");
            }
            return onInstance(transaction, request.instanceId().get(), request.principalArn());
        }
        if (request.subnetId().isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter instanceId or subnetId");
        }
        return adHoc(transaction, request.subnetId().get(), request.securityGroupIds(), request.privateIpAddress(), request.principalArn());
    }

    /** A workload on an instance of the transaction's scope: its calls leave from the instance's primary interface. */
    public Workload onInstance(Transaction transaction, String instanceId, Optional<String> principalArn) {
        Instance instance = transaction.get(ResourceTypes.INSTANCE, instanceId);
        if (instance.networkInterfaceIds().isEmpty() || !instance.isVisibleAt(transaction.now())) {
            throw AwsException.of(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '%s' has no network interface.", instance.id());
        }
        String principal = principal(transaction, principalArn);
        return new Workload(transaction.ids().next(ID_PREFIX), transaction.scope(), instance.networkInterfaceIds().get(0),
                Optional.of(instance.id()), principal, false);
    }

    /**
     * An ad-hoc workload in a subnet of the transaction's scope, with those security groups (the VPC's default
     * group when none) and that private address (the next free one when empty).
     */
    public Workload adHoc(Transaction transaction, String subnetId, List<String> groupIds, Optional<String> privateIpAddress,
            Optional<String> principalArn) {
        String principal = principal(transaction, principalArn);
        String id = transaction.ids().next(ID_PREFIX);
        NetworkInterface networkInterface = interfaces.create(transaction, new CreateNetworkInterface(subnetId, "Backlane workload " + id,
                privateIpAddress.orElse(null), List.of(), 0, List.of(), 0, groupIds, null, null));
        return new Workload(id, transaction.scope(), networkInterface.id(), Optional.empty(), principal, true);
    }

    /** Removes what the workload placed: an ad-hoc workload's interface (unless someone already deleted it). */
    public void remove(Transaction transaction, Workload workload) {
        if (workload.adHoc() && transaction.find(ResourceTypes.NETWORK_INTERFACE, workload.networkInterfaceId()).isPresent()) {
            interfaces.delete(transaction, workload.networkInterfaceId());
        }
    }

    private static String principal(Transaction transaction, Optional<String> principalArn) {
        if (principalArn.isEmpty()) {
            return "arn:aws:iam::" + transaction.account() + ":root";
        }
        String arn = principalArn.get().trim();
        if (!PRINCIPAL.matcher(arn).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter principalArn is invalid. Expected the ARN of an IAM user or role, a role session, or an account root.",
                    arn);
        }
        return arn;
    }
}
