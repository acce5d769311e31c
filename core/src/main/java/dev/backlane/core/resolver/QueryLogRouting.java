package dev.backlane.core.resolver;

import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.model.ResolverQueryLogConfig;
import dev.backlane.core.model.ResolverQueryLogConfigAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which query logging configurations log a DNS query: those of the query's account and region associated with its
 * VPC, once the association is {@code ACTIVE} (AWS starts logging when it is). A query goes to each such
 * configuration's destination.
 */
public final class QueryLogRouting {
    private QueryLogRouting() {}

    public static List<ResolverQueryLogConfig> configsOf(World world, DnsQueryEvent query, Instant at) {
        Scope scope = new Scope(query.accountId(), query.region());
        if (!world.hasScope(scope)) {
            return List.of();
        }
        List<ResolverQueryLogConfig> configs = new ArrayList<>();
        for (ResolverQueryLogConfigAssociation association : world.all(scope, ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION)) {
            if (association.resourceId().equals(query.vpcId()) && association.status(at).equals("ACTIVE")) {
                world.find(scope, ResourceTypes.RESOLVER_QUERY_LOG_CONFIG, association.queryLogConfigId()).ifPresent(configs::add);
            }
        }
        return configs;
    }
}
