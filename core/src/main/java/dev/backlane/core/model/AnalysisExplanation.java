package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** An explanation of an analysed path: its code, the component it is about and a readable sentence. */
public record AnalysisExplanation(String code, String componentId, String detail) {
    public AnalysisExplanation {
        requireNonNull(code, "code is null");
        requireNonNull(componentId, "componentId is null");
        requireNonNull(detail, "detail is null");
    }
}
