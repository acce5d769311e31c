package dev.backlane.server.api.ec2;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.EndpointService;
import dev.backlane.core.endpoint.EndpointServiceLookup;
import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.endpoint.VpcEndpointDnsEntries;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.DocumentedFilters;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateVpcEndpoint, ModifyVpcEndpoint, DeleteVpcEndpoints, DescribeVpcEndpoints and DescribeVpcEndpointAssociations. */
public final class VpcEndpointOperations implements OperationFamily {
    private static final List<String> UNHONOURED = List.of("ResourceConfigurationArn", "ServiceNetworkArn", "SubnetConfigurations");
    private static final List<String> UNHONOURED_DNS_OPTIONS = List.of("PrivateDnsPreference", "PrivateDnsSpecifiedDomains");

    private final VpcEndpointCommands commands;
    private final EndpointServiceLookup services;
    private final VpcEndpointDnsEntries dns;

    public VpcEndpointOperations(VpcEndpointCommands commands, EndpointServiceLookup services, VpcEndpointDnsEntries dns) {
        this.commands = requireNonNull(commands, "commands is null");
        this.services = requireNonNull(services, "services is null");
        this.dns = requireNonNull(dns, "dns is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateVpcEndpoint", this::create)
                .ec2("ModifyVpcEndpoint", this::modify)
                .ec2("DeleteVpcEndpoints", this::delete)
                .ec2("DescribeVpcEndpoints", this::describe)
                .ec2("DescribeVpcEndpointAssociations", this::describeAssociations);
    }

    /** The documented filters; an endpoint's state depends on the time of the describe. */
    static FilterSet<VpcEndpoint> filters(Instant at) {
        return FilterSet.<VpcEndpoint>builder()
                .add("ip-address-type", VpcEndpoint::ipAddressType)
                .add("service-name", VpcEndpoint::serviceName)
                .add("service-region", VpcEndpoint::serviceRegion)
                .add("vpc-endpoint-id", VpcEndpoint::id)
                .add("vpc-endpoint-state", endpoint -> endpoint.stateAt(at).awsName())
                .add("vpc-endpoint-type", endpoint -> endpoint.type().awsName())
                .add("vpc-id", VpcEndpoint::vpcId)
                .build();
    }

    private Map<String, Object> create(Call call) {
        Input input = call.input();
        String vpcId = input.requiredString("VpcId", "VpcId");
        String serviceName = input.requiredString("ServiceName", "ServiceName");
        UnhonouredParameters.refuse(input, UNHONOURED);
        Input dnsOptions = dnsOptions(input);
        VpcEndpointCommands.CreateVpcEndpoint request = new VpcEndpointCommands.CreateVpcEndpoint(vpcId, serviceName,
                input.string("ServiceRegion"), type(input.string("VpcEndpointType")), input.string("PolicyDocument"),
                input.strings("RouteTableIds"), input.strings("SubnetIds"), input.strings("SecurityGroupIds"), input.bool("PrivateDnsEnabled"),
                input.string("IpAddressType"), dnsOptions == null ? null : dnsOptions.string("DnsRecordIpType"),
                dnsOptions == null ? null : dnsOptions.bool("PrivateDnsOnlyForInboundResolverEndpoint"));
        return call.write(transaction -> {
            VpcEndpoint endpoint = commands.create(transaction, request);
            TagInputs.applySpecifications(transaction, input, endpoint.id(), ResourceTypes.VPC_ENDPOINT);
            return Output.create()
                    .put("VpcEndpoint", shape(endpoint, transaction.world(), transaction.scope(), transaction.state(), transaction.now()))
                    .put("ClientToken", input.string("ClientToken"))
                    .build();
        });
    }

    private static Input dnsOptions(Input input) {
        Input dnsOptions = input.structure("DnsOptions");
        if (dnsOptions != null) {
            UnhonouredParameters.refuse(dnsOptions, UNHONOURED_DNS_OPTIONS);
        }
        return dnsOptions;
    }

    private static VpcEndpointType type(String name) {
        if (name == null) {
            return null;
        }
        return VpcEndpointType.fromAwsName(name).orElseThrow(() -> AwsException.of(ErrorCode.UNSUPPORTED_OPERATION,
                "The VpcEndpointType %s is not supported by Backlane.", name));
    }

    private Map<String, Object> modify(Call call) {
        Input input = call.input();
        String vpcEndpointId = input.requiredString("VpcEndpointId", "VpcEndpointId");
        UnhonouredParameters.refuse(input, List.of("SubnetConfigurations"));
        Input dnsOptions = dnsOptions(input);
        VpcEndpointCommands.ModifyVpcEndpoint request = new VpcEndpointCommands.ModifyVpcEndpoint(vpcEndpointId,
                input.strings("AddRouteTableIds"), input.strings("RemoveRouteTableIds"), input.strings("AddSubnetIds"),
                input.strings("RemoveSubnetIds"), input.strings("AddSecurityGroupIds"), input.strings("RemoveSecurityGroupIds"),
                input.string("PolicyDocument"), input.bool("ResetPolicy", false), input.bool("PrivateDnsEnabled"), input.string("IpAddressType"),
                dnsOptions == null ? null : dnsOptions.string("DnsRecordIpType"),
                dnsOptions == null ? null : dnsOptions.bool("PrivateDnsOnlyForInboundResolverEndpoint"));
        return call.write(transaction -> {
            commands.modify(transaction, request);
            return Output.of("Return", true);
        });
    }

    private Map<String, Object> delete(Call call) {
        List<String> ids = call.input().strings("VpcEndpointIds");
        if (ids.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter VpcEndpointId");
        }
        return call.write(transaction -> Output.of("Unsuccessful",
                commands.delete(transaction, ids).stream().map(VpcEndpointShapes::unsuccessful).toList()));
    }

    private Map<String, Object> describe(Call call) {
        Instant at = call.now();
        Page<VpcEndpoint> page = new Describer<>(ResourceTypes.VPC_ENDPOINT, "VpcEndpointIds", "vpcEndpointIds", filters(at))
                .describe(call, endpoint -> endpoint.isVisibleAt(at));
        World world = call.world();
        ScopeState state = world.scope(call.scope());
        return Output.create()
                .put("VpcEndpoints", page.items().stream().map(endpoint -> shape(endpoint, world, call.scope(), state, at)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> shape(VpcEndpoint endpoint, World world, Scope scope, ScopeState state, Instant at) {
        Optional<EndpointService> service = services.find(world, scope, endpoint.serviceName(), endpoint.serviceRegion());
        return VpcEndpointShapes.vpcEndpoint(endpoint, service, dns, scope, state, at);
    }

    /**
     * Associations are those of service-network and resource endpoints, which Backlane does not
     * create; the endpoints it has have none, which is AWS's answer for them too.
     */
    private Map<String, Object> describeAssociations(Call call) {
        Input input = call.input();
        for (Input filter : input.structures("Filters")) {
            String name = filter.string("Name");
            if (name == null || !DocumentedFilters.ec2().isDocumented(call.operation(), name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
        }
        ScopeState state = call.read();
        Instant at = call.now();
        for (String id : input.strings("VpcEndpointIds")) {
            ResourceTypes.VPC_ENDPOINT.requireWellFormed(id);
            if (state.find(ResourceTypes.VPC_ENDPOINT, id).filter(endpoint -> endpoint.isVisibleAt(at)).isEmpty()) {
                throw ResourceTypes.VPC_ENDPOINT.notFound(id);
            }
        }
        return Output.of("VpcEndpointAssociations", List.of());
    }
}
