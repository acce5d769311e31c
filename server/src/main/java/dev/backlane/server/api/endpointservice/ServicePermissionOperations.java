package dev.backlane.server.api.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpointservice.ServicePermissions;
import dev.backlane.core.model.AllowedPrincipal;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Page;
import java.util.List;
import java.util.Map;

/** DescribeVpcEndpointServicePermissions and ModifyVpcEndpointServicePermissions. */
public final class ServicePermissionOperations implements OperationFamily {
    private static final ListedItems<AllowedPrincipal> LISTING = new ListedItems<AllowedPrincipal>(AllowedPrincipal::servicePermissionId)
            .filter("principal", principal -> List.of(principal.principal()))
            .filter("principal-type", principal -> List.of(principal.type().awsName()));

    private final ServicePermissions permissions;

    public ServicePermissionOperations(ServicePermissions permissions) {
        this.permissions = requireNonNull(permissions, "permissions is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("DescribeVpcEndpointServicePermissions", this::describe)
                .ec2("ModifyVpcEndpointServicePermissions", this::modify);
    }

    private Map<String, Object> describe(Call call) {
        String serviceId = call.input().requiredString("ServiceId", "ServiceId");
        ResourceTypes.VPC_ENDPOINT_SERVICE.requireWellFormed(serviceId);
        EndpointServiceConfiguration service = call.read().find(ResourceTypes.VPC_ENDPOINT_SERVICE, serviceId)
                .orElseThrow(() -> ResourceTypes.VPC_ENDPOINT_SERVICE.notFound(serviceId));
        Page<AllowedPrincipal> page = LISTING.page(call, service.allowedPrincipals());
        return Output.create()
                .put("AllowedPrincipals", page.items().stream().map(principal -> EndpointServiceShapes.allowedPrincipal(principal, serviceId)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> modify(Call call) {
        String serviceId = call.input().requiredString("ServiceId", "ServiceId");
        List<String> add = call.input().strings("AddAllowedPrincipals");
        List<String> remove = call.input().strings("RemoveAllowedPrincipals");
        return call.write(transaction -> {
            List<AllowedPrincipal> added = permissions.modify(transaction, serviceId, add, remove);
            return Output.create()
                    .put("AddedPrincipals", added.isEmpty() ? null
                            : added.stream().map(principal -> EndpointServiceShapes.allowedPrincipal(principal, serviceId)).toList())
                    .put("ReturnValue", true)
                    .build();
        });
    }
}
