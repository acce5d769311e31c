package dev.backlane.core.traffic;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DynamoDB PartiQL statement ({@code ExecuteStatement}) needs: the IAM action its verb asks for
 * ({@code dynamodb:PartiQLSelect}, {@code PartiQLInsert}, {@code PartiQLUpdate}, {@code PartiQLDelete}, per the
 * DynamoDB developer guide "IAM security policies with PartiQL for DynamoDB") and the table it names
 * ({@code SELECT * FROM "orders"."byDate"} is table {@code orders}).
 */
record PartiQlStatement(String action, String table) {
    private static final Pattern SELECT_OR_DELETE = Pattern.compile("^\\s*(SELECT|DELETE)\\b.*?\\bFROM\\s+(\"[^\"]+\"|[A-Za-z0-9_.-]+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INSERT = Pattern.compile("^\\s*INSERT\\s+INTO\\s+(\"[^\"]+\"|[A-Za-z0-9_.-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UPDATE = Pattern.compile("^\\s*UPDATE\\s+(\"[^\"]+\"|[A-Za-z0-9_.-]+)", Pattern.CASE_INSENSITIVE);

    static Optional<PartiQlStatement> parse(String statement) {
        Matcher matcher = SELECT_OR_DELETE.matcher(statement);
        if (matcher.find()) {
            String verb = matcher.group(1).toUpperCase(Locale.ROOT);
            return Optional.of(new PartiQlStatement(verb.equals("SELECT") ? "dynamodb:PartiQLSelect" : "dynamodb:PartiQLDelete", name(matcher.group(2))));
        }
        matcher = INSERT.matcher(statement);
        if (matcher.find()) {
            return Optional.of(new PartiQlStatement("dynamodb:PartiQLInsert", name(matcher.group(1))));
        }
        matcher = UPDATE.matcher(statement);
        if (matcher.find()) {
            return Optional.of(new PartiQlStatement("dynamodb:PartiQLUpdate", name(matcher.group(1))));
        }
        return Optional.empty();
    }

    /** The table of {@code "orders"}, {@code orders} or {@code "orders"."index"}. */
    private static String name(String token) {
        if (token.startsWith("\"")) {
            return token.substring(1, token.length() - 1);
        }
        int dot = token.indexOf('.');
        return dot < 0 ? token : token.substring(0, dot);
    }
}
