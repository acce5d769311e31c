package dev.backlane.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a policy as canonical JSON: elements in a fixed order (Version, Id, Statement; in a statement
 * Sid, Effect, Principal, Action, Resource, Condition), Statement always a list, a single value as a
 * string and several as a list, condition values as strings, no white space. Parsing the output gives
 * back an equal policy.
 */
public final class PolicyPrinter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private PolicyPrinter() {
    }

    public static String print(Policy policy) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(writer)) {
            generator.writeStartObject();
            if (policy.version().isPresent()) {
                generator.writeStringField("Version", policy.version().get().text());
            }
            if (policy.id().isPresent()) {
                generator.writeStringField("Id", policy.id().get());
            }
            generator.writeArrayFieldStart("Statement");
            for (Statement statement : policy.statements()) {
                writeStatement(generator, statement);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return writer.toString();
    }

    private static void writeStatement(JsonGenerator generator, Statement statement) throws IOException {
        generator.writeStartObject();
        if (statement.sid().isPresent()) {
            generator.writeStringField("Sid", statement.sid().get());
        }
        generator.writeStringField("Effect", statement.effect().text());
        if (statement.principal().isPresent()) {
            PrincipalElement principal = statement.principal().get();
            generator.writeFieldName(principal.negated() ? "NotPrincipal" : "Principal");
            if (principal.anyone()) {
                generator.writeString("*");
            } else {
                generator.writeStartObject();
                for (Map.Entry<PrincipalType, List<String>> entry : principal.identifiers().entrySet()) {
                    generator.writeFieldName(entry.getKey().key());
                    writeValues(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
        }
        generator.writeFieldName(statement.action().negated() ? "NotAction" : "Action");
        writeValues(generator, statement.action().values());
        generator.writeFieldName(statement.resource().negated() ? "NotResource" : "Resource");
        writeValues(generator, statement.resource().values());
        if (!statement.conditions().isEmpty()) {
            // Clauses are grouped under their operator in order of first appearance, so a model whose
            // clauses are not adjacent still prints each operator once.
            Map<String, List<ConditionClause>> byOperator = new LinkedHashMap<>();
            for (ConditionClause clause : statement.conditions()) {
                byOperator.computeIfAbsent(clause.operator().text(), ignored -> new ArrayList<>()).add(clause);
            }
            generator.writeObjectFieldStart("Condition");
            for (Map.Entry<String, List<ConditionClause>> entry : byOperator.entrySet()) {
                generator.writeObjectFieldStart(entry.getKey());
                for (ConditionClause clause : entry.getValue()) {
                    generator.writeFieldName(clause.key());
                    writeValues(generator, clause.values());
                }
                generator.writeEndObject();
            }
            generator.writeEndObject();
        }
        generator.writeEndObject();
    }

    private static void writeValues(JsonGenerator generator, List<String> values) throws IOException {
        if (values.size() == 1) {
            generator.writeString(values.get(0));
            return;
        }
        generator.writeStartArray();
        for (String value : values) {
            generator.writeString(value);
        }
        generator.writeEndArray();
    }
}
