package dev.backlane.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.cli.BacklaneCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyCommandTest {

    private static final String ONE_BUCKET = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "OneBucket", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
               "Resource": "arn:aws:s3:::my_secure_bucket/*"},
              {"Sid": "OnlyVpce", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*",
               "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}
            """;

    @TempDir
    Path directory;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BacklaneCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void validateCleanPolicyExitsZero() throws IOException {
        Run run = run("policy", "validate", write("p.json", ONE_BUCKET).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("No findings.", run.out().strip());
    }

    @Test
    void validatePrintsFindingsAndExitsOneOnError() throws IOException {
        Path file = write("bad.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3GetObject\",\"Resource\":\"*\"}]}");
        Run run = run("policy", "validate", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("ERROR MISSING_PRINCIPAL $.Statement[0]"), run.out());
        assertTrue(run.out().contains("ERROR MALFORMED_ACTION $.Statement[0].Action"), run.out());
        assertEquals(0, run("policy", "validate", "--kind", "identity", write("id.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}").toString()).exitCode());
    }

    @Test
    void validateJsonOutput() throws IOException {
        Run run = run("policy", "validate", "--json", write("bad.json", "{\"Statement\": [").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().startsWith("{\"valid\":false,\"findings\":[{\"severity\":\"ERROR\",\"code\":\"MALFORMED_JSON\",\"path\":\"$\""), run.out());
    }

    @Test
    void validateMissingFileExitsTwo() {
        Run run = run("policy", "validate", directory.resolve("absent.json").toString());
        assertEquals(2, run.exitCode());
        assertEquals("backlane policy validate: the policy " + directory.resolve("absent.json") + " does not exist", run.err().strip());
    }

    @Test
    void evalExplainsAnExplicitDeny() throws IOException {
        Run run = run("policy", "eval", "--policy", write("p.json", ONE_BUCKET).toString(),
                "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::my_secure_bucket/report", "--context", "aws:SourceVpce=vpce-other");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("ExplicitDeny\n  decided by statement 1 (Sid \"OnlyVpce\")\n", run.out().replace("\r", ""));
    }

    @Test
    void evalJsonNamesTheMismatchedElement() throws IOException {
        Run run = run("policy", "eval", "--json", "--policy", write("p.json", ONE_BUCKET).toString(),
                "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "s3:DeleteObject",
                "--resource", "arn:aws:s3:::my_secure_bucket/report", "--context", "aws:SourceVpce=vpce-1a2b3c4d");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("{\"decision\":\"ImplicitDeny\",\"statements\":[],\"mismatches\":["
                + "{\"index\":0,\"sid\":\"OneBucket\",\"element\":\"Action\"},"
                + "{\"index\":1,\"sid\":\"OnlyVpce\",\"element\":\"Condition\",\"operator\":\"StringNotEquals\",\"key\":\"aws:SourceVpce\"}]}",
                run.out().strip());
    }

    @Test
    void evalRepeatedContextKeyGivesSeveralValues() throws IOException {
        Path policy = write("p.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]},\"Null\":{\"aws:TagKeys\":\"false\"}}}]}");
        String[] base = {"policy", "eval", "--policy", policy.toString(), "--principal", "111122223333", "--action", "ec2:CreateTags", "--resource", "*"};
        Run both = run(concat(base, "--context", "aws:TagKeys=a", "--context", "aws:TagKeys=b"));
        assertTrue(both.out().startsWith("Allow"), both.out());
        Run extra = run(concat(base, "--context", "aws:TagKeys=a", "--context", "aws:TagKeys=c"));
        assertTrue(extra.out().startsWith("ImplicitDeny"), extra.out());
    }

    @Test
    void evalInvalidPolicyExitsOne() throws IOException {
        Run run = run("policy", "eval", "--policy", write("p.json", "{\"Statement\":[]}").toString(),
                "--principal", "*", "--action", "s3:GetObject", "--resource", "*");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(" is not valid: The Statement list is empty"), run.err());
    }

    @Test
    void evalNeedsEitherPolicyOrCases() {
        assertEquals(2, run("policy", "eval", "--principal", "*").exitCode());
    }

    @Test
    void batchGivesOneLineInOrderAndKeepsGoingAfterBadLines() throws IOException {
        String policy = ONE_BUCKET.replace("\n", " ");
        Path cases = write("cases.jsonl", String.join("\n",
                "{\"policy\": " + policy + ", \"request\": {\"principal\": \"arn:aws:iam::111122223333:user/alice\", \"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::my_secure_bucket/k\", \"context\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}}}",
                "not json",
                "{\"policy\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(policy) + ", \"request\": {\"principal\": \"arn:aws:iam::111122223333:user/alice\", \"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::my_secure_bucket/k\", \"context\": {\"aws:SourceVpce\": [\"vpce-x\"]}}}",
                "{\"policy\": {\"Statement\": []}, \"request\": {}}",
                "{\"policy\": {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}, \"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\"}}",
                "{\"policy\": {\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}}, \"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"x\"}}",
                ""));
        Run run = run("policy", "eval", "--cases", cases.toString());
        String[] lines = run.out().strip().split("\\R");
        assertEquals(6, lines.length, run.out());
        assertEquals("{\"decision\":\"Allow\",\"statements\":[{\"index\":0,\"sid\":\"OneBucket\"}],\"mismatches\":["
                + "{\"index\":1,\"sid\":\"OnlyVpce\",\"element\":\"Condition\",\"operator\":\"StringNotEquals\",\"key\":\"aws:SourceVpce\"}]}", lines[0]);
        assertTrue(lines[1].startsWith("{\"error\":\"the line is not JSON"), lines[1]);
        assertTrue(lines[2].startsWith("{\"decision\":\"ExplicitDeny\",\"statements\":[{\"index\":1,\"sid\":\"OnlyVpce\"}],\"mismatches\":["), lines[2]);
        assertEquals("{\"error\":\"The Statement list is empty (at $.Statement)\"}", lines[3]);
        assertEquals("{\"error\":\"request.resource must be a string\"}", lines[4]);
        assertEquals("{\"decision\":\"ExplicitDeny\",\"statements\":[{\"index\":0}],\"mismatches\":[]}", lines[5]);
        assertEquals(1, run.exitCode());
    }

    @Test
    void evalExpectFailsOnlyWhenTheDecisionDiffers() throws IOException {
        String[] allowed = {"policy", "eval", "--policy", write("p.json", ONE_BUCKET).toString(), "--principal", "arn:aws:iam::111122223333:user/alice",
                "--action", "s3:GetObject", "--resource", "arn:aws:s3:::my_secure_bucket/report", "--context", "aws:SourceVpce=vpce-1a2b3c4d"};
        assertEquals(0, run(concat(allowed, "--expect", "Allow")).exitCode());
        Run wrong = run(concat(allowed, "--expect", "Deny"));
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.out().startsWith("Allow"), wrong.out());
        assertEquals("backlane policy eval: expected Deny but the decision is Allow", wrong.err().strip());
        String[] explicitDeny = allowed.clone();
        explicitDeny[explicitDeny.length - 1] = "aws:SourceVpce=vpce-other";
        assertEquals(0, run(concat(explicitDeny, "--expect", "deny")).exitCode(), "Deny covers ExplicitDeny");
        assertEquals(0, run(explicitDeny).exitCode(), "without --expect any decision exits 0");
        assertEquals(2, run(concat(allowed, "--expect", "Maybe")).exitCode());
    }

    @Test
    void batchLinesHaveTheFieldsOfASingleJsonResultAndHonourExpect() throws IOException {
        Path policy = write("p.json", ONE_BUCKET);
        Run single = run("policy", "eval", "--json", "--policy", policy.toString(), "--principal", "arn:aws:iam::111122223333:user/alice",
                "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::my_secure_bucket/report", "--context", "aws:SourceVpce=vpce-1a2b3c4d");
        assertTrue(single.out().endsWith("}\n"), "--json output ends with a newline: " + single.out());
        String request = "\"request\": {\"principal\": \"arn:aws:iam::111122223333:user/alice\", \"action\": \"s3:DeleteObject\", "
                + "\"resource\": \"arn:aws:s3:::my_secure_bucket/report\", \"context\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}}";
        Path cases = write("cases.jsonl", "{\"policy\": " + ONE_BUCKET.replace("\n", " ") + ", " + request + "}\n");
        Run batch = run("policy", "eval", "--cases", cases.toString(), "--expect", "Allow");
        assertEquals(single.out(), batch.out());
        assertEquals(1, batch.exitCode());
        assertEquals("backlane policy eval: line 1: expected Allow but the decision is ImplicitDeny", batch.err().strip());
        assertEquals(0, run("policy", "eval", "--cases", cases.toString(), "--expect", "Deny").exitCode());
    }

    @Test
    void evalContextWithoutEqualsIsAUsageError() throws IOException {
        Run run = run("policy", "eval", "--policy", write("p.json", ONE_BUCKET).toString(), "--principal", "*", "--action", "s3:GetObject",
                "--resource", "*", "--context", "aws:SourceVpce");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("backlane policy eval: --context takes KEY=VALUE, not 'aws:SourceVpce'"), run.err());
    }

    @Test
    void aPolicyThatIsADirectoryIsSaidToBeOne() {
        Run run = run("policy", "eval", "--policy", directory.toString(), "--principal", "*", "--action", "s3:GetObject", "--resource", "*");
        assertEquals(2, run.exitCode());
        assertEquals("backlane policy eval: the policy " + directory + " is a directory, not a file", run.err().strip());
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void validateNamesUnknownActionsAndMismatchedResources() throws IOException {
        Path file = write("typo.json", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Deny", "Principal": "*", "Action": ["s3:PutObject", "s3:GetObjects"], "Resource": "*"},
                  {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}]}
                """);
        Run run = run("policy", "validate", file.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("ERROR INVALID_ACTION $.Statement[0].Action[1]: The action s3:GetObjects does not exist. "
                + "Did you mean s3:GetObject?"), run.out());
        assertTrue(run.out().contains("WARNING RESOURCE_MISMATCH $.Statement[1].Resource[0]: No action in the statement applies to the "
                + "resource arn:aws:s3:::reports"), run.out());
    }

    @Test
    void evalSaysWhenAConditionKeyIsAbsent() throws IOException {
        Path policy = write("vpce.json", """
                {"Version": "2012-10-17", "Statement": [{"Sid": "OnlyVpce", "Effect": "Allow", "Principal": "*", "Action": "*",
                  "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}
                """);
        String[] request = {"--policy", policy.toString(), "--principal", "111122223333", "--action", "s3:GetObject", "--resource", "*"};
        Run text = run(concat(new String[] {"policy", "eval"}, request));
        assertTrue(text.out().contains("Statement 0 (Sid \"OnlyVpce\"): Condition StringEquals aws:SourceVpce is false because the "
                + "request has no aws:SourceVpce"), text.out());
        Run json = run(concat(new String[] {"policy", "eval", "--json"}, request));
        assertTrue(json.out().contains("\"key\":\"aws:SourceVpce\",\"keyAbsent\":true"), json.out());
    }
}
