package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ListenerAction;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.Transaction;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Creating, changing and deleting listeners. A listener's protocol must suit its load balancer's type,
 * and its forward actions must name target groups of the same VPC whose protocol the listener can
 * carry, used by no other load balancer.
 */
public final class ListenerCommands {
    private final Quotas quotas;
    private final ElbCatalog catalog;

    public ListenerCommands(Quotas quotas, ElbCatalog catalog) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** The parameters of CreateListener and ModifyListener that Backlane honours. */
    public record ListenerSettings(ElbProtocol protocol, Integer port, List<ListenerAction> defaultActions, List<String> certificateArns,
            String sslPolicy) {}

    public Listener create(Transaction transaction, String loadBalancerArn, ListenerSettings settings, List<ElbTags.Tag> tags) {
        LoadBalancer loadBalancer = ElbArns.get(transaction, ResourceTypes.LOAD_BALANCER, ElbArns.requireLoadBalancer(loadBalancerArn));
        List<Listener> siblings = transaction.all(ResourceTypes.LISTENER).stream()
                .filter(listener -> listener.loadBalancerArn().equals(loadBalancerArn))
                .toList();
        checkSettings(transaction, loadBalancer, settings, siblings, null);
        quotas.check("listeners-per-load-balancer", siblings.size(), ErrorCode.TOO_MANY_LISTENERS,
                "The quota for the number of listeners per load balancer has been reached");
        String arn = ElbArns.listener(transaction, loadBalancer);
        Listener listener = new Listener(arn, loadBalancerArn, settings.protocol(), settings.port(), numbered(settings.defaultActions()),
                settings.certificateArns(), sslPolicy(settings), catalog.listenerAttributes(settings.protocol()));
        transaction.put(ResourceTypes.LISTENER, listener);
        ElbTags.tagNew(transaction, arn, ResourceTypes.LISTENER, tags);
        return listener;
    }

    /** Changes a listener; members left null keep their values. */
    public Listener modify(Transaction transaction, String listenerArn, ListenerSettings change) {
        Listener listener = ElbArns.get(transaction, ResourceTypes.LISTENER, ElbArns.requireListener(listenerArn));
        LoadBalancer loadBalancer = ElbArns.get(transaction, ResourceTypes.LOAD_BALANCER, listener.loadBalancerArn());
        ListenerSettings merged = new ListenerSettings(
                change.protocol() == null ? listener.protocol() : change.protocol(),
                change.port() == null ? listener.port() : change.port(),
                change.defaultActions().isEmpty() ? listener.defaultActions() : change.defaultActions(),
                change.certificateArns().isEmpty() ? listener.certificateArns() : change.certificateArns(),
                change.sslPolicy() == null ? listener.sslPolicy() : change.sslPolicy());
        List<Listener> siblings = transaction.all(ResourceTypes.LISTENER).stream()
                .filter(other -> other.loadBalancerArn().equals(listener.loadBalancerArn()) && !other.id().equals(listenerArn))
                .toList();
        checkSettings(transaction, loadBalancer, merged, siblings, listenerArn);
        SortedMap<String, String> attributes = merged.protocol() != null && merged.protocol().equals(listener.protocol())
                ? listener.attributes()
                : catalog.listenerAttributes(merged.protocol());
        Listener changed = new Listener(listenerArn, listener.loadBalancerArn(), merged.protocol(), merged.port(), numbered(merged.defaultActions()),
                merged.certificateArns(), sslPolicy(merged), attributes);
        return transaction.put(ResourceTypes.LISTENER, changed);
    }

    public void delete(Transaction transaction, String listenerArn) {
        ElbArns.get(transaction, ResourceTypes.LISTENER, ElbArns.requireListener(listenerArn));
        transaction.remove(ResourceTypes.LISTENER, listenerArn);
    }

