package dev.backlane.server.api.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpointservice.EndpointServiceCommands;
import dev.backlane.core.endpointservice.EndpointServiceZones;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import dev.backlane.server.api.ec2.TagInputs;
import java.time.Instant;
import java.util.Map;

/**
 * Create, Modify, Delete and DescribeVpcEndpointServiceConfiguration(s),
 * StartVpcEndpointServicePrivateDnsVerification and ModifyVpcEndpointServicePayerResponsibility.
 */
public final class EndpointServiceOperations implements OperationFamily {
    private final EndpointServiceCommands commands;
    private final EndpointServiceZones zones;

    public EndpointServiceOperations(EndpointServiceCommands commands, EndpointServiceZones zones) {
        this.commands = requireNonNull(commands, "commands is null");
        this.zones = requireNonNull(zones, "zones is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateVpcEndpointServiceConfiguration", this::create)
                .ec2("ModifyVpcEndpointServiceConfiguration", this::modify)
                .ec2("DeleteVpcEndpointServiceConfigurations", this::delete)
                .ec2("DescribeVpcEndpointServiceConfigurations", this::describe)
                .ec2("StartVpcEndpointServicePrivateDnsVerification", this::startPrivateDnsVerification)
                .ec2("ModifyVpcEndpointServicePayerResponsibility", this::modifyPayerResponsibility);
    }

    static FilterSet<EndpointServiceConfiguration> filters(Instant at) {
        return FilterSet.<EndpointServiceConfiguration>builder()
                .add("service-id", EndpointServiceConfiguration::id)
                .add("service-name", EndpointServiceConfiguration::serviceName)
                .add("service-state", service -> service.stateAt(at).awsName())
                .add("supported-ip-address-types", EndpointServiceConfiguration::supportedIpAddressTypes)
                .build();
    }

    private Map<String, Object> create(Call call) {
        Input input = call.input();
        EndpointServiceCommands.CreateServiceConfiguration request = new EndpointServiceCommands.CreateServiceConfiguration(
                input.strings("NetworkLoadBalancerArns"), input.strings("GatewayLoadBalancerArns"), input.bool("AcceptanceRequired"),
                input.string("PrivateDnsName"), input.strings("SupportedIpAddressTypes"), input.strings("SupportedRegions"));
        return call.write(transaction -> {
            EndpointServiceConfiguration service = commands.create(transaction, request);
            TagInputs.applySpecifications(transaction, input, service.id(), ResourceTypes.VPC_ENDPOINT_SERVICE);
            return Output.create()
                    .put("ServiceConfiguration", EndpointServiceShapes.serviceConfiguration(service, transaction.state(), transaction.scope(), zones,
                            transaction.now()))
                    .put("ClientToken", input.string("ClientToken"))
                    .build();
        });
    }

    private Map<String, Object> modify(Call call) {
        Input input = call.input();
        EndpointServiceCommands.ModifyServiceConfiguration request = new EndpointServiceCommands.ModifyServiceConfiguration(
                input.requiredString("ServiceId", "ServiceId"),
                input.strings("AddNetworkLoadBalancerArns"), input.strings("RemoveNetworkLoadBalancerArns"),
                input.strings("AddGatewayLoadBalancerArns"), input.strings("RemoveGatewayLoadBalancerArns"),
                input.bool("AcceptanceRequired"), input.string("PrivateDnsName"), input.bool("RemovePrivateDnsName", false),
                input.strings("AddSupportedIpAddressTypes"), input.strings("RemoveSupportedIpAddressTypes"),
                input.strings("AddSupportedRegions"), input.strings("RemoveSupportedRegions"));
        return call.write(transaction -> {
            commands.modify(transaction, request);
            return Output.of("Return", true);
        });
    }

    private Map<String, Object> delete(Call call) {
        return call.write(transaction -> EndpointServiceShapes.unsuccessful(commands.delete(transaction, call.input().strings("ServiceIds"))));
    }

    private Map<String, Object> describe(Call call) {
        Instant at = call.now();
        Page<EndpointServiceConfiguration> page = new Describer<>(ResourceTypes.VPC_ENDPOINT_SERVICE, "ServiceIds", "ServiceIds", filters(at))
                .describe(call);
        ScopeState state = call.read();
        return Output.create()
                .put("ServiceConfigurations", page.items().stream()
                        .map(service -> EndpointServiceShapes.serviceConfiguration(service, state, call.scope(), zones, at))
                        .toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> startPrivateDnsVerification(Call call) {
        String serviceId = call.input().requiredString("ServiceId", "ServiceId");
        return call.write(transaction -> {
            commands.startPrivateDnsVerification(transaction, serviceId);
            return Output.of("ReturnValue", true);
        });
    }

    private Map<String, Object> modifyPayerResponsibility(Call call) {
        String serviceId = call.input().requiredString("ServiceId", "ServiceId");
        String payer = call.input().requiredString("PayerResponsibility", "PayerResponsibility");
        return call.write(transaction -> {
            commands.modifyPayerResponsibility(transaction, serviceId, payer);
            return Output.of("ReturnValue", true);
        });
    }
}
