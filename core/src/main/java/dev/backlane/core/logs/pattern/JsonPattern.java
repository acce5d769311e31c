package dev.backlane.core.logs.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A JSON pattern: {@code { SELECTOR OPERATOR VALUE }}, {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE},
 * {@code NOT EXISTS}, combined with {@code &&}, {@code ||} and parentheses ({@code &&} binds tighter).
 * Selectors are {@code $.field.field[index]}. An event that is not a JSON object matches nothing.
 */
final class JsonPattern implements FilterPattern {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Predicate<JsonNode> condition;

    private JsonPattern(Predicate<JsonNode> condition) {
        this.condition = condition;
    }

    static JsonPattern parse(String text) {
        if (!text.endsWith("}")) {
            throw FilterPattern.invalid(text, "a JSON pattern ends with '}'");
        }
        TokenCursor cursor = new TokenCursor(text, PatternLexer.tokens(text, text.substring(1, text.length() - 1)));
        Predicate<JsonNode> condition = or(cursor);
        if (!cursor.atEnd()) {
            throw FilterPattern.invalid(text, "unexpected '" + cursor.take().text() + "'");
        }
        return new JsonPattern(condition);
    }

    @Override
    public boolean matches(String message) {
        JsonNode root;
        try {
            root = MAPPER.readTree(message);
        } catch (JsonProcessingException notJson) {
            return false;
        }
        return root != null && root.isContainerNode() && condition.test(root);
    }

    private static Predicate<JsonNode> or(TokenCursor cursor) {
        Predicate<JsonNode> left = and(cursor);
        while (cursor.at(PatternLexer.Kind.OR)) {
            cursor.take();
            left = left.or(and(cursor));
        }
        return left;
    }

    private static Predicate<JsonNode> and(TokenCursor cursor) {
        Predicate<JsonNode> left = primary(cursor);
        while (cursor.at(PatternLexer.Kind.AND)) {
            cursor.take();
            left = left.and(primary(cursor));
        }
        return left;
    }

    private static Predicate<JsonNode> primary(TokenCursor cursor) {
        if (cursor.at(PatternLexer.Kind.OPEN)) {
            cursor.take();
            Predicate<JsonNode> inner = or(cursor);
            cursor.take(PatternLexer.Kind.CLOSE, "')'");
            return inner;
        }
        List<Object> path = selector(cursor.pattern(), cursor.take(PatternLexer.Kind.WORD, "a selector such as $.field").text());
        if (cursor.atWord("IS")) {
            cursor.take();
            String what = cursor.take(PatternLexer.Kind.WORD, "NULL, TRUE or FALSE").text();
            return switch (what) {
                case "NULL" -> root -> resolve(root, path) != null && resolve(root, path).isNull();
                case "TRUE" -> root -> resolve(root, path) != null && resolve(root, path).isBoolean() && resolve(root, path).booleanValue();
                case "FALSE" -> root -> resolve(root, path) != null && resolve(root, path).isBoolean() && !resolve(root, path).booleanValue();
                default -> throw FilterPattern.invalid(cursor.pattern(), "expected NULL, TRUE or FALSE after IS, not '" + what + "'");
            };
        }
        if (cursor.atWord("NOT")) {
            cursor.take();
            String exists = cursor.take(PatternLexer.Kind.WORD, "EXISTS").text();
            if (!exists.equals("EXISTS")) {
                throw FilterPattern.invalid(cursor.pattern(), "expected EXISTS after NOT");
            }
            return root -> resolve(root, path) == null;
        }
        String operator = cursor.take(PatternLexer.Kind.OPERATOR, "an operator").text();
        Comparison comparison = Comparison.of(cursor.pattern(), operator, cursor.value());
        return root -> {
            JsonNode node = resolve(root, path);
            if (node == null || node.isContainerNode() || node.isNull()) {
                return false;
            }
            return comparison.test(node.asText(), node.isNumber());
        };
    }

    /** {@code $.a.b[0]} as its steps: field names (String) and array indexes (Integer). */
    private static List<Object> selector(String pattern, String text) {
        if (!text.startsWith("$")) {
            throw FilterPattern.invalid(pattern, "a selector starts with '$', not '" + text + "'");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '.' && text.charAt(j) != '[') {
                    j++;
                }
                if (j == i + 1) {
                    throw FilterPattern.invalid(pattern, "empty field name in '" + text + "'");
                }
                steps.add(text.substring(i + 1, j));
                i = j;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw FilterPattern.invalid(pattern, "unclosed '[' in '" + text + "'");
                }
                try {
                    steps.add(Integer.parseInt(text.substring(i + 1, close)));
                } catch (NumberFormatException notIndex) {
                    throw FilterPattern.invalid(pattern, "array index expected in '" + text + "'");
                }
                i = close + 1;
            } else {
                throw FilterPattern.invalid(pattern, "unexpected '" + c + "' in '" + text + "'");
            }
        }
        return List.copyOf(steps);
    }

    /** The node at {@code path}, or null when there is none (NOT EXISTS). */
    private static JsonNode resolve(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? (node.isArray() ? node.get(index) : null) : (node.isObject() ? node.get((String) step) : null);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
