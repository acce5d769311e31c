package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One {@code IpPermission} of a request, as the caller gave it: a protocol, ports (or ICMP type and
 * code) and the peers it grants. Each peer becomes one rule.
 */
public record SecurityGroupPermission(String ipProtocol, Integer fromPort, Integer toPort, List<Peer> peers) {
    public SecurityGroupPermission {
        peers = List.copyOf(requireNonNull(peers, "peers is null"));
    }

    /** What a peer names. */
    public enum PeerKind {
        CIDR_IPV4,
        CIDR_IPV6,
        PREFIX_LIST,
        GROUP_ID,
        GROUP_NAME
    }

    /** A peer: its kind and value; {@code userId} is the owner of a referenced group when given. */
    public record Peer(PeerKind kind, String value, String userId, String description) {
        public Peer {
            requireNonNull(kind, "kind is null");
        }
    }
}
