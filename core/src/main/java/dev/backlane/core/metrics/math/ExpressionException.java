package dev.backlane.core.metrics.math;

/**
 * An expression that cannot be parsed or evaluated: a syntax error, an unknown function or ID, arguments of the wrong
 * kind. GetMetricData turns it into a {@code ValidationError} naming the query.
 */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }

    /** A function CloudWatch has that Backlane does not evaluate (SEARCH, INSIGHT_RULE_METRIC, …): refused as Unsupported. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String function) {
            super("Backlane does not evaluate the metric math function " + function + ".");
        }
    }

    static ExpressionException of(String format, Object... arguments) {
        return new ExpressionException(String.format(java.util.Locale.ROOT, format, arguments));
    }
}
