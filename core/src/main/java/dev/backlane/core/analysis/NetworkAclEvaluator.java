package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A network ACL made ready for evaluation: IPv4 entries per direction in rule-number order, CIDRs
 * parsed. Evaluation is AWS's: the first entry that matches decides, the {@code *} entry denies the rest.
 * A port range is allowed only when every port in it is (the reply may use any ephemeral port).
 */
public final class NetworkAclEvaluator {
    private final NetworkAcl acl;
    private final List<Entry> inbound;
    private final List<Entry> outbound;

    private record Entry(NetworkAclEntry entry, Ipv4Cidr cidr) {}

    /** The decision and the entry that made it (the entry denying part of a range, for a range). */
    public record Result(boolean allowed, NetworkAclEntry entry) {
        public Result {
            requireNonNull(entry, "entry is null");
        }
    }

    public NetworkAclEvaluator(NetworkAcl acl) {
        this.acl = requireNonNull(acl, "acl is null");
        List<Entry> in = new ArrayList<>();
        List<Entry> out = new ArrayList<>();
        for (NetworkAclEntry entry : acl.entries()) {
            if (entry.cidrBlock() == null) {
                continue;
            }
            Optional<Ipv4Cidr> cidr = Ipv4Cidr.parseLenient(entry.cidrBlock());
            if (cidr.isPresent()) {
                (entry.egress() ? out : in).add(new Entry(entry, cidr.get()));
            }
        }
        in.sort(Comparator.comparingInt(entry -> entry.entry().ruleNumber()));
        out.sort(Comparator.comparingInt(entry -> entry.entry().ruleNumber()));
        this.inbound = List.copyOf(in);
        this.outbound = List.copyOf(out);
    }

    public String id() {
        return acl.id();
    }

    /**
     * Whether traffic to or from {@code peer} on ports {@code fromPort..toPort} (ICMP: the type in
     * {@code fromPort}) passes in the direction given.
     */
    public Result evaluate(boolean egress, long peer, Protocol protocol, int fromPort, int toPort) {
        // Ports of the range not yet decided, as [from, to] pairs.
        List<int[]> open = new ArrayList<>(List.of(new int[] {fromPort, toPort}));
        NetworkAclEntry lastAllow = null;
        for (Entry candidate : egress ? outbound : inbound) {
            NetworkAclEntry entry = candidate.entry();
            if (!candidate.cidr().contains(peer) || !ProtocolMatch.covers(entry.protocol(), protocol)) {
                continue;
            }
            int[] ports = ports(entry, protocol);
            List<int[]> remaining = new ArrayList<>();
            boolean touched = false;
            for (int[] range : open) {
                int low = Math.max(range[0], ports[0]);
                int high = Math.min(range[1], ports[1]);
                if (low > high) {
                    remaining.add(range);
                    continue;
                }
                touched = true;
                if (range[0] < low) {
                    remaining.add(new int[] {range[0], low - 1});
                }
                if (high < range[1]) {
                    remaining.add(new int[] {high + 1, range[1]});
                }
            }
            if (!touched) {
                continue;
            }
            if (!entry.ruleAction().equalsIgnoreCase("allow")) {
                return new Result(false, entry);
            }
            lastAllow = entry;
            open = remaining;
            if (open.isEmpty()) {
                return new Result(true, lastAllow);
            }
        }
        return new Result(false, defaultEntry(egress));
    }

    private static int[] ports(NetworkAclEntry entry, Protocol protocol) {
        if (ProtocolMatch.isAll(entry.protocol())) {
            return new int[] {0, 65535};
        }
        if (!protocol.hasPorts()) {
            Integer type = entry.icmpType();
            return type == null || type == -1 ? new int[] {0, 255} : new int[] {type, type};
        }
        if (entry.fromPort() == null || entry.toPort() == null) {
            return new int[] {0, 65535};
        }
        return new int[] {entry.fromPort(), entry.toPort()};
    }

    private NetworkAclEntry defaultEntry(boolean egress) {
        for (NetworkAclEntry entry : acl.entries()) {
            if (entry.isDefaultRule() && entry.egress() == egress && entry.cidrBlock() != null) {
                return entry;
            }
        }
        return new NetworkAclEntry(NetworkAclEntry.DEFAULT_RULE_NUMBER, egress, "-1", "deny", "0.0.0.0/0", null, null, null, null, null);
    }

    /** A rule as people read it: {@code rule 100 allow tcp 443 0.0.0.0/0}. */
    public static String describe(NetworkAclEntry entry) {
        String number = entry.isDefaultRule() ? "*" : Integer.toString(entry.ruleNumber());
        String protocol = ProtocolMatch.isAll(entry.protocol()) ? "all traffic" : protocolName(entry.protocol());
        String ports = "";
        if (!ProtocolMatch.isAll(entry.protocol()) && entry.fromPort() != null) {
            ports = entry.fromPort().equals(entry.toPort()) ? " port " + entry.fromPort() : " ports " + entry.fromPort() + "-" + entry.toPort();
        }
        return "rule " + number + " " + entry.ruleAction() + " " + protocol + ports + " " + (entry.egress() ? "to " : "from ") + entry.cidrBlock();
    }

    private static String protocolName(String protocol) {
        return switch (protocol) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> "protocol " + protocol;
        };
    }
}
