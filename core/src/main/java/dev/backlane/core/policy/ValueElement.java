package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The values of an Action/NotAction or Resource/NotResource element. A string and a one-element list
 * mean the same thing to AWS, so the model does not remember which form was written.
 */
public record ValueElement(boolean negated, List<String> values) {

    public ValueElement {
        values = List.copyOf(requireNonNull(values, "values is null"));
    }

    public static ValueElement of(String... values) {
        return new ValueElement(false, List.of(values));
    }

    public static ValueElement notOf(String... values) {
        return new ValueElement(true, List.of(values));
    }
}
