package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.zone.ZoneMappings;
import java.util.List;

/**
 * The AWS services of the catalogue as endpoint services. Every account sees the services of its own
 * region, in the zones it is offered in under the account's own zone names; Backlane offers no
 * cross-region endpoints to AWS services, so another region's are not seen.
 */
public final class AwsServiceSource implements EndpointServiceSource {
    private final AwsServiceCatalog catalog;
    private final ZoneMappings mappings;

    public AwsServiceSource(AwsServiceCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.mappings = ZoneMappings.standard();
    }

    @Override
    public List<EndpointService> visibleTo(World world, Scope caller, String serviceRegion) {
        if (!caller.region().equals(serviceRegion)) {
            return List.of();
        }
        ZoneMapping mapping = mappings.of(world, caller);
        return catalog.services(serviceRegion).stream().<EndpointService>map(service -> service.seenWith(mapping)).toList();
    }
}
