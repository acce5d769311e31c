package dev.backlane.core.metrics.math;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parsed CloudWatch metric math expression: numbers, strings (arguments of METRICS), references to other queries'
 * IDs, the operators, function calls and bracketed arrays ({@code [m1, m2]}).
 */
public sealed interface MathExpression {
    /** A number literal. */
    record Number(double value) implements MathExpression {
    }

    /** A string literal, as METRICS("errors") takes. */
    record Text(String value) implements MathExpression {
        public Text {
            requireNonNull(value, "value is null");
        }
    }

    /** A bare word: another query's ID, or a keyword argument such as FILL's REPEAT and LINEAR. */
    record Reference(String id) implements MathExpression {
        public Reference {
            requireNonNull(id, "id is null");
        }
    }

    /** A unary minus or NOT. */
    record Unary(Operator operator, MathExpression operand) implements MathExpression {
        public Unary {
            requireNonNull(operator, "operator is null");
            requireNonNull(operand, "operand is null");
        }
    }

    /** Two operands and the operator between them. */
    record Binary(Operator operator, MathExpression left, MathExpression right) implements MathExpression {
        public Binary {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    /** A function by its (upper-case) name and its arguments. */
    record Call(String function, List<MathExpression> arguments) implements MathExpression {
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(arguments);
        }
    }

    /** An array of time series written out, {@code [m1, m2 * 2]}. */
    record ArrayOf(List<MathExpression> elements) implements MathExpression {
        public ArrayOf {
            elements = List.copyOf(elements);
        }
    }

    /** The operators metric math has, in the symbols it writes them with. */
    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POWER("^"),
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="),
        AND("AND"), OR("OR"), NOT("NOT"), NEGATE("-");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The operator applied to two numbers; comparisons and logic give 1 or 0, as metric math's do. */
        double apply(double left, double right) {
            return switch (this) {
                case ADD -> left + right;
                case SUBTRACT -> left - right;
                case MULTIPLY -> left * right;
                case DIVIDE -> left / right;
                case POWER -> Math.pow(left, right);
                case EQUAL -> truth(left == right);
                case NOT_EQUAL -> truth(left != right);
                case LESS -> truth(left < right);
                case LESS_OR_EQUAL -> truth(left <= right);
                case GREATER -> truth(left > right);
                case GREATER_OR_EQUAL -> truth(left >= right);
                case AND -> truth(left != 0 && right != 0);
                case OR -> truth(left != 0 || right != 0);
                case NOT -> truth(right == 0);
                case NEGATE -> -right;
            };
        }

        private static double truth(boolean value) {
            return value ? 1 : 0;
        }
    }
}