    public Listener modifyAttributes(Transaction transaction, String listenerArn, Map<String, String> changes) {
        Listener listener = ElbArns.get(transaction, ResourceTypes.LISTENER, ElbArns.requireListener(listenerArn));
        SortedMap<String, String> attributes = new TreeMap<>(listener.attributes());
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String current = attributes.get(change.getKey());
            if (current == null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Listener attribute key '%s' is not recognized", change.getKey());
            }
            AttributeValues.check("Listener", change.getKey(), current, change.getValue());
            if (change.getKey().equals("tcp.idle_timeout.seconds")) {
                int seconds = Integer.parseInt(change.getValue());
                if (seconds < 60 || seconds > 6000) {
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Listener attribute 'tcp.idle_timeout.seconds' must be from 60 to 6000");
                }
            }
            attributes.put(change.getKey(), change.getValue());
        }
        return transaction.put(ResourceTypes.LISTENER, listener.withAttributes(attributes));
    }

    private static void checkSettings(Transaction transaction, LoadBalancer loadBalancer, ListenerSettings settings, List<Listener> siblings,
            String self) {
        switch (loadBalancer.type()) {
            case GATEWAY -> {
                if (settings.protocol() != null || settings.port() != null) {
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Protocol and port cannot be specified for listeners of gateway load balancers");
                }
                if (!siblings.isEmpty()) {
                    throw AwsException.of(ErrorCode.DUPLICATE_LISTENER, "A listener already exists for this load balancer '%s'", loadBalancer.id());
                }
            }
            case NETWORK, APPLICATION -> {
                if (settings.protocol() == null || settings.port() == null) {
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A protocol and a port must be specified");
                }
                if (!listens(loadBalancer.type(), settings.protocol())) {
                    throw AwsException.of(ErrorCode.INCOMPATIBLE_PROTOCOLS, "Listener protocol '%s' is not supported for load balancers of type '%s'",
                            settings.protocol().wireName(), loadBalancer.type().wireName());
                }
                if (settings.port() < 1 || settings.port() > 65535) {
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Listener port '%d' must be from 1 to 65535", settings.port());
                }
                if (settings.protocol().terminatesTls() && settings.certificateArns().isEmpty()) {
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A certificate must be specified for %s listeners", settings.protocol().wireName());
                }
                for (Listener sibling : siblings) {
                    if (settings.port().equals(sibling.port())) {
                        throw AwsException.of(ErrorCode.DUPLICATE_LISTENER, "A listener already exists on this port for this load balancer '%s'",
                                loadBalancer.id());
                    }
                }
            }
        }
        if (settings.defaultActions().isEmpty()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "At least one default action must be specified");
        }
        for (ListenerAction action : settings.defaultActions()) {
            if (!action.type().equals("forward")) {
                throw AwsException.of(ErrorCode.INVALID_LOAD_BALANCER_ACTION, "The action type '%s' is not supported for load balancers of type '%s'",
                        action.type(), loadBalancer.type().wireName());
            }
            if (action.targetGroupArn() == null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A target group ARN must be specified for forward actions");
            }
            TargetGroup group = ElbArns.get(transaction, ResourceTypes.TARGET_GROUP, ElbArns.requireTargetGroup(action.targetGroupArn()));
            checkTargetGroup(transaction, loadBalancer, settings.protocol(), group, self);
        }
    }

    /**
     * Whether a load balancer of the type takes listeners of the protocol. Network load balancers'
     * QUIC and TCP_QUIC listeners are not emulated yet (their rules on security groups, dual stack and
     * UDP siblings are not), so they are refused as protocols the type does not support.
     */
    private static boolean listens(LoadBalancerType type, ElbProtocol protocol) {
        return switch (protocol) {
            case HTTP, HTTPS -> type == LoadBalancerType.APPLICATION;
            case TCP, TLS, UDP, TCP_UDP -> type == LoadBalancerType.NETWORK;
            case GENEVE, QUIC, TCP_QUIC -> false;
        };
    }

    /** Whether a network listener of the protocol can forward to a target group of {@code target}'s protocol. */
    private static boolean forwards(ElbProtocol listener, ElbProtocol target) {
        return switch (listener) {
            case TCP -> target == ElbProtocol.TCP || target == ElbProtocol.TCP_UDP;
            case UDP -> target == ElbProtocol.UDP || target == ElbProtocol.TCP_UDP;
            case TCP_UDP -> target == ElbProtocol.TCP_UDP;
            case TLS -> target == ElbProtocol.TLS || target == ElbProtocol.TCP;
            case HTTP, HTTPS, GENEVE, QUIC, TCP_QUIC -> false;
        };
    }

    private static void checkTargetGroup(Transaction transaction, LoadBalancer loadBalancer, ElbProtocol protocol, TargetGroup group, String self) {
        boolean compatible = switch (loadBalancer.type()) {
            case GATEWAY -> group.protocol() == ElbProtocol.GENEVE;
            case NETWORK -> group.protocol() != null && forwards(protocol, group.protocol());
            case APPLICATION -> group.targetType() == TargetType.LAMBDA || TargetGroupCommands.isApplicationProtocol(group.protocol());
        };
        if (!compatible) {
            throw AwsException.of(ErrorCode.INCOMPATIBLE_PROTOCOLS, "Listener protocol '%s' is not compatible with target group protocol '%s' of '%s'",
                    protocol == null ? "GENEVE" : protocol.wireName(), group.protocol() == null ? null : group.protocol().wireName(), group.id());
        }
        if (group.vpcId() != null && !group.vpcId().equals(loadBalancer.vpcId())) {
            throw AwsException.of(ErrorCode.INVALID_CONFIGURATION_REQUEST, "Target group '%s' is in VPC '%s', not in the load balancer's VPC '%s'",
                    group.id(), group.vpcId(), loadBalancer.vpcId());
        }
        for (Listener other : transaction.all(ResourceTypes.LISTENER)) {
            if (!other.id().equals(self) && other.forwardsTo(group.id()) && !other.loadBalancerArn().equals(loadBalancer.id())) {
                throw AwsException.of(ErrorCode.TARGET_GROUP_ASSOCIATION_LIMIT,
                        "The following target groups cannot be associated with more than one load balancer: %s", group.id());
            }
        }
    }

    private static List<ListenerAction> numbered(List<ListenerAction> actions) {
        return java.util.stream.IntStream.range(0, actions.size())
                .mapToObj(i -> new ListenerAction(actions.get(i).type(), actions.get(i).targetGroupArn(),
                        actions.get(i).order() == null ? Integer.valueOf(i + 1) : actions.get(i).order()))
                .toList();
    }

    private static String sslPolicy(ListenerSettings settings) {
        if (settings.protocol() == null || !settings.protocol().terminatesTls()) {
            return null;
        }
        return settings.sslPolicy() == null ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : settings.sslPolicy();
    }
}
