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
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
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
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
