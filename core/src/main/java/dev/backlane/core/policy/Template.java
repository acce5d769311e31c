package dev.backlane.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A policy value that may contain policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team,
 * 'default'}}) and the escapes {@code ${*}}, {@code ${?}} and {@code ${$}}. A variable is replaced by the
 * request's single value for that key, or by its default; the replacement and the escapes are always
 * literal text, never wildcards. A variable that cannot be resolved (missing key and no default, or a
 * key with several values) leaves the value unresolved, and an unresolved value matches nothing, as
 * AWS's documentation says of variables without a value.
 */
final class Template {

    private sealed interface Part permits Text, Escape, Variable {
    }

    /** Text as written; its {@code *} and {@code ?} are wildcards where the operator has wildcards. */
    private record Text(String text) implements Part {
    }

    /** A character written as {@code ${*}}, {@code ${?}} or {@code ${$}}: always literal. */
    private record Escape(char character) implements Part {
    }

    private record Variable(String key, Optional<String> defaultValue) implements Part {
    }

    private final String source;
    private final List<Part> parts;
    private final boolean constant;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.constant = parts.stream().noneMatch(part -> part instanceof Variable);
    }

    /** Reads the value's variables when the policy version honours them; otherwise it is plain text. */
    static Template parse(String value, boolean variablesEnabled) {
        List<Part> parts = new ArrayList<>();
        if (!variablesEnabled) {
            parts.add(new Text(value));
            return new Template(value, parts);
        }
        StringBuilder text = new StringBuilder();
        int index = 0;
        while (index < value.length()) {
            int start = value.indexOf("${", index);
            int end = start < 0 ? -1 : value.indexOf('}', start + 2);
            if (start < 0 || end < 0) {
                text.append(value, index, value.length());
                break;
            }
            text.append(value, index, start);
            Optional<Part> part = readVariable(value.substring(start + 2, end));
            if (part.isEmpty()) {
                text.append(value, start, end + 1);
            } else {
                if (text.length() > 0) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(part.get());
            }
            index = end + 1;
        }
        if (text.length() > 0 || parts.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new Template(value, parts);
    }

    private static Optional<Part> readVariable(String inside) {
        String trimmed = inside.trim();
        if (trimmed.equals("*") || trimmed.equals("?") || trimmed.equals("$")) {
            return Optional.of(new Escape(trimmed.charAt(0)));
        }
        int comma = trimmed.indexOf(',');
        String key = (comma < 0 ? trimmed : trimmed.substring(0, comma)).trim();
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        Optional<String> defaultValue = Optional.empty();
        if (comma >= 0) {
            String quoted = trimmed.substring(comma + 1).trim();
            if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
                return Optional.empty();
            }
            defaultValue = Optional.of(quoted.substring(1, quoted.length() - 1));
        }
        return Optional.of(new Variable(key.toLowerCase(Locale.ROOT), defaultValue));
    }

    /** The text with no variables, for constant templates. */
    String source() {
        return source;
    }

    boolean isConstant() {
        return constant;
    }

    /** Whether any part uses the escape syntax, which changes what the text means. */
    boolean hasEscapes() {
        return parts.stream().anyMatch(part -> part instanceof Escape);
    }

    /** The value as literal text (for exact comparisons), or empty when a variable has no value. */
    Optional<String> resolveText(RequestContext context) {
        StringBuilder result = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text text) {
                result.append(text.text());
            } else if (part instanceof Escape escape) {
                result.append(escape.character());
            } else if (part instanceof Variable variable) {
                Optional<String> value = resolve(variable, context);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                result.append(value.get());
            }
        }
        return Optional.of(result.toString());
    }

    /** The value as a wildcard pattern, or empty when a variable has no value. */
    Optional<Glob> resolvePattern(RequestContext context) {
        Glob.Builder builder = new Glob.Builder();
        for (Part part : parts) {
            if (part instanceof Text text) {
                builder.append(text.text(), true);
            } else if (part instanceof Escape escape) {
                builder.append(String.valueOf(escape.character()), false);
            } else if (part instanceof Variable variable) {
                Optional<String> value = resolve(variable, context);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                builder.append(value.get(), false);
            }
        }
        return Optional.of(builder.build());
    }

    private static Optional<String> resolve(Variable variable, RequestContext context) {
        String[] values = context.values(variable.key());
        // A key with several values cannot stand in for a variable; AWS treats it as having no value.
        if (values != null && values.length == 1) {
            return Optional.of(values[0]);
        }
        return variable.defaultValue();
    }
}
