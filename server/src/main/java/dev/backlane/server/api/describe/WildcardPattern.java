package dev.backlane.server.api.describe;

/**
 * A filter value as EC2 matches it: {@code *} any run of characters, {@code ?} one character, a
 * backslash escapes either. Matching is by backtracking over the two strings, no regular expressions.
 */
public final class WildcardPattern {
    private final char[] pattern;
    private final boolean[] literal;
    private final boolean plain;
    private final String text;
    private final String prefix;

    private WildcardPattern(String source) {
        char[] chars = new char[source.length()];
        boolean[] escaped = new boolean[source.length()];
        int length = 0;
        boolean hasWildcard = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length() && (source.charAt(i + 1) == '*' || source.charAt(i + 1) == '?' || source.charAt(i + 1) == '\\')) {
                chars[length] = source.charAt(++i);
                escaped[length++] = true;
            } else {
                hasWildcard |= c == '*' || c == '?';
                chars[length++] = c;
            }
        }
        this.pattern = java.util.Arrays.copyOf(chars, length);
        this.literal = java.util.Arrays.copyOf(escaped, length);
        this.plain = !hasWildcard;
        this.text = new String(pattern);
        int fixed = 0;
        while (fixed < pattern.length && (literal[fixed] || (pattern[fixed] != '*' && pattern[fixed] != '?'))) {
            fixed++;
        }
        this.prefix = text.substring(0, fixed);
    }

    public static WildcardPattern compile(String source) {
        return new WildcardPattern(source);
    }

    /** Whether the pattern has no wildcards, so it matches exactly one value: {@link #literal()}. */
    public boolean isLiteral() {
        return plain;
    }

    public String literal() {
        return text;
    }

    /** What every matching value starts with: the characters before the first wildcard (all of them for a literal). */
    public String literalPrefix() {
        return prefix;
    }

    public boolean matches(String value) {
        if (plain) {
            return text.equals(value);
        }
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = 0;
        while (v < value.length()) {
            if (p < pattern.length && !literal[p] && pattern[p] == '*') {
                starP = p++;
                starV = v;
            } else if (p < pattern.length && ((!literal[p] && pattern[p] == '?') || pattern[p] == value.charAt(v))) {
                p++;
                v++;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length && !literal[p] && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }
}
