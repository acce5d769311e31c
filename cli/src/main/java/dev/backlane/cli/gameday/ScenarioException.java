package dev.backlane.cli.gameday;

import java.util.List;
import java.util.stream.Collectors;

/** A game-day file that cannot run: every problem found, each with its line, column and field. */
final class ScenarioException extends RuntimeException {
    /** One problem: in {@code source} at {@code line}:{@code column} (0 when unknown), the field (as {@code steps[2].fault.duration}). */
    record Problem(String source, int line, int column, String field, String message) {
        @Override
        public String toString() {
            String where = line > 0 ? source + ":" + line + ":" + column : source;
            return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
        }
    }

    private final List<Problem> problems;

    ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
