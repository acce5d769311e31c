package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.MatchedRule.SecurityGroupRuleMatch;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The security groups of a scope made ready for evaluation. Security groups only allow, and are
 * stateful: a rule of any of an interface's groups that covers the protocol, port and peer lets the
 * traffic (and its reply) pass. A peer is a CIDR, a prefix list's CIDRs, or a group the other end's
 * interface belongs to.
 */
public final class SecurityGroupEvaluator {
    private final Map<String, List<Rule>> ingress = new HashMap<>();
    private final Map<String, List<Rule>> egress = new HashMap<>();

    private record Rule(SecurityGroupRule rule, List<Ipv4Cidr> cidrs, String referencedGroupId) {}

    /**
     * @param groups every group of the scope
     * @param prefixListCidrs the CIDRs of a prefix list, empty when the list is unknown
     */
    public SecurityGroupEvaluator(Collection<SecurityGroup> groups, Function<String, List<Ipv4Cidr>> prefixListCidrs) {
        for (SecurityGroup group : groups) {
            List<Rule> in = new ArrayList<>();
            List<Rule> out = new ArrayList<>();
            for (SecurityGroupRule rule : group.rules()) {
                // The engine follows IPv4 only, so an IPv6 rule (or an unreadable CIDR) matches nothing.
                Optional<Rule> compiled = switch (rule.peerKind()) {
                    case IPV4_CIDR -> Ipv4Cidr.parseLenient(rule.cidrIpv4()).map(cidr -> new Rule(rule, List.of(cidr), null));
                    case IPV6_CIDR -> Optional.empty();
                    case PREFIX_LIST -> Optional.of(new Rule(rule, prefixListCidrs.apply(rule.prefixListId()), null));
                    case SECURITY_GROUP -> Optional.of(new Rule(rule, List.of(), rule.referencedGroupId()));
                };
                compiled.ifPresent((rule.egress() ? out : in)::add);
            }
            ingress.put(group.id(), List.copyOf(in));
            egress.put(group.id(), List.copyOf(out));
        }
    }

    /** The first rule of the groups allowing traffic out to {@code peer} (whose interface is in {@code peerGroups}). */
    public Optional<SecurityGroupRuleMatch> egress(List<String> groupIds, long peer, List<String> peerGroups, Protocol protocol, int port) {
        return find(egress, groupIds, peer, peerGroups, protocol, port);
    }

    /** The first rule of the groups allowing traffic in from {@code peer} (whose interface is in {@code peerGroups}). */
    public Optional<SecurityGroupRuleMatch> ingress(List<String> groupIds, long peer, List<String> peerGroups, Protocol protocol, int port) {
        return find(ingress, groupIds, peer, peerGroups, protocol, port);
    }

    /** Whether the group is known in the scope. */
    public boolean knows(String groupId) {
        return ingress.containsKey(groupId);
    }

    private static Optional<SecurityGroupRuleMatch> find(Map<String, List<Rule>> rules, List<String> groupIds, long peer,
            List<String> peerGroups, Protocol protocol, int port) {
        for (String groupId : groupIds) {
            for (Rule rule : rules.getOrDefault(groupId, List.of())) {
                if (covers(rule.rule(), protocol, port) && peerMatches(rule, peer, peerGroups)) {
                    return Optional.of(new SecurityGroupRuleMatch(groupId, rule.rule()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean covers(SecurityGroupRule rule, Protocol protocol, int port) {
        if (ProtocolMatch.isAll(rule.ipProtocol())) {
            return true;
        }
        if (!ProtocolMatch.covers(rule.ipProtocol(), protocol)) {
            return false;
        }
        if (!protocol.hasPorts()) {
            return rule.fromPort() == -1 || rule.fromPort() == ProtocolMatch.ECHO_REQUEST;
        }
        return rule.fromPort() == -1 || (rule.fromPort() <= port && port <= rule.toPort());
    }

    private static boolean peerMatches(Rule rule, long peer, List<String> peerGroups) {
        if (rule.referencedGroupId() != null) {
            return peerGroups.contains(rule.referencedGroupId());
        }
        for (Ipv4Cidr cidr : rule.cidrs()) {
            if (cidr.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /** A rule as people read it: {@code sgr-1 allows tcp 443 from 10.0.0.0/16}. */
    public static String describe(SecurityGroupRuleMatch match) {
        SecurityGroupRule rule = match.rule();
        String protocol = ProtocolMatch.isAll(rule.ipProtocol()) ? "all traffic" : rule.ipProtocol();
        String ports = ProtocolMatch.isAll(rule.ipProtocol()) || rule.fromPort() == -1 ? ""
                : rule.fromPort() == rule.toPort() ? " port " + rule.fromPort() : " ports " + rule.fromPort() + "-" + rule.toPort();
        return rule.id() + " allows " + protocol + ports + (rule.egress() ? " to " : " from ") + rule.peer();
    }
}
