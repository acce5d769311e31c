package dev.backlane.core.policy;

/**
 * How serious a validation finding is, after IAM Access Analyzer's finding types: an error makes AWS
 * refuse the document; the others are advice.
 */
public enum Severity {
    ERROR,
    SECURITY_WARNING,
    WARNING,
    SUGGESTION
}
