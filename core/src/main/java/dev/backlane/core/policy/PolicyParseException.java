package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

/** Thrown when a document has errors and so cannot be turned into a policy; carries every finding. */
public final class PolicyParseException extends IllegalArgumentException {

    private final transient ValidationReport report;

    public PolicyParseException(ValidationReport report) {
        super(requireNonNull(report, "report is null").firstErrorMessage().orElse("invalid policy"));
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
