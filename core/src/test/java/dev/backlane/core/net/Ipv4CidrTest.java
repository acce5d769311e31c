package dev.backlane.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4CidrTest {
    @Test
    void parsesStrictly() {
        assertEquals("10.0.0.0/16", Ipv4Cidr.parse("10.0.0.0/16").orElseThrow().toString());
        for (String bad : new String[] {"10.0.0.0/33", "300.1.1.1/16", "10.0.0.1/16", "10.0.0/16", "10.0.0.0", "10.0.0.0/", "a.b.c.d/8",
                "10.0.0.0/1a", "010.0.0.0/8x", " 10.0.0.0/16", "10.0.0.0.0/16", "10..0.0/16", "1000.0.0.0/8"}) {
            assertTrue(Ipv4Cidr.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void lenientParsingClearsHostBits() {
        assertEquals("10.0.0.0/16", Ipv4Cidr.parseLenient("10.0.3.4/16").orElseThrow().toString());
    }

    @Test
    void containmentAndOverlap() {
        Ipv4Cidr vpc = Ipv4Cidr.parse("10.0.0.0/16").orElseThrow();
        Ipv4Cidr subnet = Ipv4Cidr.parse("10.0.1.0/24").orElseThrow();
        assertTrue(vpc.contains(subnet));
        assertFalse(subnet.contains(vpc));
        assertTrue(vpc.overlaps(subnet));
        assertFalse(subnet.overlaps(Ipv4Cidr.parse("10.0.2.0/24").orElseThrow()));
        assertEquals(256, subnet.size());
        assertEquals("10.0.1.255", Ipv4Address.format(subnet.last()));
    }

    @Test
    void ipv6CidrsParseAndPrintCanonically() {
        Ipv6Cidr block = Ipv6Cidr.parse("2600:1f18:0:ab00::/56").orElseThrow();
        assertEquals("2600:1f18:0:ab00::/56", block.toString());
        assertTrue(block.contains(Ipv6Cidr.parse("2600:1f18:0:ab01::/64").orElseThrow()));
        assertTrue(Ipv6Cidr.parse("2600:1f18::1/56").isEmpty());
        assertTrue(Ipv6Cidr.parse("example.com/56").isEmpty());
        assertTrue(Ipv6Cidr.parse("10.0.0.0/16").isEmpty());
    }
}
