package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An analysis of a Network Insights path, as it was when it ran: its status ({@code succeeded} or
 * {@code failed} with a message), whether a path was found, the forward and return components and the
 * explanations.
 */
public record NetworkInsightsAnalysis(String id, String pathId, Instant startDate, String status, String statusMessage,
        boolean networkPathFound, List<AnalysisPathComponent> forwardPathComponents, List<AnalysisPathComponent> returnPathComponents,
        List<AnalysisExplanation> explanations) implements Resource {
    public NetworkInsightsAnalysis {
        requireNonNull(id, "id is null");
        requireNonNull(pathId, "pathId is null");
        requireNonNull(startDate, "startDate is null");
        requireNonNull(status, "status is null");
        forwardPathComponents = List.copyOf(requireNonNull(forwardPathComponents, "forwardPathComponents is null"));
        returnPathComponents = List.copyOf(requireNonNull(returnPathComponents, "returnPathComponents is null"));
        explanations = List.copyOf(requireNonNull(explanations, "explanations is null"));
    }

    public String arn(Scope scope) {
        return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":network-insights-analysis/" + id;
    }
}
