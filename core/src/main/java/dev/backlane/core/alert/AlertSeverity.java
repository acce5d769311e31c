package dev.backlane.core.alert;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How urgently an alert wants a person: a page now (on-call), or a ticket for working hours (the platform team). */
public enum AlertSeverity {
    PAGE("page"), TICKET("ticket");

    private final String label;

    AlertSeverity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The severity named {@code page} or {@code ticket}; an IllegalArgumentException naming {@code field} otherwise. */
    static AlertSeverity parse(String text, String field) {
        for (AlertSeverity severity : values()) {
            if (severity.label.equals(text)) {
                return severity;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + Arrays.stream(values()).map(AlertSeverity::label)
                .collect(Collectors.joining(", ")) + ", not " + text);
    }
}
