package dev.backlane.core.policy;

import java.util.List;
import java.util.Optional;

/**
 * Compares one request value with a condition's policy values using the positive form of the
 * function (StringNotEquals uses equality; the caller negates). Policy values are compiled once:
 * numbers, dates and CIDR blocks parsed, patterns precompiled, variables kept for the request.
 */
sealed interface ValueMatcher {

    /** Whether the request value matches at least one policy value. */
    boolean matchesAny(String requestValue, RequestContext context);

    static ValueMatcher compile(ConditionFunction function, List<String> values, boolean variablesEnabled) {
        boolean variables = variablesEnabled && function.supportsVariables();
        switch (function) {
            case STRING_EQUALS:
            case STRING_NOT_EQUALS:
                return new ExactText(templates(values, variables), false);
            case STRING_EQUALS_IGNORE_CASE:
            case STRING_NOT_EQUALS_IGNORE_CASE:
                return new ExactText(templates(values, variables), true);
            case STRING_LIKE:
            case STRING_NOT_LIKE:
                return new TextPattern(templates(values, variables));
            case NUMERIC_EQUALS:
            case NUMERIC_NOT_EQUALS:
                return new Numeric(values, Comparison.EQUALS);
            case NUMERIC_LESS_THAN:
                return new Numeric(values, Comparison.LESS_THAN);
            case NUMERIC_LESS_THAN_EQUALS:
                return new Numeric(values, Comparison.LESS_THAN_EQUALS);
            case NUMERIC_GREATER_THAN:
                return new Numeric(values, Comparison.GREATER_THAN);
            case NUMERIC_GREATER_THAN_EQUALS:
                return new Numeric(values, Comparison.GREATER_THAN_EQUALS);
            case DATE_EQUALS:
            case DATE_NOT_EQUALS:
                return new Date(values, Comparison.EQUALS);
            case DATE_LESS_THAN:
                return new Date(values, Comparison.LESS_THAN);
            case DATE_LESS_THAN_EQUALS:
                return new Date(values, Comparison.LESS_THAN_EQUALS);
            case DATE_GREATER_THAN:
                return new Date(values, Comparison.GREATER_THAN);
            case DATE_GREATER_THAN_EQUALS:
                return new Date(values, Comparison.GREATER_THAN_EQUALS);
            case BOOL:
            case NULL:
                return new ExactText(templates(values, false), true);
            case BINARY_EQUALS:
                return new ExactText(templates(values, false), false);
            case IP_ADDRESS:
            case NOT_IP_ADDRESS:
                return new IpAddress(values);
            case ARN_EQUALS:
            case ARN_LIKE:
            case ARN_NOT_EQUALS:
            case ARN_NOT_LIKE:
                return new ArnValue(templates(values, variables));
        }
        throw new AssertionError(function);
    }

    private static Template[] templates(List<String> values, boolean variables) {
        return values.stream().map(value -> Template.parse(value, variables)).toArray(Template[]::new);
    }

    /** How a request number or date relates to a policy one. */
    enum Comparison {
        EQUALS,
        LESS_THAN,
        LESS_THAN_EQUALS,
        GREATER_THAN,
        GREATER_THAN_EQUALS;

        boolean holds(int comparison) {
            switch (this) {
                case EQUALS:
                    return comparison == 0;
                case LESS_THAN:
                    return comparison < 0;
                case LESS_THAN_EQUALS:
                    return comparison <= 0;
                case GREATER_THAN:
                    return comparison > 0;
                case GREATER_THAN_EQUALS:
                    return comparison >= 0;
            }
            throw new AssertionError(this);
        }
    }

    /** Exact text comparison, optionally ignoring case (also Bool and Null, whose values ignore case). */
    final class ExactText implements ValueMatcher {
        private final String[] constants;
        private final Template[] variables;
        private final boolean ignoreCase;

        ExactText(Template[] templates, boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            this.constants = java.util.Arrays.stream(templates).filter(Template::isConstant)
                    .map(template -> template.resolveText(RequestContext.empty()).orElseThrow()).toArray(String[]::new);
            this.variables = java.util.Arrays.stream(templates).filter(template -> !template.isConstant()).toArray(Template[]::new);
        }

