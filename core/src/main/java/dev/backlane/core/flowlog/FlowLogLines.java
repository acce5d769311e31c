package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.Scope;
import java.util.List;

/**
 * The records one flow log has ready: the flow log (in its account and region) and each record as the line its
 * format writes, with the interface it was cut on and the second its window started.
 */
public record FlowLogLines(Scope scope, FlowLog flowLog, List<Line> lines) {
    /** One record: its interface, the start of its flow in Unix seconds, and its text. */
    public record Line(String interfaceId, long startSeconds, String text) {
        public Line {
            requireNonNull(interfaceId, "interfaceId is null");
            requireNonNull(text, "text is null");
        }
    }

    public FlowLogLines {
        requireNonNull(scope, "scope is null");
        requireNonNull(flowLog, "flowLog is null");
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
    }

    /** The header line AWS writes first in each S3 log file: the format's field names, one space apart. */
    public String header() {
        return String.join(" ", FlowLogFormat.parse(flowLog.logFormat()).fields().stream().map(FlowLogField::fieldName).toList());
    }
}
