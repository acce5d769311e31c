package dev.backlane.server.api.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WildcardPatternTest {
    @Test
    void starAndQuestionMark() {
        assertTrue(WildcardPattern.compile("web-*").matches("web-1"));
        assertTrue(WildcardPattern.compile("web-*").matches("web-"));
        assertFalse(WildcardPattern.compile("web-*").matches("db-1"));
        assertTrue(WildcardPattern.compile("net-?").matches("net-7"));
        assertFalse(WildcardPattern.compile("net-?").matches("net-77"));
        assertTrue(WildcardPattern.compile("*a*b*").matches("xxaxxbxx"));
        assertFalse(WildcardPattern.compile("*a*b").matches("xxaxxbxx"));
    }

    @Test
    void backslashEscapesWildcards() {
        assertTrue(WildcardPattern.compile("a\\*b").matches("a*b"));
        assertFalse(WildcardPattern.compile("a\\*b").matches("axxb"));
        assertTrue(WildcardPattern.compile("a\\?").matches("a?"));
        assertFalse(WildcardPattern.compile("a\\?").matches("ab"));
    }

    @Test
    void plainValuesMatchExactlyAndCaseSensitively() {
        assertTrue(WildcardPattern.compile("Prod").matches("Prod"));
        assertFalse(WildcardPattern.compile("Prod").matches("prod"));
    }

    @Test
    void literalPrefixStopsAtTheFirstWildcardAndKeepsEscapedOnes() {
        assertEquals("load-1-", WildcardPattern.compile("load-1-*").literalPrefix());
        assertEquals("web-", WildcardPattern.compile("web-?x*").literalPrefix());
        assertEquals("", WildcardPattern.compile("*-db").literalPrefix());
        assertEquals("a*b", WildcardPattern.compile("a\\*b*").literalPrefix());
        assertEquals("exact", WildcardPattern.compile("exact").literalPrefix());
    }
}
