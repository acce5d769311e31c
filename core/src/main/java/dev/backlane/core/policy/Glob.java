package dev.backlane.core.policy;

/**
 * A compiled wildcard pattern: {@code *} matches any run of characters, {@code ?} exactly one. A
 * character can be a literal {@code *} or {@code ?} when it came from an escape such as {@code ${*}}
 * or from a variable's value, so wildcards are flagged per position rather than found by scanning.
 * Matching needs no regex and allocates nothing; common shapes (everything, exact, prefix) take a
 * shortcut.
 */
final class Glob {

    private enum Shape {
        ANYTHING,
        EXACT,
        PREFIX,
        GENERAL
    }

    private static final Glob ANYTHING = new Glob(new char[] {'*'}, new boolean[] {true});

    private final char[] characters;
    private final boolean[] wildcard;
    private final Shape shape;
    private final String literal;

    private Glob(char[] characters, boolean[] wildcard) {
        this.characters = characters;
        this.wildcard = wildcard;
        int wildcards = 0;
        int lastWildcard = -1;
        for (int i = 0; i < wildcard.length; i++) {
            if (wildcard[i]) {
                wildcards++;
                lastWildcard = i;
            }
        }
        if (wildcards == 0) {
            shape = Shape.EXACT;
            literal = new String(characters);
        } else if (wildcards == 1 && lastWildcard == characters.length - 1 && characters[lastWildcard] == '*') {
            shape = characters.length == 1 ? Shape.ANYTHING : Shape.PREFIX;
            literal = new String(characters, 0, characters.length - 1);
        } else {
            shape = Shape.GENERAL;
            literal = null;
        }
    }

    /** A pattern in which every {@code *} and {@code ?} is a wildcard. */
    static Glob compile(String pattern) {
        char[] characters = pattern.toCharArray();
        boolean[] wildcard = new boolean[characters.length];
        for (int i = 0; i < characters.length; i++) {
            wildcard[i] = characters[i] == '*' || characters[i] == '?';
        }
        return new Glob(characters, wildcard);
    }

    /** A pattern with no wildcards at all. */
    static Glob literal(String text) {
        return new Glob(text.toCharArray(), new boolean[text.length()]);
    }

    static Glob anything() {
        return ANYTHING;
    }

    /** Builds a pattern part by part, choosing per part whether its {@code *} and {@code ?} are wildcards. */
    static final class Builder {
        private final StringBuilder characters = new StringBuilder();
        private boolean[] wildcard = new boolean[16];

        Builder append(String text, boolean wildcardsActive) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                append(c, wildcardsActive && (c == '*' || c == '?'));
            }
            return this;
        }

        private void append(char c, boolean isWildcard) {
            int index = characters.length();
            if (index == wildcard.length) {
                wildcard = java.util.Arrays.copyOf(wildcard, index * 2);
            }
            characters.append(c);
            wildcard[index] = isWildcard;
        }

        Glob build() {
            char[] chars = characters.toString().toCharArray();
            return new Glob(chars, java.util.Arrays.copyOf(wildcard, chars.length));
        }
    }

    /** The part of this pattern between two character positions, keeping each position's wildcard flag. */
    Glob slice(int from, int to) {
        return new Glob(java.util.Arrays.copyOfRange(characters, from, to), java.util.Arrays.copyOfRange(wildcard, from, to));
    }

    boolean matchesEverything() {
        return shape == Shape.ANYTHING;
    }

    boolean matches(String input) {
        return matches(input, 0, input.length());
    }

    /** Whether {@code input[from, to)} matches the whole pattern. */
    boolean matches(String input, int from, int to) {
        switch (shape) {
            case ANYTHING:
                return true;
            case EXACT:
                return to - from == literal.length() && input.regionMatches(from, literal, 0, literal.length());
            case PREFIX:
                return to - from >= literal.length() && input.regionMatches(from, literal, 0, literal.length());
            case GENERAL:
                return matchesGeneral(input, from, to);
        }
        throw new AssertionError(shape);
    }

    // Greedy matching that remembers the last star and retries from one character further on a
    // mismatch: linear for most patterns, never exponential.
    private boolean matchesGeneral(String input, int from, int to) {
        int length = characters.length;
        int p = 0;
        int s = from;
        int starPattern = -1;
        int starInput = from;
        while (s < to) {
            if (p < length && wildcard[p] && characters[p] == '*') {
                starPattern = p++;
                starInput = s;
            } else if (p < length && ((wildcard[p] && characters[p] == '?') || characters[p] == input.charAt(s))) {
                p++;
                s++;
            } else if (starPattern >= 0) {
                p = starPattern + 1;
                s = ++starInput;
            } else {
                return false;
            }
        }
        while (p < length && wildcard[p] && characters[p] == '*') {
            p++;
        }
        return p == length;
    }

    /** The pattern's characters, for messages. */
    @Override
    public String toString() {
        return new String(characters);
    }
}
