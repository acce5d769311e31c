package dev.backlane.cli.gameday;

import java.util.Locale;
import java.util.Optional;

/**
 * What a game day watches: the SLIs that are ratios of counted events (read from {@code /_backlane/sli}, whose
 * numerators and denominators can be taken apart over any interval), and the load generator's own view of its calls.
 */
enum Signal {
    M1("M1", "endpoint availability", true, true),
    M2("M2", "DNS private-resolve rate", true, true),
    M3("M3", "request success rate", true, true),
    M6("M6", "client error rate (429 apart)", true, false),
    M8("M8", "flow-log reject rate", true, false),
    M9("M9", "telemetry ingestion success", true, true),
    CLIENT_SUCCESS("client.success", "calls that succeeded for the client (after its retries)", true, true),
    CLIENT_LATENCY_P95("client.latency.p95", "the client's p95 call time (ms, retries included)", false, false);

    private final String label;
    private final String description;
    private final boolean ratio;
    private final boolean higherIsBetter;

    Signal(String label, String description, boolean ratio, boolean higherIsBetter) {
        this.label = label;
        this.description = description;
        this.ratio = ratio;
        this.higherIsBetter = higherIsBetter;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    boolean ratio() {
        return ratio;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    boolean fromServer() {
        return this != CLIENT_SUCCESS && this != CLIENT_LATENCY_P95;
    }

    static Optional<Signal> parse(String label) {
        for (Signal signal : values()) {
            if (signal.label.equalsIgnoreCase(label.toLowerCase(Locale.ROOT))) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    static String known() {
        StringBuilder known = new StringBuilder();
        for (Signal signal : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(signal.label);
        }
        return known.toString();
    }
}
