package dev.backlane.cli.common;

/**
 * Why a command stops early, in one plain sentence, with the exit code it ends with. Commands throw it;
 * {@link BacklaneCommand} prints the sentence after the command's name on standard error, nothing more.
 */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;

    private CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The input was judged and found wanting: a refused document or query, an unmet expectation. */
    public static CommandFailure failed(String message) {
        return new CommandFailure(ExitCode.FAILED, message);
    }

    /** The command line cannot be carried out as given: a bad value, a file that is not there. */
    public static CommandFailure usage(String message) {
        return new CommandFailure(ExitCode.USAGE, message);
    }

    /** Backlane cannot be reached, or did not answer as a Backlane does. */
    public static CommandFailure unreachable(String message) {
        return new CommandFailure(ExitCode.UNREACHABLE, message);
    }

    /** A failure with an exit code of its own, such as the shell's 127 for a program that is not found ({@code run}). */
    public static CommandFailure withExitCode(int exitCode, String message) {
        return new CommandFailure(exitCode, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
