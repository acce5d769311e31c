package dev.backlane.core.logs.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * A space-delimited pattern: {@code [name, name = value, name >= 400 && name < 500, ...]}. An event's fields
 * are its words separated by spaces, a {@code "..."} or {@code [...]} counting as one field (without its
 * quotes or brackets). Without {@code ...} the event must have exactly as many fields as the pattern names;
 * each {@code ...} stands for any number of fields.
 */
final class DelimitedPattern implements FilterPattern {
    /** One slot of the pattern: an ellipsis, or a field with the conditions (an OR of ANDs) it must meet. */
    private record Slot(boolean ellipsis, List<List<Comparison>> anyOfAll) {
        boolean accepts(String value) {
            if (anyOfAll.isEmpty()) {
                return true;
            }
            for (List<Comparison> all : anyOfAll) {
                if (all.stream().allMatch(comparison -> comparison.test(value, false))) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Slot> slots;

    private DelimitedPattern(List<Slot> slots) {
        this.slots = List.copyOf(slots);
    }

    static DelimitedPattern parse(String text) {
        if (!text.endsWith("]")) {
            throw FilterPattern.invalid(text, "a space-delimited pattern ends with ']'");
        }
        TokenCursor cursor = new TokenCursor(text, PatternLexer.tokens(text, text.substring(1, text.length() - 1)));
        List<Slot> slots = new ArrayList<>();
        while (!cursor.atEnd()) {
            slots.add(slot(cursor));
            if (!cursor.atEnd()) {
                cursor.take(PatternLexer.Kind.COMMA, "','");
            }
        }
        if (slots.isEmpty()) {
            throw FilterPattern.invalid(text, "a space-delimited pattern names at least one field");
        }
        return new DelimitedPattern(slots);
    }

    private static Slot slot(TokenCursor cursor) {
        if (cursor.at(PatternLexer.Kind.ELLIPSIS)) {
            cursor.take();
            return new Slot(true, List.of());
        }
        String name = cursor.take(PatternLexer.Kind.WORD, "a field name").text();
        if (!cursor.at(PatternLexer.Kind.OPERATOR)) {
            return new Slot(false, List.of());
        }
        List<List<Comparison>> anyOfAll = new ArrayList<>();
        List<Comparison> all = new ArrayList<>();
        all.add(Comparison.of(cursor.pattern(), cursor.take().text(), cursor.value()));
        while (cursor.at(PatternLexer.Kind.AND) || cursor.at(PatternLexer.Kind.OR)) {
            boolean or = cursor.take().kind() == PatternLexer.Kind.OR;
            String again = cursor.take(PatternLexer.Kind.WORD, "the field name").text();
            if (!again.equals(name)) {
                throw FilterPattern.invalid(cursor.pattern(), "a condition on field '" + name + "' cannot test field '" + again + "'");
            }
            if (or) {
                anyOfAll.add(all);
                all = new ArrayList<>();
            }
            all.add(Comparison.of(cursor.pattern(), cursor.take(PatternLexer.Kind.OPERATOR, "an operator").text(), cursor.value()));
        }
        anyOfAll.add(all);
        return new Slot(false, anyOfAll);
    }

    @Override
    public boolean matches(String message) {
        List<String> fields = fields(message);
        return matches(fields, 0, 0, new boolean[slots.size() + 1][fields.size() + 1]);
    }

    /**
     * Whether slots from {@code slot} on match fields from {@code field} on. {@code failed} remembers the pairs
     * already found not to match, so several ellipses cost time proportional to slots times fields, not exponential.
     */
    private boolean matches(List<String> fields, int slot, int field, boolean[][] failed) {
        if (failed[slot][field]) {
            return false;
        }
        boolean matched;
        if (slot == slots.size()) {
            matched = field == fields.size();
        } else if (slots.get(slot).ellipsis()) {
            matched = false;
            for (int skip = field; skip <= fields.size() && !matched; skip++) {
                matched = matches(fields, slot + 1, skip, failed);
            }
        } else {
            matched = field < fields.size() && slots.get(slot).accepts(fields.get(field)) && matches(fields, slot + 1, field + 1, failed);
        }
        failed[slot][field] = !matched;
        return matched;
    }

    /** The event's fields: words split on spaces, a quoted or bracketed run counting as one. */
    static List<String> fields(String message) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < message.length()) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '[') {
                char close = c == '"' ? '"' : ']';
                int end = message.indexOf(close, i + 1);
                if (end < 0) {
                    end = message.length();
                }
                fields.add(message.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < message.length() && !Character.isWhitespace(message.charAt(end))) {
                    end++;
                }
                fields.add(message.substring(i, end));
                i = end;
            }
        }
        return fields;
    }
}
