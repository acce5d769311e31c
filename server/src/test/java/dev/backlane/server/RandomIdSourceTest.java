package dev.backlane.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdSourceTest {
    @Test
    void idsHaveAwsLongFormStartingWithZero() {
        RandomIdSource ids = new RandomIdSource();
        for (int i = 0; i < 1000; i++) {
            String id = ids.next("sg");
            assertTrue(id.matches("sg-0[0-9a-f]{16}"), id);
        }
    }

    @Test
    void idsMadeOneAfterAnotherSortInTheOrderTheyWereMadeUnlessTheCountWraps() {
        RandomIdSource ids = new RandomIdSource();
        String previous = ids.next("sgr");
        int wraps = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String next = ids.next("sgr");
            assertTrue(seen.add(next), "unique: " + next);
            long counted = Long.parseLong(next.substring(5, 12), 16);
            long before = Long.parseLong(previous.substring(5, 12), 16);
            assertEquals((before + 1) & 0xfffffff, counted, previous + " then " + next);
            if (next.compareTo(previous) < 0) {
                wraps++;
            }
            previous = next;
        }
        assertTrue(wraps <= 1, "wrapped " + wraps + " times");
    }

    @Test
    void twoSourcesStartCountingFarApart() {
        // The start is random: two servers' IDs do not run into each other's sequence.
        Set<String> starts = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            starts.add(new RandomIdSource().next("vpc").substring(5, 12));
        }
        assertTrue(starts.size() >= 19, "starts: " + starts);
    }

    @Test
    void hexDigitsAreRandomNotCounted() {
        RandomIdSource ids = new RandomIdSource();
        String hex = ids.hex(16);
        assertTrue(hex.matches("[0-9a-f]{16}"), hex);
        assertNotEquals(hex, ids.hex(16));
    }
}
