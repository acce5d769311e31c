package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.world.ScopeState;
import java.time.Instant;
import java.util.Optional;

/**
 * Where in the emulated network a real process listens as a load balancer's target: an address and port in a VPC
 * of one scope — an instance's primary private address, or any address of the VPC's CIDR blocks (an IP target) —
 * checked against the scope's state as EC2 would check it. A host socket is then mapped to it, so health checks and
 * PrivateLink connections reach the process.
 */
public final class TargetSocketPlacement {
    private TargetSocketPlacement() {}

    /** What a caller asks for: an instance (optionally with its address) or a VPC with an address; the port in the VPC. */
    public record Request(Optional<String> instanceId, Optional<String> vpcId, Optional<String> address, int port) {
        public Request {
            requireNonNull(instanceId, "instanceId is null");
            requireNonNull(vpcId, "vpcId is null");
            requireNonNull(address, "address is null");
        }
    }

    /** The target's place: its VPC, private address and port, and the instance when it is one. */
    public record Placement(String vpcId, String address, int port, Optional<String> instanceId) {
        public Placement {
            requireNonNull(vpcId, "vpcId is null");
            requireNonNull(address, "address is null");
            requireNonNull(instanceId, "instanceId is null");
        }
    }

    /** Resolves a request on the scope's state; throws {@link AwsException} with EC2's code for what EC2 would refuse. */
    public static Placement resolve(ScopeState state, Request request, Instant now) {
        requireNonNull(state, "state is null");
        requireNonNull(request, "request is null");
        checkPort("port", request.port());
        if (request.instanceId().isPresent()) {
            if (request.vpcId().isPresent()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "The parameter instanceId cannot be used with the parameter vpcId: an instance's target is in the instance's VPC.");
            }
            return onInstance(state, request.instanceId().get(), request.address(), request.port(), now);
        }
        if (request.vpcId().isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter instanceId or vpcId");
        }
        String vpcId = ResourceTypes.VPC.requireWellFormed(request.vpcId().get());
        Vpc vpc = state.find(ResourceTypes.VPC, vpcId).orElseThrow(() -> ResourceTypes.VPC.notFound(vpcId));
        String address = request.address().orElseThrow(() -> AwsException.of(ErrorCode.MISSING_PARAMETER,
                "The request must contain the parameter address"));
        long parsed = Ipv4Address.parse(address).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                "Value (%s) for parameter address is invalid. Expected an IPv4 address.", address));
        if (vpc.associatedCidrs().stream().noneMatch(cidr -> Ipv4Cidr.parse(cidr).orElseThrow().contains(parsed))) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Address %s is not in the CIDR blocks of VPC %s (%s)", address, vpcId,
                    String.join(", ", vpc.associatedCidrs()));
        }
        return new Placement(vpcId, Ipv4Address.format(parsed), request.port(), Optional.empty());
    }

    /** Refuses a port outside 1-65535, naming the parameter. */
    public static void checkPort(String parameter, int port) {
        if (port < 1 || port > 65535) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%d) for parameter %s is invalid. Expected a port from 1 to 65535.", port,
                    parameter);
        }
    }

    private static Placement onInstance(ScopeState state, String instanceId, Optional<String> address, int port, Instant now) {
        ResourceTypes.INSTANCE.requireWellFormed(instanceId);
        Instance instance = state.find(ResourceTypes.INSTANCE, instanceId)
                .filter(found -> found.isVisibleAt(now))
                .orElseThrow(() -> ResourceTypes.INSTANCE.notFound(instanceId));
        if (instance.releasesVpc() || instance.privateIpAddress() == null) {
            throw AwsException.of(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '%s' is not in a state from which it can serve traffic.", instanceId);
        }
        if (address.isPresent() && !address.get().equals(instance.privateIpAddress())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter address is invalid. Instance %s is a target at its primary private address %s.", address.get(), instanceId,
                    instance.privateIpAddress());
        }
        return new Placement(instance.vpcId(), instance.privateIpAddress(), port, Optional.of(instance.id()));
    }
}
