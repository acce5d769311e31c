package dev.backlane.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A rule has exactly one peer, and says which kind it is. */
class SecurityGroupRuleTest {
    @Test
    void eachPeerIsOfItsKind() {
        assertEquals(SecurityGroupRule.PeerKind.IPV4_CIDR, rule("10.0.0.0/8", null, null, null).peerKind());
        assertEquals(SecurityGroupRule.PeerKind.IPV6_CIDR, rule(null, "::/0", null, null).peerKind());
        assertEquals(SecurityGroupRule.PeerKind.PREFIX_LIST, rule(null, null, "pl-0123456789abcdef0", null).peerKind());
        SecurityGroupRule group = rule(null, null, null, "sg-0123456789abcdef0");
        assertEquals(SecurityGroupRule.PeerKind.SECURITY_GROUP, group.peerKind());
        assertEquals("sg-0123456789abcdef0", group.peer());
    }

    @Test
    void aRuleWithoutAPeerOrWithTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> rule(null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> rule("10.0.0.0/8", null, null, "sg-0123456789abcdef0"));
    }

    private static SecurityGroupRule rule(String cidrIpv4, String cidrIpv6, String prefixListId, String groupId) {
        return new SecurityGroupRule("sgr-0123456789abcdef0", false, "tcp", 443, 443, cidrIpv4, cidrIpv6, prefixListId, groupId,
                groupId == null ? null : "111111111111", null);
    }
}
