package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds endpoint services by name across its sources, as a caller sees them. A service the caller may
 * not see, or one of another region when no service region was asked for, does not exist for it.
 */
public final class EndpointServiceLookup {
    private final List<EndpointServiceSource> sources;

    public EndpointServiceLookup(List<EndpointServiceSource> sources) {
        this.sources = List.copyOf(requireNonNull(sources, "sources is null"));
    }

    /** The AWS services of the standard catalogue only. */
    public static EndpointServiceLookup awsServices() {
        return new EndpointServiceLookup(List.of(new AwsServiceSource(AwsServiceCatalog.standard())));
    }

    /** This lookup with one more source, e.g. providers' endpoint services. */
    public EndpointServiceLookup with(EndpointServiceSource source) {
        List<EndpointServiceSource> all = new ArrayList<>(sources);
        all.add(source);
        return new EndpointServiceLookup(all);
    }

    public List<EndpointService> visibleTo(World world, Scope caller, String serviceRegion) {
        List<EndpointService> services = new ArrayList<>();
        for (EndpointServiceSource source : sources) {
            services.addAll(source.visibleTo(world, caller, serviceRegion));
        }
        return services;
    }

    public Optional<EndpointService> find(World world, Scope caller, String serviceName, String serviceRegion) {
        return visibleTo(world, caller, serviceRegion).stream().filter(service -> service.serviceName().equals(serviceName)).findFirst();
    }

    /** The service, or AWS's {@code InvalidServiceName}. */
    public EndpointService require(World world, Scope caller, String serviceName, String serviceRegion) {
        return find(world, caller, serviceName, serviceRegion).orElseThrow(() -> notFound(serviceName));
    }

    public static AwsException notFound(String serviceName) {
        return AwsException.of(ErrorCode.INVALID_SERVICE_NAME, "The Vpc Endpoint Service '%s' does not exist", serviceName);
    }
}
