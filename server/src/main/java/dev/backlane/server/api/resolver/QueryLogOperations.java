package dev.backlane.server.api.resolver;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResolverQueryLogConfig;
import dev.backlane.core.model.ResolverQueryLogConfigAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.resolver.QueryLogConfigCommands;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Route 53 Resolver query logging (awsJson 1.1, {@code X-Amz-Target: Route53Resolver.<Operation>}):
 * Create, Get, List and DeleteResolverQueryLogConfig, Associate and DisassociateResolverQueryLogConfig,
 * Get and ListResolverQueryLogConfigAssociations, and the tags of configurations (TagResource,
 * UntagResource, ListTagsForResource by ARN), which Terraform reads.
 */
public final class QueryLogOperations implements OperationFamily {
    private static final String SERVICE = "route53resolver";
    private static final String ARN_PREFIX = "resolver-query-log-config/";

    private final QueryLogConfigCommands commands;

    public QueryLogOperations(QueryLogConfigCommands commands) {
        this.commands = requireNonNull(commands, "commands is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "CreateResolverQueryLogConfig", this::create)
                .add(SERVICE, "GetResolverQueryLogConfig", this::get)
                .add(SERVICE, "ListResolverQueryLogConfigs", this::list)
                .add(SERVICE, "DeleteResolverQueryLogConfig", this::delete)
                .add(SERVICE, "AssociateResolverQueryLogConfig", this::associate)
                .add(SERVICE, "DisassociateResolverQueryLogConfig", this::disassociate)
                .add(SERVICE, "GetResolverQueryLogConfigAssociation", this::getAssociation)
                .add(SERVICE, "ListResolverQueryLogConfigAssociations", this::listAssociations)
                .add(SERVICE, "TagResource", this::tag)
                .add(SERVICE, "UntagResource", this::untag)
                .add(SERVICE, "ListTagsForResource", this::listTags);
    }

    private Map<String, Object> create(Call call) {
        Input input = call.input();
        SortedMap<String, String> tags = tags(input);
        return call.write(transaction -> {
            ResolverQueryLogConfig config = commands.create(transaction, input.string("Name"), input.string("DestinationArn"),
                    input.string("CreatorRequestId"));
            if (!tags.isEmpty()) {
                SortedMap<String, String> merged = transaction.tags(config.id());
                merged.putAll(tags);
                transaction.setTags(config.id(), ResourceTypes.RESOLVER_QUERY_LOG_CONFIG.name(), merged);
            }
            return Output.of("ResolverQueryLogConfig", config(transaction, config));
        });
    }

    private Map<String, Object> get(Call call) {
        ScopeState state = call.read();
        return Output.of("ResolverQueryLogConfig", config(call.scope(), state, call.now(), find(state, call.input().string("ResolverQueryLogConfigId"))));
    }

    private Map<String, Object> delete(Call call) {
        String id = call.input().string("ResolverQueryLogConfigId");
        return call.write(transaction -> {
            ResolverQueryLogConfig config = commands.delete(transaction, id);
            transaction.setTags(id, ResourceTypes.RESOLVER_QUERY_LOG_CONFIG.name(), new TreeMap<>());
            return Output.of("ResolverQueryLogConfig", QueryLogShapes.config(transaction.scope(), config, "DELETING", 0));
        });
    }

    private Map<String, Object> list(Call call) {
        ScopeState state = call.read();
        Scope scope = call.scope();
        Instant now = call.now();
        Map<String, Function<ResolverQueryLogConfig, String>> fields = Map.ofEntries(
                Map.entry("Arn", config -> config.arn(scope)),
                Map.entry("AssociationCount", config -> Long.toString(associationCount(state, config.id()))),
                Map.entry("CreationTime", config -> QueryLogShapes.time(config.creationTime())),
                Map.entry("CreatorRequestId", ResolverQueryLogConfig::creatorRequestId),
                Map.entry("Destination", config -> QueryLogShapes.destinationKind(config.destinationArn())),
                Map.entry("DestinationArn", ResolverQueryLogConfig::destinationArn),
                Map.entry("Id", ResolverQueryLogConfig::id),
                Map.entry("Name", ResolverQueryLogConfig::name),
                Map.entry("OwnerId", config -> scope.account()),
                Map.entry("ShareStatus", config -> QueryLogShapes.NOT_SHARED),
                Map.entry("Status", config -> config.status(now)));
        ResolverListing.Listed<ResolverQueryLogConfig> listed = new ResolverListing<>(fields, "CreationTime")
                .list(call.input(), new ArrayList<>(state.all(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG)));
        return Output.create()
                .put("ResolverQueryLogConfigs", listed.items().stream().map(config -> config(scope, state, now, config)).toList())
                .put("NextToken", listed.nextToken())
                .put("TotalCount", listed.totalCount())
                .put("TotalFilteredCount", listed.totalFilteredCount())
                .build();
    }

    private Map<String, Object> associate(Call call) {
        Input input = call.input();
        return call.write(transaction -> {
            ResolverQueryLogConfigAssociation association = commands.associate(transaction, input.string("ResolverQueryLogConfigId"),
                    input.string("ResourceId"));
            return Output.of("ResolverQueryLogConfigAssociation", QueryLogShapes.association(association, association.status(transaction.now())));
        });
    }

    private Map<String, Object> disassociate(Call call) {
        Input input = call.input();
        return call.write(transaction -> Output.of("ResolverQueryLogConfigAssociation", QueryLogShapes.association(
                commands.disassociate(transaction, input.string("ResolverQueryLogConfigId"), input.string("ResourceId")), "DELETING")));
    }

    private Map<String, Object> getAssociation(Call call) {
        String id = call.input().string("ResolverQueryLogConfigAssociationId");
        ResolverQueryLogConfigAssociation association = call.read().find(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION, id)
                .orElseThrow(() -> ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION.notFound(id));
        return Output.of("ResolverQueryLogConfigAssociation", QueryLogShapes.association(association, association.status(call.now())));
    }

    private Map<String, Object> listAssociations(Call call) {
        Instant now = call.now();
        Map<String, Function<ResolverQueryLogConfigAssociation, String>> fields = Map.of(
                "CreationTime", association -> QueryLogShapes.time(association.creationTime()),
                "Error", association -> QueryLogShapes.NO_ERROR,
                "Id", ResolverQueryLogConfigAssociation::id,
                "ResolverQueryLogConfigId", ResolverQueryLogConfigAssociation::queryLogConfigId,
                "ResourceId", ResolverQueryLogConfigAssociation::resourceId,
                "Status", association -> association.status(now));
        ResolverListing.Listed<ResolverQueryLogConfigAssociation> listed = new ResolverListing<>(fields, "CreationTime")
                .list(call.input(), new ArrayList<>(call.read().all(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION)));
        return Output.create()
                .put("ResolverQueryLogConfigAssociations", listed.items().stream()
                        .map(association -> QueryLogShapes.association(association, association.status(now))).toList())
                .put("NextToken", listed.nextToken())
                .put("TotalCount", listed.totalCount())
                .put("TotalFilteredCount", listed.totalFilteredCount())
                .build();
    }

    private Map<String, Object> tag(Call call) {
        Input input = call.input();
        SortedMap<String, String> tags = tags(input);
        return call.write(transaction -> {
            String id = configOfArn(transaction.scope(), transaction.state(), input.string("ResourceArn"));
            SortedMap<String, String> merged = transaction.tags(id);
            merged.putAll(tags);
            transaction.setTags(id, ResourceTypes.RESOLVER_QUERY_LOG_CONFIG.name(), merged);
            return Output.empty();
        });
    }

    private Map<String, Object> untag(Call call) {
        Input input = call.input();
        List<String> keys = input.strings("TagKeys");
        return call.write(transaction -> {
            String id = configOfArn(transaction.scope(), transaction.state(), input.string("ResourceArn"));
            SortedMap<String, String> remaining = transaction.tags(id);
            keys.forEach(remaining::remove);
            transaction.setTags(id, ResourceTypes.RESOLVER_QUERY_LOG_CONFIG.name(), remaining);
            return Output.empty();
        });
    }

    private Map<String, Object> listTags(Call call) {
        ScopeState state = call.read();
        String id = configOfArn(call.scope(), state, call.input().string("ResourceArn"));
        List<Map<String, Object>> tags = new ArrayList<>();
        state.find(ResourceTypes.TAGS, id).ifPresent(found -> found.tags()
                .forEach((key, value) -> tags.add(Output.create().put("Key", key).put("Value", value).build())));
        return Output.of("Tags", tags);
    }

    private static SortedMap<String, String> tags(Input input) {
        SortedMap<String, String> tags = new TreeMap<>();
        for (Input tag : input.structures("Tags")) {
            tags.put(tag.string("Key"), tag.string("Value") == null ? "" : tag.string("Value"));
        }
        return tags;
    }

    /** The configuration an ARN of this account and region names; query logging configurations are the taggable resources served. */
    private static String configOfArn(Scope scope, ScopeState state, String arn) {
        String prefix = "arn:aws:route53resolver:" + scope.region() + ":" + scope.account() + ":" + ARN_PREFIX;
        if (arn == null || !arn.startsWith(prefix)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "ResourceArn '%s' does not name a query logging configuration of this "
                    + "account and region.", arn);
        }
        return find(state, arn.substring(prefix.length())).id();
    }

    private static ResolverQueryLogConfig find(ScopeState state, String id) {
        return state.find(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG, id).orElseThrow(() -> ResourceTypes.RESOLVER_QUERY_LOG_CONFIG.notFound(id));
    }

    private static long associationCount(ScopeState state, String configId) {
        return state.all(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION).stream()
                .filter(association -> association.queryLogConfigId().equals(configId)).count();
    }

    private static Map<String, Object> config(Scope scope, ScopeState state, Instant at, ResolverQueryLogConfig config) {
        return QueryLogShapes.config(scope, config, config.status(at), associationCount(state, config.id()));
    }

    private static Map<String, Object> config(Transaction transaction, ResolverQueryLogConfig config) {
        return config(transaction.scope(), transaction.state(), transaction.now(), config);
    }
}
