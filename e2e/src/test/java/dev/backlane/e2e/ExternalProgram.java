package dev.backlane.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A program outside the JVM that the end-to-end tests drive (the AWS CLI, Terraform): found on the
 * {@code PATH} or at known places, run to completion with its output captured.
 */
final class ExternalProgram {
    private final Path executable;

    private ExternalProgram(Path executable) {
        this.executable = executable;
    }

    /** The program named {@code name} on the PATH, else the first of {@code fallbacks} that is executable. */
    static Optional<ExternalProgram> find(String name, Path... fallbacks) {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    candidates.add(Path.of(directory, name));
                }
            }
        }
        candidates.addAll(List.of(fallbacks));
        return candidates.stream().filter(Files::isRegularFile).filter(Files::isExecutable).findFirst().map(ExternalProgram::new);
    }

    /** As {@link #find}, but a test without the program is skipped (an assumption), not failed. */
    static ExternalProgram require(String name, Path... fallbacks) {
        Optional<ExternalProgram> program = find(name, fallbacks);
        org.junit.jupiter.api.Assumptions.assumeTrue(program.isPresent(), "'" + name + "' is not installed");
        return program.get();
    }

    /** The program at {@code executable}, e.g. this JVM's {@code java}. */
    static ExternalProgram at(Path executable) {
        return new ExternalProgram(executable);
    }

    Path executable() {
        return executable;
    }

    /**
     * Runs the program with {@code arguments} in {@code directory}, its environment the JVM's plus
     * {@code environment}; a run longer than {@code limit} is killed and reported as such.
     */
    Result run(Path directory, Map<String, String> environment, Duration limit, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        try {
            Path stdout = Files.createTempFile("backlane-e2e-", ".out");
            Path stderr = Files.createTempFile("backlane-e2e-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                }
                return new Result(command, finished ? process.exitValue() : -1, !finished,
                        Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** How a run ended: its exit code ({@code -1} when it was killed for taking too long) and its output. */
    record Result(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr) {
        /** The whole run, for a failure message. */
        String describe() {
            return String.join(" ", command) + "\nexit code: " + exitCode + (timedOut ? " (killed: took too long)" : "")
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
