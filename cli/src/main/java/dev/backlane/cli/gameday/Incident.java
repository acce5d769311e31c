package dev.backlane.cli.gameday;

import java.time.Instant;
import java.util.Optional;

/** A fault, experiment or endpoint deletion of a game day: when it began and, once known, when it ended. */
record Incident(String name, String what, Instant start, Optional<Instant> end) {
    Incident ended(Instant at) {
        return new Incident(name, what, start, Optional.of(at));
    }
}
