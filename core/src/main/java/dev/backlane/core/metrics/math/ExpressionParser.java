package dev.backlane.core.metrics.math;

import dev.backlane.core.metrics.math.MathExpression.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses metric math as CloudWatch writes it: {@code (m1 + m2) / 2}, {@code SUM(METRICS("errors"))},
 * {@code IF(m1 > 10 AND m2 < 5, 1, 0)}, {@code FILL(m1, REPEAT)}, {@code [m1, m2 * 100]}. Precedence from loosest:
 * OR ({@code ||}), AND ({@code &&}), comparisons, {@code + -}, {@code * /}, unary minus and NOT ({@code !}),
 * {@code ^} (right-associative). Positions in errors count characters from 1.
 */
public final class ExpressionParser {
    private final String text;
    private final List<Token> tokens;
    private int next;

    private ExpressionParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** The expression's tree; an {@link ExpressionException} for text that is not metric math. */
    public static MathExpression parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        if (parser.tokens.isEmpty()) {
            throw ExpressionException.of("The expression is empty.");
        }
        MathExpression expression = parser.or();
        if (parser.next < parser.tokens.size()) {
            Token extra = parser.tokens.get(parser.next);
            throw ExpressionException.of("Syntax error at position %d: unexpected '%s'.", extra.position(), extra.text());
        }
        return expression;
    }

    private enum Kind { NUMBER, STRING, WORD, SYMBOL }

    private record Token(Kind kind, String text, int position) {
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int exponent = i + 1;
                    if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                        exponent++;
                    }
                    if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                        i = exponent;
                        while (i < text.length() && Character.isDigit(text.charAt(i))) {
                            i++;
                        }
                    }
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start + 1));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start + 1));
            } else if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    throw ExpressionException.of("Syntax error at position %d: the string is not closed.", start + 1);
                }
                tokens.add(new Token(Kind.STRING, text.substring(i + 1, close), start + 1));
                i = close + 1;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                String symbol = switch (two) {
                    case "==", "!=", "<=", ">=", "&&", "||" -> two;
                    default -> "+-*/^<>(),[]!".indexOf(c) >= 0 ? String.valueOf(c) : null;
                };
                if (symbol == null) {
                    throw ExpressionException.of("Syntax error at position %d: unexpected '%c'.", start + 1, c);
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, start + 1));
                i += symbol.length();
            }
        }
        return tokens;
    }

    private MathExpression or() {
        MathExpression left = and();
        while (accept("||") || acceptWord("OR")) {
            left = new MathExpression.Binary(Operator.OR, left, and());
        }
        return left;
    }

    private MathExpression and() {
        MathExpression left = comparison();
        while (accept("&&") || acceptWord("AND")) {
            left = new MathExpression.Binary(Operator.AND, left, comparison());
        }
        return left;
    }

    private MathExpression comparison() {
        MathExpression left = additive();
        while (true) {
            Operator operator = accept("==") ? Operator.EQUAL : accept("!=") ? Operator.NOT_EQUAL : accept("<=") ? Operator.LESS_OR_EQUAL
                    : accept(">=") ? Operator.GREATER_OR_EQUAL : accept("<") ? Operator.LESS : accept(">") ? Operator.GREATER : null;
            if (operator == null) {
                return left;
            }
            left = new MathExpression.Binary(operator, left, additive());
        }
    }

    private MathExpression additive() {
        MathExpression left = multiplicative();
        while (true) {
            Operator operator = accept("+") ? Operator.ADD : accept("-") ? Operator.SUBTRACT : null;
            if (operator == null) {
                return left;
            }
            left = new MathExpression.Binary(operator, left, multiplicative());
        }
    }

    private MathExpression multiplicative() {
        MathExpression left = unary();
        while (true) {
            Operator operator = accept("*") ? Operator.MULTIPLY : accept("/") ? Operator.DIVIDE : null;
            if (operator == null) {
                return left;
            }
            left = new MathExpression.Binary(operator, left, unary());
        }
    }

    private MathExpression unary() {
        if (accept("-")) {
            return new MathExpression.Unary(Operator.NEGATE, unary());
        }
        if (accept("+")) {
            return unary();
        }
        if (accept("!") || acceptWord("NOT")) {
            return new MathExpression.Unary(Operator.NOT, unary());
        }
        MathExpression base = primary();
        if (accept("^")) {
            return new MathExpression.Binary(Operator.POWER, base, unary());
        }
        return base;
    }

    private MathExpression primary() {
        Token token = take("an operand");
        if (token.kind() == Kind.NUMBER) {
            try {
                return new MathExpression.Number(Double.parseDouble(token.text()));
            } catch (NumberFormatException malformed) {
                throw ExpressionException.of("Syntax error at position %d: '%s' is not a number.", token.position(), token.text());
            }
        }
        if (token.kind() == Kind.STRING) {
            return new MathExpression.Text(token.text());
        }
        if (token.kind() == Kind.WORD) {
            return accept("(") ? new MathExpression.Call(token.text().toUpperCase(Locale.ROOT), list(")")) : new MathExpression.Reference(token.text());
        }
        if (token.text().equals("(")) {
            MathExpression inner = or();
            expect(")");
            return inner;
        }
        if (token.text().equals("[")) {
            return new MathExpression.ArrayOf(list("]"));
        }
        throw ExpressionException.of("Syntax error at position %d: unexpected '%s'.", token.position(), token.text());
    }

    /** Comma-separated expressions up to the closing symbol, which is consumed. */
    private List<MathExpression> list(String close) {
        List<MathExpression> items = new ArrayList<>();
        if (accept(close)) {
            return items;
        }
        do {
            items.add(or());
        } while (accept(","));
        expect(close);
        return items;
    }

    private boolean accept(String symbol) {
        if (next < tokens.size() && tokens.get(next).kind() == Kind.SYMBOL && tokens.get(next).text().equals(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (next < tokens.size() && tokens.get(next).kind() == Kind.WORD && tokens.get(next).text().equals(word)
                && !(next + 1 < tokens.size() && tokens.get(next + 1).text().equals("("))) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            if (next < tokens.size()) {
                Token found = tokens.get(next);
                throw ExpressionException.of("Syntax error at position %d: expected '%s' but found '%s'.", found.position(), symbol, found.text());
            }
            throw ExpressionException.of("Syntax error at position %d: expected '%s' at the end.", text.length() + 1, symbol);
        }
    }

    private Token take(String what) {
        if (next >= tokens.size()) {
            throw ExpressionException.of("Syntax error at position %d: expected %s at the end.", text.length() + 1, what);
        }
        return tokens.get(next++);
    }
}
