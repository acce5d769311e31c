package dev.backlane.server.api.resolver;

import dev.backlane.core.model.ResolverQueryLogConfig;
import dev.backlane.core.model.ResolverQueryLogConfigAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.util.Map;

/** Query logging configurations and associations as the Route 53 Resolver model's shapes; times are RFC 3339 text. */
final class QueryLogShapes {
    static final String NOT_SHARED = "NOT_SHARED";
    static final String NO_ERROR = "NONE";

    private QueryLogShapes() {}

    static Map<String, Object> config(Scope scope, ResolverQueryLogConfig config, String status, long associationCount) {
        return Output.create()
                .put("Id", config.id())
                .put("OwnerId", scope.account())
                .put("Status", status)
                .put("ShareStatus", NOT_SHARED)
                .put("AssociationCount", associationCount)
                .put("Arn", config.arn(scope))
                .put("Name", config.name())
                .put("DestinationArn", config.destinationArn())
                .put("CreatorRequestId", config.creatorRequestId())
                .put("CreationTime", time(config.creationTime()))
                .build();
    }

    static Map<String, Object> association(ResolverQueryLogConfigAssociation association, String status) {
        return Output.create()
                .put("Id", association.id())
                .put("ResolverQueryLogConfigId", association.queryLogConfigId())
                .put("ResourceId", association.resourceId())
                .put("Status", status)
                .put("Error", NO_ERROR)
                .put("ErrorMessage", "")
                .put("CreationTime", time(association.creationTime()))
                .build();
    }

    static String time(Instant instant) {
        return instant.toString();
    }

    /** Which kind of destination an ARN names, as the {@code Destination} filter's values name them. */
    static String destinationKind(String arn) {
        if (arn.contains(":s3:::")) {
            return "S3";
        }
        return arn.contains(":firehose:") ? "KinesisFirehose" : "CloudWatchLogs";
    }
}