        @Override
        public boolean matchesAny(String requestValue, RequestContext context) {
            for (String constant : constants) {
                if (ignoreCase ? constant.equalsIgnoreCase(requestValue) : constant.equals(requestValue)) {
                    return true;
                }
            }
            for (Template template : variables) {
                Optional<String> resolved = template.resolveText(context);
                if (resolved.isPresent() && (ignoreCase ? resolved.get().equalsIgnoreCase(requestValue) : resolved.get().equals(requestValue))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** StringLike: case-sensitive wildcard match. */
    final class TextPattern implements ValueMatcher {
        private final Glob[] constants;
        private final Template[] variables;

        TextPattern(Template[] templates) {
            this.constants = java.util.Arrays.stream(templates).filter(Template::isConstant)
                    .map(template -> template.resolvePattern(RequestContext.empty()).orElseThrow()).toArray(Glob[]::new);
            this.variables = java.util.Arrays.stream(templates).filter(template -> !template.isConstant()).toArray(Template[]::new);
        }

        @Override
        public boolean matchesAny(String requestValue, RequestContext context) {
            for (Glob glob : constants) {
                if (glob.matches(requestValue)) {
                    return true;
                }
            }
            for (Template template : variables) {
                Optional<Glob> resolved = template.resolvePattern(context);
                if (resolved.isPresent() && resolved.get().matches(requestValue)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Numeric comparisons; a policy or request value that is not a number matches nothing. */
    final class Numeric implements ValueMatcher {
        private final double[] numbers;
        private final Comparison comparison;

        Numeric(List<String> values, Comparison comparison) {
            this.numbers = values.stream().mapToDouble(NumericValues::parse).filter(number -> !Double.isNaN(number)).toArray();
            this.comparison = comparison;
        }

        @Override
        public boolean matchesAny(String requestValue, RequestContext context) {
            double number = NumericValues.parse(requestValue);
            if (Double.isNaN(number)) {
                return false;
            }
            for (double policyNumber : numbers) {
                if (comparison.holds(Double.compare(number, policyNumber))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Date comparisons; a value that is not a date matches nothing. */
    final class Date implements ValueMatcher {
        private final long[] dates;
        private final Comparison comparison;

        Date(List<String> values, Comparison comparison) {
            this.dates = values.stream().mapToLong(DateValues::parseMillis).filter(date -> date != DateValues.INVALID).toArray();
            this.comparison = comparison;
        }

        @Override
        public boolean matchesAny(String requestValue, RequestContext context) {
            long date = DateValues.parseMillis(requestValue);
            if (date == DateValues.INVALID) {
                return false;
            }
            for (long policyDate : dates) {
                if (comparison.holds(Long.compare(date, policyDate))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** IpAddress: the request address lies in one of the policy's CIDR blocks. */
    final class IpAddress implements ValueMatcher {
        private final IpRange[] ranges;

        IpAddress(List<String> values) {
            this.ranges = values.stream().map(IpRange::parse).filter(java.util.Objects::nonNull).toArray(IpRange[]::new);
        }

        @Override
        public boolean matchesAny(String requestValue, RequestContext context) {
            byte[] address = IpAddresses.parse(requestValue);
            if (address == null) {
                return false;
            }
            for (IpRange range : ranges) {
                if (range.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** ArnEquals and ArnLike, which AWS defines identically: part by part, wildcards allowed, case-sensitive. */
    final class ArnValue implements ValueMatcher {
        private final ArnPattern[] constants;
        private final Template[] variables;

        ArnValue(Template[] templates) {
            this.constants = java.util.Arrays.stream(templates).filter(Template::isConstant)
                    .map(template -> ArnPattern.fromGlob(template.resolvePattern(RequestContext.empty()).orElseThrow()))
                    .toArray(ArnPattern[]::new);
            this.variables = java.util.Arrays.stream(templates).filter(template -> !template.isConstant()).toArray(Template[]::new);
        }

        @Override
        public boolean matchesAny(String requestValue, RequestContext context) {
            int[] bounds = Arn.bounds(requestValue);
            for (ArnPattern pattern : constants) {
                if (pattern.matches(requestValue, bounds)) {
                    return true;
                }
            }
            for (Template template : variables) {
                Optional<Glob> resolved = template.resolvePattern(context);
                if (resolved.isPresent() && ArnPattern.fromGlob(resolved.get()).matches(requestValue, bounds)) {
                    return true;
                }
            }
            return false;
        }
    }
}
