package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.HealthCheck;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.Transaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Creating, changing and deleting ELBv2 target groups with AWS's rules and defaults. */
public final class TargetGroupCommands {
    private final Quotas quotas;
    private final ElbCatalog catalog;

    public TargetGroupCommands(Quotas quotas, ElbCatalog catalog) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** The health check members of CreateTargetGroup and ModifyTargetGroup; null members keep the current value or default. */
    public record HealthCheckChange(Boolean enabled, ElbProtocol protocol, String port, Integer intervalSeconds, Integer timeoutSeconds,
            Integer healthyThreshold, Integer unhealthyThreshold, String path, String matcher) {}

    /** The parameters of CreateTargetGroup that Backlane honours. */
    public record CreateTargetGroup(String name, ElbProtocol protocol, String protocolVersion, Integer port, String vpcId, TargetType targetType,
            String ipAddressType, HealthCheckChange healthCheck, List<ElbTags.Tag> tags) {}

    public TargetGroup create(Transaction transaction, CreateTargetGroup request) {
        ElbNames.checkTargetGroupName(request.name());
        TargetType targetType = request.targetType() == null ? TargetType.INSTANCE : request.targetType();
        String family = family(request.protocol(), targetType);
        if (targetType == TargetType.LAMBDA) {
            if (request.protocol() != null || request.port() != null || request.vpcId() != null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A protocol, port or VPC ID cannot be specified for target groups with target type 'lambda'");
            }
        } else {
            if (request.protocol() == null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A protocol must be specified");
            }
            if (request.port() == null && request.protocol() != ElbProtocol.GENEVE) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A port must be specified");
            }
            if (request.vpcId() == null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A VPC ID must be specified");
            }
            transaction.get(ResourceTypes.VPC, request.vpcId());
        }
        if (request.protocol() == ElbProtocol.GENEVE && request.port() != null && request.port() != 6081) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Port must be 6081 for target groups with the 'GENEVE' protocol");
        }
        if (targetType == TargetType.ALB && request.protocol() != ElbProtocol.TCP) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Target groups with target type 'alb' must use the 'TCP' protocol");
        }
        if (request.protocolVersion() != null && !isApplicationProtocol(request.protocol())) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A protocol version can only be specified for HTTP and HTTPS target groups");
        }
        for (TargetGroup existing : transaction.all(ResourceTypes.TARGET_GROUP)) {
            if (existing.name().equals(request.name())) {
                throw AwsException.of(ErrorCode.DUPLICATE_TARGET_GROUP_NAME, "A target group with the same name '%s' exists, but with different settings",
                        request.name());
            }
        }
        quotas.check("target-groups-per-region", transaction.all(ResourceTypes.TARGET_GROUP).size(), ErrorCode.TOO_MANY_TARGET_GROUPS,
                "The quota for the number of target groups has been reached");
        HealthCheck healthCheck = healthCheck(defaults(family, request.healthCheck()), request.healthCheck(), request.protocol());
        SortedMap<String, String> attributes = catalog.targetGroupAttributes(family);
        if (family.equals("network") && targetType == TargetType.IP && (request.protocol() == ElbProtocol.TCP || request.protocol() == ElbProtocol.TLS)) {
            attributes.put("preserve_client_ip.enabled", "false");
        }
        String arn = ElbArns.targetGroup(transaction, request.name());
        String ipAddressType = targetType == TargetType.LAMBDA ? null : request.ipAddressType() == null ? "ipv4" : request.ipAddressType();
        String protocolVersion = isApplicationProtocol(request.protocol())
                ? (request.protocolVersion() == null ? "HTTP1" : request.protocolVersion())
                : null;
        TargetGroup group = new TargetGroup(arn, request.name(), request.protocol(), protocolVersion,
                request.protocol() == ElbProtocol.GENEVE ? Integer.valueOf(6081) : request.port(), request.vpcId(), targetType, ipAddressType,
                healthCheck, attributes, List.of());
        transaction.put(ResourceTypes.TARGET_GROUP, group);
        ElbTags.tagNew(transaction, arn, ResourceTypes.TARGET_GROUP, request.tags());
        return group;
    }

    public TargetGroup modify(Transaction transaction, String arn, HealthCheckChange change) {
        TargetGroup group = ElbArns.get(transaction, ResourceTypes.TARGET_GROUP, ElbArns.requireTargetGroup(arn));
        return transaction.put(ResourceTypes.TARGET_GROUP, group.withHealthCheck(healthCheck(group.healthCheck(), change, group.protocol())));
    }

    /** Deletes a target group no listener forwards to; an ARN that names nothing succeeds, as AWS's does. */
    public void delete(Transaction transaction, String arn) {
        ElbArns.requireTargetGroup(arn);
        if (transaction.find(ResourceTypes.TARGET_GROUP, arn).isEmpty()) {
            return;
        }
        for (Listener listener : transaction.all(ResourceTypes.LISTENER)) {
            if (listener.forwardsTo(arn)) {
                throw AwsException.of(ErrorCode.RESOURCE_IN_USE, "Target group '%s' is currently in use by a listener or a rule", arn);
            }
        }
        transaction.remove(ResourceTypes.TARGET_GROUP, arn);
    }

    public TargetGroup modifyAttributes(Transaction transaction, String arn, Map<String, String> changes) {
        TargetGroup group = ElbArns.get(transaction, ResourceTypes.TARGET_GROUP, ElbArns.requireTargetGroup(arn));
        SortedMap<String, String> attributes = new TreeMap<>(group.attributes());
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String current = attributes.get(change.getKey());
            if (current == null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Target group attribute key '%s' is not recognized", change.getKey());
            }
            AttributeValues.check("Target group", change.getKey(), current, change.getValue());
            Optional<ElbCatalog.Range> range = catalog.targetGroupAttributeRange(change.getKey());
            if (range.isPresent() && !range.get().contains(Long.parseLong(change.getValue()))) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Target group attribute '%s' must be from %d to %d, not '%s'", change.getKey(),
                        range.get().min(), range.get().max(), change.getValue());
            }
            attributes.put(change.getKey(), change.getValue());
        }
        TargetGroup changed = group.withAttributes(attributes);
        // The NLB user guide: the draining interval "can only be configured when" unhealthy connection termination is off.
        if (changed.terminatesConnectionsWhenUnhealthy() && !changed.unhealthyDrainingInterval().isZero()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Target group attribute '%s' can only be set when '%s' is 'false'",
                    TargetGroup.UNHEALTHY_DRAINING_INTERVAL, TargetGroup.UNHEALTHY_CONNECTION_TERMINATION);
        }
        return transaction.put(ResourceTypes.TARGET_GROUP, changed);
    }

    /** Which kind of load balancer a target group serves, which decides its defaults. */
    static String family(ElbProtocol protocol, TargetType targetType) {
        if (targetType == TargetType.LAMBDA) {
            return "lambda";
        }
        if (protocol == null) {
            return "network";
        }
        return switch (protocol) {
            case GENEVE -> "gateway";
            case HTTP, HTTPS -> "application";
            case TCP, TLS, UDP, TCP_UDP, QUIC, TCP_QUIC -> "network";
        };
    }

    private HealthCheck defaults(String family, HealthCheckChange requested) {
        String healthCheckFamily = family.equals("network") && requested != null && requested.protocol() != null
                && requested.protocol() != ElbProtocol.TCP ? "network-http" : family;
        ElbCatalog.HealthCheckDefaults defaults = catalog.healthCheck(healthCheckFamily);
        return new HealthCheck(defaults.enabled(), defaults.protocol(), defaults.port(), defaults.interval(), defaults.timeout(), defaults.healthy(),
                defaults.unhealthy(), defaults.path(), defaults.matcher());
    }

    private static HealthCheck healthCheck(HealthCheck base, HealthCheckChange change, ElbProtocol protocol) {
        if (change == null) {
            return base;
        }
        ElbProtocol healthProtocol = change.protocol() == null ? base.protocol() : change.protocol();
        boolean http = switch (healthProtocol) {
            case HTTP, HTTPS -> true;
            case TCP -> false;
            case TLS, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC ->
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Health check protocol '%s' is not supported", healthProtocol.wireName());
        };
        if (isApplicationProtocol(protocol) && !http) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Health check protocol 'TCP' is not supported for target groups with the '%s' protocol",
                    protocol.wireName());
        }
        if (!http && (change.path() != null || change.matcher() != null)) {
            throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, "Custom health check paths and matchers are not supported for health checks with the 'TCP' protocol");
        }
        int interval = change.intervalSeconds() == null ? base.intervalSeconds() : change.intervalSeconds();
        int timeout = change.timeoutSeconds() == null ? base.timeoutSeconds() : change.timeoutSeconds();
        if (timeout >= interval) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Health check interval must be greater than the timeout.");
        }
        String port = change.port() == null ? base.port() : change.port();
        if (!port.equals("traffic-port")) {
            boolean numeric = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit);
            if (!numeric || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Health check port '%s' must be 'traffic-port' or a number from 1 to 65535", port);
            }
        }
        String path = http ? (change.path() != null ? change.path() : base.path() == null ? "/" : base.path()) : null;
        String matcher = http ? (change.matcher() != null ? change.matcher() : base.matcher() == null ? "200-399" : base.matcher()) : null;
        if (matcher != null) {
            // The checks match answers against it: a matcher they cannot read is refused here, not found broken later.
            HttpCodeMatcher.parse(matcher);
        }
        return new HealthCheck(change.enabled() == null ? base.enabled() : change.enabled(), healthProtocol, port, interval, timeout,
                change.healthyThreshold() == null ? base.healthyThreshold() : change.healthyThreshold(),
                change.unhealthyThreshold() == null ? base.unhealthyThreshold() : change.unhealthyThreshold(), path, matcher);
    }

    /** Whether the protocol is one of an application load balancer's; a lambda target group has none. */
    static boolean isApplicationProtocol(ElbProtocol protocol) {
        return protocol == ElbProtocol.HTTP || protocol == ElbProtocol.HTTPS;
    }
}
