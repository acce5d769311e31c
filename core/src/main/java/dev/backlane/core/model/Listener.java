package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A listener of a load balancer, identified by its ARN. Gateway load balancers' listeners have no
 * protocol or port: they take all IP traffic.
 */
public record Listener(
        String id,
        String loadBalancerArn,
        ElbProtocol protocol,
        Integer port,
        List<ListenerAction> defaultActions,
        List<String> certificateArns,
        String sslPolicy,
        SortedMap<String, String> attributes) implements Resource {

    public Listener {
        requireNonNull(id, "id is null");
        requireNonNull(loadBalancerArn, "loadBalancerArn is null");
        defaultActions = List.copyOf(requireNonNull(defaultActions, "defaultActions is null"));
        certificateArns = List.copyOf(requireNonNull(certificateArns, "certificateArns is null"));
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(attributes, "attributes is null")));
    }

    public boolean forwardsTo(String targetGroupArn) {
        return defaultActions.stream().anyMatch(action -> targetGroupArn.equals(action.targetGroupArn()));
    }

    public Listener withAttributes(SortedMap<String, String> changed) {
        return new Listener(id, loadBalancerArn, protocol, port, defaultActions, certificateArns, sslPolicy, changed);
    }
}
