package dev.backlane.core.logs.pattern;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression between {@code %} signs, limited as AWS limits it: letters, digits, the symbols
 * {@code _ # = @ / ; , -} and the operators {@code ^ $ ? [ ] { } | \ * + .}; no parentheses.
 */
final class RegexValue {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_#=@/;,\\- ^$?\\[\\]{}|\\\\*+.]*");

    private final Pattern pattern;

    private RegexValue(Pattern pattern) {
        this.pattern = pattern;
    }

    /** {@code text} with its enclosing percent signs. */
    static RegexValue compile(String text) {
        String body = text.substring(1, text.length() - 1);
        if (body.isEmpty() || !ALLOWED.matcher(body).matches()) {
            throw FilterPattern.invalid(text, "a regular expression may hold only letters, digits, _#=@/;,- and the operators ^$?[]{}|\\*+.");
        }
        try {
            return new RegexValue(Pattern.compile(body));
        } catch (PatternSyntaxException malformed) {
            throw FilterPattern.invalid(text, malformed.getDescription());
        }
    }

    boolean find(String value) {
        return pattern.matcher(value).find();
    }
}
