package dev.backlane.core.logs.pattern;

import java.util.ArrayList;
import java.util.List;

/** Cuts the inside of a JSON or space-delimited pattern into tokens: names and values, strings, operators, punctuation. */
final class PatternLexer {
    enum Kind { WORD, STRING, REGEX, OPERATOR, AND, OR, OPEN, CLOSE, COMMA, ELLIPSIS }

    record Token(Kind kind, String text) {}

    private PatternLexer() {}

    static List<Token> tokens(String pattern, String body) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < body.length() && body.charAt(j) != '"') {
                    if (body.charAt(j) == '\\' && j + 1 < body.length()) {
                        j++;
                    }
                    text.append(body.charAt(j++));
                }
                if (j == body.length()) {
                    throw FilterPattern.invalid(pattern, "unterminated quoted string");
                }
                tokens.add(new Token(Kind.STRING, text.toString()));
                i = j + 1;
            } else if (c == '%') {
                int close = body.indexOf('%', i + 1);
                if (close < 0) {
                    throw FilterPattern.invalid(pattern, "unterminated regular expression");
                }
                tokens.add(new Token(Kind.REGEX, body.substring(i, close + 1)));
                i = close + 1;
            } else if (body.startsWith("&&", i)) {
                tokens.add(new Token(Kind.AND, "&&"));
                i += 2;
            } else if (body.startsWith("||", i)) {
                tokens.add(new Token(Kind.OR, "||"));
                i += 2;
            } else if (body.startsWith("...", i)) {
                tokens.add(new Token(Kind.ELLIPSIS, "..."));
                i += 3;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA, String.valueOf(c)));
                i++;
            } else if (body.startsWith("!=", i) || body.startsWith("<=", i) || body.startsWith(">=", i)) {
                tokens.add(new Token(Kind.OPERATOR, body.substring(i, i + 2)));
                i += 2;
            } else if (c == '=' || c == '<' || c == '>') {
                tokens.add(new Token(Kind.OPERATOR, String.valueOf(c)));
                i++;
            } else {
                int j = i;
                while (j < body.length() && !Character.isWhitespace(body.charAt(j)) && "\"%,()=!<>&|".indexOf(body.charAt(j)) < 0) {
                    j++;
                }
                if (j == i) {
                    throw FilterPattern.invalid(pattern, "unexpected '" + c + "'");
                }
                tokens.add(new Token(Kind.WORD, body.substring(i, j)));
                i = j;
            }
        }
        return tokens;
    }
}
