package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.MatchedRule.AclRuleMatch;
import dev.backlane.core.net.Ipv4Address;
import java.util.Optional;

/**
 * Network ACL checks of one path, recorded as hops (and, when one denies, the explanation) in its trace.
 * ACLs are stateless, so a path checks the request's port one way and the reply's ephemeral ports back.
 */
final class AclCheck {
    static final int EPHEMERAL_FROM = 1024;
    static final int EPHEMERAL_TO = 65535;

    private final Trace trace;
    private final Protocol protocol;
    private final String traffic;

    /** {@code traffic} names the request in explanations, e.g. {@code tcp 443}. */
    AclCheck(Trace trace, Protocol protocol, String traffic) {
        this.trace = requireNonNull(trace, "trace is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.traffic = requireNonNull(traffic, "traffic is null");
    }

    /** Checks and records the ACL of {@code subnetId} for the request; false (explanation recorded) when it denies. */
    boolean request(ScopeIndex at, String subnetId, boolean egress, long peer, int port) {
        return check(at, subnetId, egress, peer, port, port, false);
    }

    /** Checks and records the ACL of {@code subnetId} for the reply on the ephemeral ports. */
    boolean reply(ScopeIndex at, String subnetId, boolean egress, long peer) {
        return check(at, subnetId, egress, peer, EPHEMERAL_FROM, EPHEMERAL_TO, true);
    }

    private boolean check(ScopeIndex at, String subnetId, boolean egress, long peer, int fromPort, int toPort, boolean returnPath) {
        Optional<NetworkAclEvaluator> acl = at.aclOf(subnetId);
        if (acl.isEmpty()) {
            return true;
        }
        int low = protocol.hasPorts() ? fromPort : returnPath ? ProtocolMatch.ECHO_REPLY : ProtocolMatch.ECHO_REQUEST;
        int high = protocol.hasPorts() ? toPort : low;
        NetworkAclEvaluator.Result result = acl.get().evaluate(egress, peer, protocol, low, high);
        String direction = (egress ? "outbound " : "inbound ") + (returnPath ? "reply " : "");
        String detail = direction + NetworkAclEvaluator.describe(result.entry()) + (result.allowed() ? "" : " (denies)");
        Hop hop = Hop.of(acl.get().id(), HopType.NETWORK_ACL, detail, new AclRuleMatch(acl.get().id(), result.entry()));
        trace.hop(returnPath ? hop.onReturnPath() : hop);
        if (!result.allowed()) {
            String what = returnPath ? "the reply on ports " + EPHEMERAL_FROM + "-" + EPHEMERAL_TO : traffic;
            trace.note(new Explanation(ExplanationCode.SUBNET_ACL_RESTRICTION, acl.get().id(), acl.get().id() + " of " + subnetId
                    + " does not allow " + (egress ? "outbound " : "inbound ") + what + (egress ? " to " : " from ") + Ipv4Address.format(peer)
                    + ": " + NetworkAclEvaluator.describe(result.entry())));
        }
        return result.allowed();
    }
}
