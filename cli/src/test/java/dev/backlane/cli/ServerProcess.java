package dev.backlane.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code backlane start} in a child JVM, for tests that kill, stop or restart the server. */
final class ServerProcess {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private ServerProcess() {}

    /** Starts {@code backlane start --port 0} with the further arguments; its output is merged into stdout. */
    static Process start(String... arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), BacklaneCommand.class.getName(),
                "start", "--port", "0"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The server's URL once it says it listens; its further output is drained so the child never blocks on it. */
    static String awaitEndpoint(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // Keep the child's output pipe from filling up.
                        }
                    } catch (IOException ignored) {
                        // The child was killed.
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new AssertionError("the server did not start:\n" + seen);
    }
}
