package dev.backlane.core.elb;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.regex.Pattern;

/**
 * ELBv2 ARNs: {@code arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<16 hex>},
 * {@code ...:targetgroup/<name>/<16 hex>} and {@code ...:listener/net/<lb name>/<lb id>/<16 hex>}. A
 * malformed ARN is a ValidationError; a well-formed one that names nothing is the kind's not-found error.
 */
public final class ElbArns {
    private static final Pattern LOAD_BALANCER = Pattern.compile("arn:aws:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/(app|net|gwy)/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");
    private static final Pattern TARGET_GROUP = Pattern.compile("arn:aws:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");
    private static final Pattern LISTENER = Pattern.compile("arn:aws:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener/(app|net|gwy)/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}/[0-9a-f]{16}");

    private ElbArns() {}

    public static String loadBalancer(Transaction transaction, LoadBalancerType type, String name) {
        return prefix(transaction) + "loadbalancer/" + type.arnSegment() + "/" + name + "/" + transaction.ids().hex(16);
    }

    public static String targetGroup(Transaction transaction, String name) {
        return prefix(transaction) + "targetgroup/" + name + "/" + transaction.ids().hex(16);
    }

    public static String listener(Transaction transaction, LoadBalancer loadBalancer) {
        return prefix(transaction) + "listener/" + loadBalancer.arnSuffix() + "/" + transaction.ids().hex(16);
    }

    public static String requireLoadBalancer(String arn) {
        return require(arn, LOAD_BALANCER, "load balancer");
    }

    public static String requireTargetGroup(String arn) {
        return require(arn, TARGET_GROUP, "target group");
    }

    public static String requireListener(String arn) {
        return require(arn, LISTENER, "listener");
    }

    /** The kind of ELBv2 resource an ARN names, for tagging; a ValidationError if it is none. */
    public static ResourceType<? extends Resource> kindOf(String arn) {
        if (arn != null && LOAD_BALANCER.matcher(arn).matches()) {
            return ResourceTypes.LOAD_BALANCER;
        }
        if (arn != null && TARGET_GROUP.matcher(arn).matches()) {
            return ResourceTypes.TARGET_GROUP;
        }
        if (arn != null && LISTENER.matcher(arn).matches()) {
            return ResourceTypes.LISTENER;
        }
        throw AwsException.of(ErrorCode.VALIDATION_ERROR, "'%s' is not a valid ELB resource ARN", arn);
    }

    /** The resource, or AWS's not-found error for its kind. */
    public static <T extends Resource> T get(Transaction transaction, ResourceType<T> type, String arn) {
        return transaction.find(type, arn).orElseThrow(() -> type.notFound(arn));
    }

    private static String require(String arn, Pattern pattern, String kind) {
        if (arn == null || !pattern.matcher(arn).matches()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "'%s' is not a valid %s ARN", arn, kind);
        }
        return arn;
    }

    private static String prefix(Transaction transaction) {
        return "arn:aws:elasticloadbalancing:" + transaction.region() + ":" + transaction.account() + ":";
    }
}
