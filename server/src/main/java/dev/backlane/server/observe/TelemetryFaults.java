package dev.backlane.server.observe;

import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.fault.TelemetryFate;
import dev.backlane.core.fault.TelemetryKind;

/** What injected faults (F8) do to the telemetry records the server delivers: asked record by record, once any acts. */
public interface TelemetryFaults {
    /** Nothing lost, nothing late. */
    TelemetryFaults NONE = new TelemetryFaults() {
        @Override
        public boolean acting() {
            return false;
        }

        @Override
        public TelemetryFate fate(TelemetryKind kind, FaultSubject subject) {
            return TelemetryFate.DELIVERED;
        }
    };

    /** Whether any fault acts on telemetry now, so callers can skip describing each record. */
    boolean acting();

    TelemetryFate fate(TelemetryKind kind, FaultSubject subject);
}
