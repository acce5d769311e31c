package dev.backlane.core.snapshot;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of real accounts, read: the {@link World} of its scopes (resources with their tags and
 * the IDs AWS gave them), the {@link ImportReport}, and the endpoint services each scope's region
 * offered, which are not resources of an account.
 */
public record Snapshot(World world, ImportReport report, Map<Scope, List<ServiceDetail>> endpointServices) {
    public Snapshot {
        requireNonNull(world, "world is null");
        requireNonNull(report, "report is null");
        endpointServices = Map.copyOf(requireNonNull(endpointServices, "endpointServices is null"));
    }

    /** The endpoint services the snapshot lists for the scope; empty when it has none. */
    public List<ServiceDetail> endpointServices(Scope scope) {
        return endpointServices.getOrDefault(scope, List.of());
    }
}
