package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The findings of validating one document, in document order. {@link #firstErrorMessage()} is the
 * text the server puts in AWS's error response when it refuses a document.
 */
public record ValidationReport(List<Finding> findings) {

    public ValidationReport {
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
    }

    public boolean hasErrors() {
        return firstError().isPresent();
    }

    public List<Finding> errors() {
        return findings.stream().filter(finding -> finding.severity() == Severity.ERROR).toList();
    }

    public Optional<Finding> firstError() {
        return findings.stream().filter(finding -> finding.severity() == Severity.ERROR).findFirst();
    }

    /** The first error as one sentence, e.g. {@code Statement is missing Effect (at $.Statement[0])}. */
    public Optional<String> firstErrorMessage() {
        return firstError().map(finding -> finding.message() + " (at " + finding.path() + ")");
    }
}
