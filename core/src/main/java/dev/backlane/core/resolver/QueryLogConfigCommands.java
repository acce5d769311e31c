package dev.backlane.core.resolver;

import dev.backlane.core.logs.LogNames;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResolverQueryLogConfig;
import dev.backlane.core.model.ResolverQueryLogConfigAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.Transition;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route 53 Resolver query logging: Create, Delete, Associate and DisassociateResolverQueryLogConfig.
 * A destination is a CloudWatch Logs log group, an S3 bucket or a Firehose delivery stream ARN; a log
 * group of the caller's own account and region must exist, as AWS checks. A VPC is associated with a
 * configuration at most once, and a configuration with associations cannot be deleted.
 */
public final class QueryLogConfigCommands {
    private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9\\-_' ']+)");
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
    private static final Pattern FIREHOSE_ARN = Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[\\w.-]{1,64}");

    public ResolverQueryLogConfig create(Transaction transaction, String name, String destinationArn, String creatorRequestId) {
        if (name == null || name.length() > 64 || !NAME.matcher(name).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION,
                    "Name '%s' is invalid: use 1 to 64 letters, digits, spaces, '-' and '_', not only digits.", name);
        }
        checkDestination(transaction, destinationArn);
        Optional<ResolverQueryLogConfig> earlier = transaction.all(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG).stream()
                .filter(config -> config.creatorRequestId().equals(creatorRequestId)).findFirst();
        if (earlier.isPresent()) {
            ResolverQueryLogConfig config = earlier.get();
            if (config.name().equals(name) && config.destinationArn().equals(destinationArn)) {
                return config;
            }
            throw AwsException.of(ErrorCode.RESOURCE_EXISTS_EXCEPTION,
                    "A query logging configuration with CreatorRequestId '%s' already exists with other parameters: %s.", creatorRequestId,
                    config.id());
        }
        String id = ResourceTypes.RESOLVER_QUERY_LOG_CONFIG.idPrefix() + "-" + transaction.ids().hex(16);
        return transaction.put(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG, new ResolverQueryLogConfig(id, name, destinationArn, creatorRequestId,
                transaction.now(), transaction.endOf(Transition.QUERY_LOG_CONFIG_CREATING)));
    }

    /** Deletes a configuration that no VPC is associated with, returning it as it was. */
    public ResolverQueryLogConfig delete(Transaction transaction, String id) {
        ResolverQueryLogConfig config = config(transaction, id);
        if (associationCount(transaction, id) > 0) {
            throw AwsException.of(ErrorCode.INVALID_REQUEST_EXCEPTION,
                    "The query logging configuration '%s' is associated with VPCs; disassociate them before deleting it.", id);
        }
        transaction.remove(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG, id);
        return config;
    }

    public ResolverQueryLogConfigAssociation associate(Transaction transaction, String configId, String vpcId) {
        config(transaction, configId);
        if (!ResourceTypes.VPC.isWellFormed(vpcId) || transaction.find(ResourceTypes.VPC, vpcId).isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "The vpc ID '%s' does not exist", vpcId);
        }
        if (find(transaction, configId, vpcId).isPresent()) {
            throw AwsException.of(ErrorCode.RESOURCE_EXISTS_EXCEPTION,
                    "The query logging configuration '%s' is already associated with the VPC '%s'.", configId, vpcId);
        }
        String id = ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION.idPrefix() + "-" + transaction.ids().hex(16);
        return transaction.put(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION, new ResolverQueryLogConfigAssociation(id, configId, vpcId,
                transaction.now(), transaction.endOf(Transition.QUERY_LOG_ASSOCIATION_CREATING)));
    }

    /** Removes the association of the VPC with the configuration, returning it as it was. */
    public ResolverQueryLogConfigAssociation disassociate(Transaction transaction, String configId, String vpcId) {
        config(transaction, configId);
        ResolverQueryLogConfigAssociation association = find(transaction, configId, vpcId).orElseThrow(() -> AwsException.of(
                ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, "The query logging configuration '%s' is not associated with the VPC '%s'.", configId,
                vpcId));
        transaction.remove(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION, association.id());
        return association;
    }

    /**
     * The configuration with this ID. Looked up, not checked for form first: AWS's Resolver IDs have 16 hex
     * digits, not EC2's 8 or 17, and an ID of any other form simply does not exist.
     */
    private static ResolverQueryLogConfig config(Transaction transaction, String id) {
        return transaction.find(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG, id)
                .orElseThrow(() -> ResourceTypes.RESOLVER_QUERY_LOG_CONFIG.notFound(id));
    }

    public static long associationCount(Transaction transaction, String configId) {
        return transaction.all(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION).stream()
                .filter(association -> association.queryLogConfigId().equals(configId)).count();
    }

    private static Optional<ResolverQueryLogConfigAssociation> find(Transaction transaction, String configId, String vpcId) {
        return transaction.all(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION).stream()
                .filter(association -> association.queryLogConfigId().equals(configId) && association.resourceId().equals(vpcId)).findFirst();
    }

    private static void checkDestination(Transaction transaction, String arn) {
        if (arn == null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "DestinationArn is required.");
        }
        Matcher group = LogNames.GROUP_ARN.matcher(arn);
        if (group.matches()) {
            boolean local = group.group(1).equals(transaction.region()) && group.group(2).equals(transaction.account());
            if (local && transaction.find(ResourceTypes.LOG_GROUP, group.group(3)).isEmpty()) {
                throw AwsException.of(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, "The destination '%s' does not exist.", arn);
            }
            return;
        }
        if (!BUCKET_ARN.matcher(arn).matches() && !FIREHOSE_ARN.matcher(arn).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION,
                    "DestinationArn '%s' is not the ARN of a CloudWatch Logs log group, an S3 bucket or a Kinesis Data Firehose delivery stream.",
                    arn);
        }
    }
}
