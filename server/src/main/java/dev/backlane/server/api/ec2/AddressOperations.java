package dev.backlane.server.api.ec2;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.AddressCommands;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** AllocateAddress, AssociateAddress, DisassociateAddress, ReleaseAddress, DescribeAddresses, DescribeAddressesAttribute. */
public final class AddressOperations implements OperationFamily {
    private static final FilterSet<Address> FILTERS = FilterSet.<Address>builder()
            .add("allocation-id", Address::id)
            .add("association-id", Address::associationId)
            .add("domain", address -> AddressShapes.DOMAIN)
            // No instances exist, so no address is associated with one.
            .add("instance-id", address -> null)
            .add("network-border-group", Address::networkBorderGroup)
            .add("network-interface-id", Address::networkInterfaceId)
            .add("network-interface-owner-id", (address, context) -> address.isAssociated() ? context.scope().account() : null)
            .add("private-ip-address", Address::privateIpAddress)
            .add("public-ip", Address::publicIp)
            .build();

    private final AddressCommands commands;
    private final Describer<Address> describer = new Describer<>(ResourceTypes.ELASTIC_IP, "AllocationIds", "allocationIds", FILTERS);

    public AddressOperations(AddressCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("AllocateAddress", this::allocate)
                .ec2("AssociateAddress", this::associate)
                .ec2("DisassociateAddress", this::disassociate)
                .ec2("ReleaseAddress", this::release)
                .ec2("DescribeAddresses", this::describe)
                .ec2("DescribeAddressesAttribute", this::describeAttribute);
    }

    private Map<String, Object> allocate(Call call) {
        Input input = call.input();
        if (input.string("Address") != null) {
            throw AwsException.of(ErrorCode.INVALID_ADDRESS_ID_NOT_FOUND, "The requested IP address does not exist or is unavailable");
        }
        String borderGroup = input.string("NetworkBorderGroup");
        if (borderGroup != null && !borderGroup.equals(call.scope().region())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter networkBorderGroup is invalid.", borderGroup);
        }
        return call.write(transaction -> {
            Address address = commands.allocate(transaction);
            TagInputs.applySpecifications(transaction, input, address.id(), ResourceTypes.ELASTIC_IP);
            return Output.create()
                    .put("PublicIp", address.publicIp())
                    .put("AllocationId", address.id())
                    .put("PublicIpv4Pool", AddressShapes.POOL)
                    .put("NetworkBorderGroup", address.networkBorderGroup())
                    .put("Domain", AddressShapes.DOMAIN)
                    .build();
        });
    }

    private Map<String, Object> associate(Call call) {
        Input input = call.input();
        AddressCommands.Association request = new AddressCommands.Association(input.string("AllocationId"), input.string("PublicIp"),
                input.string("InstanceId"), input.string("NetworkInterfaceId"), input.string("PrivateIpAddress"),
                input.bool("AllowReassociation", false));
        return call.write(transaction -> Output.of("AssociationId", commands.associate(transaction, request).associationId()));
    }

    private Map<String, Object> disassociate(Call call) {
        Input input = call.input();
        return call.run(transaction -> commands.disassociate(transaction, input.string("AssociationId"), input.string("PublicIp")));
    }

    private Map<String, Object> release(Call call) {
        Input input = call.input();
        String borderGroup = input.string("NetworkBorderGroup");
        return call.write(transaction -> {
            if (borderGroup != null && input.string("AllocationId") != null
                    && !borderGroup.equals(transaction.get(ResourceTypes.ELASTIC_IP, input.string("AllocationId")).networkBorderGroup())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter networkBorderGroup is invalid.", borderGroup);
            }
            commands.release(transaction, input.string("AllocationId"), input.string("PublicIp"));
            return Output.empty();
        });
    }

    private Map<String, Object> describe(Call call) {
        List<String> publicIps = call.input().strings("PublicIps");
        ScopeState state = call.read();
        for (String publicIp : publicIps) {
            if (state.all(ResourceTypes.ELASTIC_IP).stream().noneMatch(address -> address.publicIp().equals(publicIp))) {
                throw AwsException.of(ErrorCode.INVALID_ADDRESS_NOT_FOUND, "Address '%s' not found.", publicIp);
            }
        }
        Set<String> wanted = Set.copyOf(publicIps);
        Page<Address> page = describer.describe(call, address -> wanted.isEmpty() || wanted.contains(address.publicIp()));
        return Output.create()
                .put("Addresses", page.items().stream().map(address -> AddressShapes.address(address, call.scope(), state)).toList())
                .build();
    }

    /**
     * The reverse DNS attribute of addresses. Backlane sets no custom PTR records, so each address is
     * listed with its IDs and no {@code ptrRecord}, as AWS lists an address whose reverse DNS was never set.
     */
    private Map<String, Object> describeAttribute(Call call) {
        String attribute = call.input().requiredString("Attribute", "Attribute");
        if (!attribute.equals("domain-name")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter attribute is invalid.", attribute);
        }
        Page<Address> page = describer.describe(call);
        return Output.create()
                .put("Addresses", page.items().stream()
                        .map(address -> Output.create().put("AllocationId", address.id()).put("PublicIp", address.publicIp()).build())
                        .toList())
                .put("NextToken", page.nextToken())
                .build();
    }
}
