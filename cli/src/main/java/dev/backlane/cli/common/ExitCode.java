package dev.backlane.cli.common;

/**
 * The exit codes every command keeps, for CI: the same number means the same thing everywhere. The
 * {@code *_LINE} constants are the lines of the commands' "Exit codes" help sections.
 */
public final class ExitCode {
    /** Done, and every expectation (--expect, --fail-on) was met. */
    public static final int OK = 0;
    /** Done, but the answer is a failure: an unmet --expect, findings at --fail-on, a refused document or query. */
    public static final int FAILED = 1;
    /** The command line is wrong: an unknown option, a bad value, a file that does not exist or is not a file. */
    public static final int USAGE = 2;
    /** Backlane cannot be reached at --endpoint-url, or failed to answer (HTTP 5xx, not a Backlane). */
    public static final int UNREACHABLE = 3;

    public static final String HEADING = "%nExit codes:%n";
    public static final String USAGE_LINE = "2:usage error: an unknown option, a bad value, a file that does not exist or is not a file";
    public static final String UNREACHABLE_LINE = "3:Backlane cannot be reached at --endpoint-url, or failed to answer";

    private ExitCode() {}
}
