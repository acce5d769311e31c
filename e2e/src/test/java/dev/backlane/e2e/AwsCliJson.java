package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs an AWS CLI command against Backlane that must succeed, and reads its JSON output. */
final class AwsCliJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsCliJson() {}

    /** The AWS CLI on the PATH or where pyenv or pip put it; a test without it is skipped. */
    static ExternalProgram awsCli() {
        return ExternalProgram.require("aws", Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws"), Path.of("/usr/local/bin/aws"));
    }

    /** python3 on the PATH or pyenv's; a test without it is skipped. */
    static ExternalProgram python3() {
        return ExternalProgram.require("python3", Path.of(System.getProperty("user.home"), ".pyenv", "shims", "python3"));
    }

    static JsonNode ok(ExternalProgram aws, Path home, String endpoint, String... arguments) {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
        ExternalProgram.Result result = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2), command);
        assertEquals(0, result.exitCode(), result::describe);
        try {
            return result.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new AssertionError(result.describe(), e);
        }
    }
}
