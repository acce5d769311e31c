package dev.backlane.core.policy;

import java.util.Arrays;

/**
 * A string pattern made of literal characters and wildcards, built from a policy value ({@code *},
 * {@code ?}, policy variables), an ARN format of the Service Authorization Reference
 * ({@code arn:${Partition}:s3:::${BucketName}}) or a condition-key template
 * ({@code s3:RequestObjectTag/<key>}). {@link #overlaps} tells whether some string matches both of two
 * patterns, which is how a Resource with wildcards is compared with the resource types of an action.
 */
final class TextPattern {

    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte RUN = 2;

    private final byte[] kinds;
    private final char[] characters;
    // Whether a wildcard may stand for ':'; ARN placeholders before the resource part may not.
    private final boolean[] colonAllowed;

    private TextPattern(byte[] kinds, char[] characters, boolean[] colonAllowed) {
        this.kinds = kinds;
        this.characters = characters;
        this.colonAllowed = colonAllowed;
    }

    /**
     * A Resource value: {@code *} any run, {@code ?} one character, a policy variable any run. As IAM
     * matches an ARN part by part, a wildcard before the resource part does not reach past a ':'.
     */
    static TextPattern ofPolicyValue(String value) {
        Builder builder = new Builder(value.length());
        int colons = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean inResourcePart = colons >= Arn.PARTS - 1;
            int variableEnd = c == '$' ? variableEnd(value, i) : -1;
            if (variableEnd > 0) {
                builder.add(RUN, '*', inResourcePart);
                i = variableEnd;
            } else if (c == '*') {
                builder.add(RUN, c, inResourcePart);
            } else if (c == '?') {
                builder.add(ONE, c, inResourcePart);
            } else {
                builder.add(LITERAL, c, false);
                if (c == ':') {
                    colons++;
                }
            }
        }
        return builder.build();
    }

    /**
     * An ARN format: each {@code ${Name}} stands for at least one character, without ':' in the first
     * five parts; {@code *} for any run.
     */
    static TextPattern ofArnFormat(String format) {
        Builder builder = new Builder(format.length());
        int colons = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            boolean inResourcePart = colons >= Arn.PARTS - 1;
            int variableEnd = c == '$' ? variableEnd(format, i) : -1;
            if (variableEnd > 0) {
                builder.add(ONE, '?', inResourcePart);
                builder.add(RUN, '*', inResourcePart);
                i = variableEnd;
            } else if (c == '*') {
                builder.add(RUN, c, inResourcePart);
            } else {
                builder.add(LITERAL, c, false);
                if (c == ':') {
                    colons++;
                }
            }
        }
        return builder.build();
    }

    /** A condition-key template, lowercased: {@code ${TagKey}} and {@code <key>} stand for at least one character. */
    static TextPattern ofKeyTemplate(String template) {
        Builder builder = new Builder(template.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            int end = c == '$' ? variableEnd(template, i) : c == '<' ? template.indexOf('>', i) : -1;
            if (end > 0) {
                builder.add(ONE, '?', true);
                builder.add(RUN, '*', true);
                i = end;
            } else {
                builder.add(LITERAL, c, false);
            }
        }
        return builder.build();
    }

    /** Whether the text is a template with placeholders (else it is matched as written). */
    static boolean isKeyTemplate(String key) {
        return key.contains("${") || key.contains("<");
    }

    private static int variableEnd(String text, int dollar) {
        if (dollar + 1 >= text.length() || text.charAt(dollar + 1) != '{') {
            return -1;
        }
        return text.indexOf('}', dollar + 2);
    }

    /** Whether some string matches both patterns. */
    boolean overlaps(TextPattern other) {
        int n = kinds.length;
        int m = other.kinds.length;
        int width = m + 1;
        boolean[] seen = new boolean[(n + 1) * width];
        int[] stack = new int[(n + 1) * width];
        int top = 0;
        seen[0] = true;
        stack[top++] = 0;
        while (top > 0) {
            int state = stack[--top];
            int i = state / width;
            int j = state % width;
            if (i == n && j == m) {
                return true;
            }
            if (i < n && kinds[i] == RUN) {
                top = push(seen, stack, top, (i + 1) * width + j);
            }
            if (j < m && other.kinds[j] == RUN) {
                top = push(seen, stack, top, i * width + j + 1);
            }
            if (i < n && j < m && compatible(i, other, j)) {
                int nextI = kinds[i] == RUN ? i : i + 1;
                int nextJ = other.kinds[j] == RUN ? j : j + 1;
                top = push(seen, stack, top, nextI * width + nextJ);
            }
        }
        return false;
    }

    /** Whether the text, read literally, matches this pattern. */
    boolean matches(String text) {
        Builder builder = new Builder(text.length());
        for (int i = 0; i < text.length(); i++) {
            builder.add(LITERAL, text.charAt(i), false);
        }
        return overlaps(builder.build());
    }

    private static int push(boolean[] seen, int[] stack, int top, int state) {
        if (!seen[state]) {
            seen[state] = true;
            stack[top++] = state;
        }
        return top;
    }

    private boolean compatible(int i, TextPattern other, int j) {
        boolean literal = kinds[i] == LITERAL;
        boolean otherLiteral = other.kinds[j] == LITERAL;
        if (literal && otherLiteral) {
            return characters[i] == other.characters[j];
        }
        if (literal) {
            return characters[i] != ':' || other.colonAllowed[j];
        }
        if (otherLiteral) {
            return other.characters[j] != ':' || colonAllowed[i];
        }
        return true;
    }

    private static final class Builder {
        private byte[] kinds;
        private char[] characters;
        private boolean[] colonAllowed;
        private int size;

        Builder(int capacity) {
            kinds = new byte[capacity + 1];
            characters = new char[capacity + 1];
            colonAllowed = new boolean[capacity + 1];
        }

        void add(byte kind, char character, boolean colon) {
            if (size == kinds.length) {
                kinds = Arrays.copyOf(kinds, size * 2);
                characters = Arrays.copyOf(characters, size * 2);
                colonAllowed = Arrays.copyOf(colonAllowed, size * 2);
            }
            kinds[size] = kind;
            characters[size] = character;
            colonAllowed[size] = colon;
            size++;
        }

        TextPattern build() {
            return new TextPattern(Arrays.copyOf(kinds, size), Arrays.copyOf(characters, size), Arrays.copyOf(colonAllowed, size));
        }
    }
}
