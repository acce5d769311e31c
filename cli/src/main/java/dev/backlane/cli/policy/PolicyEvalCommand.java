package dev.backlane.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.InputFile;
import dev.backlane.core.policy.CompiledPolicy;
import dev.backlane.core.policy.Decision;
import dev.backlane.core.policy.JsonSyntaxProblem;
import dev.backlane.core.policy.PolicyEvaluation;
import dev.backlane.core.policy.PolicyParseException;
import dev.backlane.core.policy.PolicyRequest;
import dev.backlane.core.policy.RequestContext;
import dev.backlane.core.policy.RequestPrincipal;
import dev.backlane.core.policy.StatementMismatch;
import dev.backlane.core.policy.StatementReference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlane policy eval}: evaluates one request against a policy file, or a batch of cases from a
 * JSON Lines file, one output line per input line with the same fields as a single {@code --json}
 * result. With {@code --expect}, a decision other than the expected one fails the command, for CI.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a request against a policy, or a batch of cases.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:every evaluation ran (whatever the decision) and, with --expect, every decision as expected",
                "1:a decision differs from --expect, or the policy or a batch line is not valid", ExitCode.USAGE_LINE})
final class PolicyEvalCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;

    static final class Mode {
        @ArgGroup(exclusive = false)
        Single single;

        @Option(names = "--cases", paramLabel = "FILE.jsonl", required = true,
                description = "Evaluate each line {\"policy\": ..., \"request\": {...}} and print one result line for each.")
        Path cases;
    }

    static final class Single {
        @Option(names = "--policy", paramLabel = "FILE", required = true, description = "The policy document.")
        Path policy;

        @Option(names = "--principal", paramLabel = "ARN", required = true, description = "The caller: an ARN, an account ID, a service name or anonymous.")
        String principal;

        @Option(names = "--action", required = true, description = "The action, e.g. s3:GetObject.")
        String action;

        @Option(names = "--resource", paramLabel = "ARN", required = true, description = "The resource ARN.")
        String resource;

        @Option(names = "--context", paramLabel = "KEY=VALUE", description = "A context key and value; repeat a key to give several values.")
        List<String> context = new ArrayList<>();
    }

    @Option(names = "--json", description = "Print the result as JSON (batches always print JSON).")
    private boolean json;

    @Option(names = "--expect", paramLabel = "DECISION",
            description = "Exit 1 unless the decision (of every case, in a batch) is this: Allow, or Deny (explicit or implicit).")
    private Expectation expect;

    /** What --expect can ask for: Deny covers AWS's explicit and implicit denies alike. */
    enum Expectation {
        ALLOW, DENY;

        boolean isMetBy(Decision decision) {
            return decision.isAllowed() == (this == ALLOW);
        }

        String text() {
            return this == ALLOW ? "Allow" : "Deny";
        }
    }

    @Override
    public Integer call() {
        return mode.cases != null ? runCases(mode.cases) : runSingle(mode.single);
    }

    private int runSingle(Single single) {
        PrintWriter out = spec.commandLine().getOut();
        String document = InputFile.readString(single.policy, "the policy");
        RequestContext.Builder context = RequestContext.builder();
        for (String entry : single.context) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--context takes KEY=VALUE, not '" + entry + "'");
            }
            context.add(entry.substring(0, equals), entry.substring(equals + 1));
        }
        CompiledPolicy policy;
        try {
            policy = CompiledPolicy.parse(document);
        } catch (PolicyParseException e) {
            throw CommandFailure.failed("the policy " + single.policy + " is not valid: " + e.getMessage());
        }
        PolicyRequest request = PolicyRequest.of(RequestPrincipal.parse(single.principal), single.action, single.resource, context.build());
        PolicyEvaluation evaluation = policy.evaluate(request);
        if (json) {
            out.println(write(result(evaluation)));
        } else {
            out.println(evaluation.decision().text());
            for (StatementReference statement : evaluation.decidingStatements()) {
                out.println("  decided by statement " + statement.index() + statement.sid().map(sid -> " (Sid \"" + sid + "\")").orElse(""));
            }
            for (StatementMismatch mismatch : evaluation.mismatches()) {
                out.println("  " + mismatch.describe());
            }
        }
        out.flush();
        return expectationMet(evaluation.decision(), "") ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Whether the decision is as --expect says (always, without it); says on standard error when not. */
    private boolean expectationMet(Decision decision, String where) {
        if (expect == null || expect.isMetBy(decision)) {
            return true;
        }
        spec.commandLine().getErr().println("backlane policy eval: " + where + "expected " + expect.text() + " but the decision is " + decision.text());
        spec.commandLine().getErr().flush();
        return false;
    }

    private int runCases(Path file) {
        PrintWriter out = spec.commandLine().getOut();
        boolean failures = false;
        for (InputFile.Line line : InputFile.nonBlankLines(file, "the cases file")) {
            String output;
            try {
                PolicyEvaluation evaluation = evaluateCase(line.text());
                failures |= !expectationMet(evaluation.decision(), "line " + line.number() + ": ");
                output = write(result(evaluation));
            } catch (CaseException | PolicyParseException e) {
                failures = true;
                output = write(JSON.createObjectNode().put("error", e.getMessage()));
                spec.commandLine().getErr().println("backlane policy eval: line " + line.number() + ": " + e.getMessage());
            }
            out.println(output);
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return failures ? ExitCode.FAILED : ExitCode.OK;
    }

    private static PolicyEvaluation evaluateCase(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new CaseException("the line is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException processing ? JsonSyntaxProblem.describe(processing) : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new CaseException("the line must be a JSON object with policy and request");
        }
        JsonNode policyNode = root.get("policy");
        if (policyNode == null || !(policyNode.isObject() || policyNode.isTextual())) {
            throw new CaseException("policy must be a JSON object or a string holding one");
        }
        CompiledPolicy policy = CompiledPolicy.parse(policyNode.isTextual() ? policyNode.asText() : policyNode.toString());
        JsonNode requestNode = root.get("request");
        if (requestNode == null || !requestNode.isObject()) {
            throw new CaseException("request must be an object with principal, action and resource");
        }
        PolicyRequest request = PolicyRequest.of(
                RequestPrincipal.parse(requiredText(requestNode, "principal")),
                requiredText(requestNode, "action"),
                requiredText(requestNode, "resource"),
                context(requestNode.get("context")));
        return policy.evaluate(request);
    }

    private static RequestContext context(JsonNode node) {
        RequestContext.Builder context = RequestContext.builder();
        if (node == null || node.isNull()) {
            return context.build();
        }
        if (!node.isObject()) {
            throw new CaseException("context must be an object of keys to a value or a list of values");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<JsonNode> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(values::add);
            } else {
                values.add(field.getValue());
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode value : values) {
                if (!value.isValueNode() || value.isNull()) {
                    throw new CaseException("context value for " + field.getKey() + " must be a string or a list of strings");
                }
                texts.add(value.asText());
            }
            context.put(field.getKey(), texts);
        }
        return context.build();
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new CaseException("request." + field + " must be a string");
        }
        return value.asText();
    }

    /** A result as JSON, the same for a single --json evaluation and for each line of a batch. */
    private static ObjectNode result(PolicyEvaluation evaluation) {
        ObjectNode result = JSON.createObjectNode();
        result.put("decision", evaluation.decision().text());
        ArrayNode statements = result.putArray("statements");
        for (StatementReference statement : evaluation.decidingStatements()) {
            ObjectNode node = statements.addObject().put("index", statement.index());
            statement.sid().ifPresent(sid -> node.put("sid", sid));
        }
        ArrayNode mismatches = result.putArray("mismatches");
        for (StatementMismatch mismatch : evaluation.mismatches()) {
            ObjectNode node = mismatches.addObject();
            node.put("index", mismatch.statement().index());
            mismatch.statement().sid().ifPresent(sid -> node.put("sid", sid));
            node.put("element", mismatch.element().text());
            mismatch.conditionOperator().ifPresent(operator -> node.put("operator", operator));
            mismatch.conditionKey().ifPresent(key -> node.put("key", key));
            if (mismatch.conditionKeyAbsent()) {
                node.put("keyAbsent", true);
            }
        }
        return result;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A batch line that cannot be evaluated; its message becomes the line's error. */
    private static final class CaseException extends RuntimeException {
        CaseException(String message) {
            super(message);
        }
    }
}
