package dev.backlane.core.logs.pattern;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One test of a field's value: {@code =} and {@code !=} compare numbers as numbers and text with {@code *}
 * wildcards (or a {@code %regex%}); {@code <}, {@code <=}, {@code >}, {@code >=} compare numbers only.
 */
final class Comparison {
    private final String operator;
    private final String value;
    private final BigDecimal number;
    private final Pattern wildcard;
    private final RegexValue regex;

    private Comparison(String operator, String value, BigDecimal number, Pattern wildcard, RegexValue regex) {
        this.operator = operator;
        this.value = value;
        this.number = number;
        this.wildcard = wildcard;
        this.regex = regex;
    }

    /** {@code token} is the value as written: a quoted string, a bare word or a regular expression. */
    static Comparison of(String pattern, String operator, PatternLexer.Token token) {
        if (token.kind() == PatternLexer.Kind.REGEX) {
            if (!operator.equals("=") && !operator.equals("!=")) {
                throw FilterPattern.invalid(pattern, "a regular expression can only be compared with = or !=");
            }
            return new Comparison(operator, token.text(), null, null, RegexValue.compile(token.text()));
        }
        BigDecimal number = token.kind() == PatternLexer.Kind.WORD ? numberOf(token.text()) : null;
        if (!operator.equals("=") && !operator.equals("!=") && number == null) {
            throw FilterPattern.invalid(pattern, "'" + operator + "' needs a numeric value, not '" + token.text() + "'");
        }
        Pattern wildcard = token.text().contains("*")
                ? Pattern.compile(String.join(".*", java.util.Arrays.stream(token.text().split("\\*", -1)).map(Pattern::quote).toList()),
                        Pattern.DOTALL)
                : null;
        return new Comparison(operator, token.text(), number, wildcard, null);
    }

    /** Whether a field whose value reads {@code actual} passes; {@code numeric} when the value is a number (JSON). */
    boolean test(String actual, boolean numeric) {
        if (regex != null) {
            return regex.find(actual) == operator.equals("=");
        }
        BigDecimal actualNumber = number != null ? numberOf(actual) : null;
        if (number != null && actualNumber != null) {
            int order = actualNumber.compareTo(number);
            return switch (operator) {
                case "=" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> throw new IllegalStateException(operator);
            };
        }
        if (!operator.equals("=") && !operator.equals("!=")) {
            return false;
        }
        boolean equal = numeric ? false : wildcard != null ? wildcard.matcher(actual).matches() : actual.equals(value);
        return equal == operator.equals("=");
    }

    static BigDecimal numberOf(String text) {
        if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-' || text.charAt(0) == '+' || text.charAt(0) == '.')) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
