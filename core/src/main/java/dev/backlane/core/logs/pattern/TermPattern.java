package dev.backlane.core.logs.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Terms and quoted phrases: an event matches when it contains every plain term, none of the {@code -}
 * terms and, if there are {@code ?} terms, at least one of them. Matching is case-sensitive and by
 * substring, as AWS's examples show ({@code ERROR} matches {@code [ERROR 400] BAD REQUEST}).
 */
final class TermPattern implements FilterPattern {
    private final List<String> required;
    private final List<String> excluded;
    private final List<String> optional;

    private TermPattern(List<String> required, List<String> excluded, List<String> optional) {
        this.required = List.copyOf(required);
        this.excluded = List.copyOf(excluded);
        this.optional = List.copyOf(optional);
    }

    static TermPattern parse(String text) {
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            List<String> into = required;
            char sign = text.charAt(i);
            if (sign == '-' || sign == '?') {
                into = sign == '-' ? excluded : optional;
                i++;
                if (i == text.length() || Character.isWhitespace(text.charAt(i))) {
                    throw FilterPattern.invalid(text, "'" + sign + "' must be followed by a term");
                }
            }
            StringBuilder term = new StringBuilder();
            if (text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw FilterPattern.invalid(text, "unterminated quoted phrase");
                }
                term.append(text, i + 1, close);
                i = close + 1;
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    term.append(text.charAt(i++));
                }
            }
            into.add(term.toString());
        }
        return new TermPattern(required, excluded, optional);
    }

    @Override
    public boolean matches(String message) {
        for (String term : required) {
            if (!message.contains(term)) {
                return false;
            }
        }
        for (String term : excluded) {
            if (message.contains(term)) {
                return false;
            }
        }
        return optional.isEmpty() || optional.stream().anyMatch(message::contains);
    }
}
