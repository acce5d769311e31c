package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatchingPrimitivesTest {

    @Test
    void globBacktracksAcrossSeveralStars() {
        assertTrue(Glob.compile("*a*b*c*").matches("xxaxxbxxcxx"));
        assertFalse(Glob.compile("*a*b*c*").matches("xxaxxcxxbxx"));
        assertTrue(Glob.compile("a*").matches("a"));
        assertFalse(Glob.compile("a?").matches("a"));
        assertTrue(Glob.compile("").matches(""));
        assertFalse(Glob.compile("").matches("a"));
        assertTrue(Glob.compile("ab").matches("xaby", 1, 3));
    }

    @Test
    void longPatternsStayFast() {
        String input = "a".repeat(5_000);
        assertFalse(Glob.compile("*a*a*a*a*a*a*a*b").matches(input));
    }

    @Test
    void ipAddressesParseWithoutLookups() {
        assertArrayEquals(new byte[] {10, 0, 0, 1}, IpAddresses.parse("10.0.0.1"));
        assertNull(IpAddresses.parse("10.0.0.256"));
        assertNull(IpAddresses.parse("10.0.0"));
        assertNull(IpAddresses.parse("localhost"));
        assertNull(IpAddresses.parse("1::2::3"));
        assertNull(IpAddresses.parse("1:2:3:4:5:6:7:8:9"));
        assertTrue(IpRange.parse("2001:db8::/32").contains(IpAddresses.parse("2001:0db8:0:0:0:0:0:1")));
        assertNull(IpRange.parse("10.0.0.0/33"));
        assertNull(IpRange.parse("10.0.0.0/"));
    }

    @Test
    void templatesResolveVariablesAndEscapes() {
        RequestContext context = RequestContext.builder().add("aws:username", "alice").add("aws:TagKeys", "a").add("aws:TagKeys", "b").build();
        assertTrue(Template.parse("home/${aws:username}", true).resolveText(context).orElseThrow().equals("home/alice"));
        assertTrue(Template.parse("${aws:TagKeys}", true).resolveText(context).isEmpty(), "a multivalued key is no variable");
        assertTrue(Template.parse("${aws:TagKeys, 'none'}", true).resolveText(context).orElseThrow().equals("none"));
        assertTrue(Template.parse("${unclosed", true).resolveText(context).orElseThrow().equals("${unclosed"));
        assertTrue(Template.parse("${*}${?}${$}", true).resolveText(context).orElseThrow().equals("*?$"));
        assertTrue(Template.parse("${aws:username}", false).resolveText(context).orElseThrow().equals("${aws:username}"));
    }
}
