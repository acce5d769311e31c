package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The findings of validating one document, in document order. Errors are Access Analyzer's; the
 * server refuses a document only when {@link #refused()}, quoting {@link #firstRefusalMessage()} in
 * AWS's error response.
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
        return firstError().map(ValidationReport::sentence);
    }

    /** Whether AWS would refuse the document; an unknown action is an error yet AWS stores the policy. */
    public boolean refused() {
        return firstRefusal().isPresent();
    }

    /** The first finding for which AWS refuses the document, as one sentence. */
    public Optional<String> firstRefusalMessage() {
        return firstRefusal().map(ValidationReport::sentence);
    }

    private Optional<Finding> firstRefusal() {
        return findings.stream().filter(finding -> finding.code().refusesDocument()).findFirst();
    }

    private static String sentence(Finding finding) {
        return finding.message() + " (at " + finding.path() + ")";
    }
}
