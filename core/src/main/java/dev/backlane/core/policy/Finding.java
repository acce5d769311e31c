package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

/**
 * One validation finding: what is wrong or risky, with the JSON path of the element it is about
 * ({@code $.Statement[1].Condition}).
 */
public record Finding(FindingCode code, String message, String path) {

    public Finding {
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(path, "path is null");
    }

    public Severity severity() {
        return code.severity();
    }

    @Override
    public String toString() {
        return severity() + " " + code + " at " + path + ": " + message;
    }
}
