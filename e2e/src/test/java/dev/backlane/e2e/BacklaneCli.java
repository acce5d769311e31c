package dev.backlane.e2e;

import dev.backlane.cli.BacklaneCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The {@code backlane} command run in this JVM, its output and exit code captured. */
final class BacklaneCli {
    record Result(int exitCode, String out, String err) {}

    private BacklaneCli() {}

    static Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = BacklaneCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(arguments);
        return new Result(exit, out.toString(), err.toString());
    }
}
