package dev.backlane.core.logs.pattern;

import java.util.List;

/** Reads a pattern's tokens one at a time, failing with the pattern's error where one is missing. */
final class TokenCursor {
    private final String pattern;
    private final List<PatternLexer.Token> tokens;
    private int next;

    TokenCursor(String pattern, List<PatternLexer.Token> tokens) {
        this.pattern = pattern;
        this.tokens = tokens;
    }

    boolean atEnd() {
        return next == tokens.size();
    }

    boolean at(PatternLexer.Kind kind) {
        return !atEnd() && tokens.get(next).kind() == kind;
    }

    boolean atWord(String word) {
        return at(PatternLexer.Kind.WORD) && tokens.get(next).text().equals(word);
    }

    PatternLexer.Token take() {
        if (atEnd()) {
            throw FilterPattern.invalid(pattern, "the pattern ends too soon");
        }
        return tokens.get(next++);
    }

    PatternLexer.Token take(PatternLexer.Kind kind, String what) {
        if (!at(kind)) {
            throw FilterPattern.invalid(pattern, "expected " + what + (atEnd() ? " at the end" : " before '" + tokens.get(next).text() + "'"));
        }
        return tokens.get(next++);
    }

    /** A value: a quoted string, a bare word or a regular expression. */
    PatternLexer.Token value() {
        if (at(PatternLexer.Kind.STRING) || at(PatternLexer.Kind.WORD) || at(PatternLexer.Kind.REGEX)) {
            return take();
        }
        throw FilterPattern.invalid(pattern, "expected a value" + (atEnd() ? " at the end" : " before '" + tokens.get(next).text() + "'"));
    }

    String pattern() {
        return pattern;
    }
}
