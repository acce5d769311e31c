package dev.backlane.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for names that are not in a list: the known names closest to the given one by
 * Damerau-Levenshtein distance (optimal string alignment, so a swap of two neighbouring letters costs
 * one), ignoring case. A name only counts as near when few edits separate it from the given one,
 * relative to its length, so that short unknown names get no suggestion rather than a random one.
 */
final class NearestNames {

    private static final int MOST_SUGGESTIONS = 3;

    private NearestNames() {
    }

    /** The nearest names, best first, at most three; empty when none is near. */
    static List<String> of(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = allowedEdits(wanted.length());
        int best = limit + 1;
        List<String> nearest = new ArrayList<>();
        for (String candidate : known) {
            if (Math.abs(candidate.length() - wanted.length()) > Math.min(best, limit)) {
                continue;
            }
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT), Math.min(best, limit));
            if (distance < best) {
                best = distance;
                nearest.clear();
            }
            if (distance == best && distance <= limit) {
                nearest.add(candidate);
            }
        }
        nearest.sort(String.CASE_INSENSITIVE_ORDER);
        return List.copyOf(nearest.subList(0, Math.min(MOST_SUGGESTIONS, nearest.size())));
    }

    /** " Did you mean X?" or " Did you mean X or Y?", or empty text when nothing is near. */
    static String suggestion(List<String> nearest) {
        if (nearest.isEmpty()) {
            return "";
        }
        return " Did you mean " + String.join(" or ", nearest) + "?";
    }

    private static int allowedEdits(int length) {
        if (length <= 3) {
            return 1;
        }
        return length <= 8 ? 2 : Math.max(2, length / 4);
    }

    static int distance(String a, String b) {
        return distance(a, b, Integer.MAX_VALUE - 1);
    }

    /** The distance, or a number above {@code bound} as soon as the distance is known to exceed it. */
    private static int distance(String a, String b, int bound) {
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, beforePrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.min(rowMinimum, value);
            }
            if (rowMinimum > bound) {
                return bound + 1;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }
}
