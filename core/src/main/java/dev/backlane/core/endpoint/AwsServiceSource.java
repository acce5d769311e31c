package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.List;

/**
 * The AWS services of the catalogue as endpoint services. Every account sees the services of its own
 * region; Backlane offers no cross-region endpoints to AWS services, so another region's are not seen.
 */
public final class AwsServiceSource implements EndpointServiceSource {
    private final AwsServiceCatalog catalog;

    public AwsServiceSource(AwsServiceCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public List<EndpointService> visibleTo(World world, Scope caller, String serviceRegion) {
        if (!caller.region().equals(serviceRegion)) {
            return List.of();
        }
        return List.copyOf(catalog.services(serviceRegion));
    }
}
