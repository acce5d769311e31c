package dev.backlane.core.endpoint;

import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.List;

/**
 * Where endpoint services come from: the AWS service catalogue today, providers' endpoint services
 * tomorrow. A source answers which of its services in a region a caller may see.
 */
public interface EndpointServiceSource {
    /** The services in {@code serviceRegion} that {@code caller} may see and connect to, in a stable order. */
    List<EndpointService> visibleTo(World world, Scope caller, String serviceRegion);
}
