package dev.backlane.server.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.fault.TelemetryFate;
import dev.backlane.core.fault.TelemetryKind;
import dev.backlane.server.observe.TelemetryFaults;

/** F8 for the telemetry sinks: the active F8 faults covering a record lose it or hold it back ({@link Faults#telemetry}). */
public final class TelemetryLoss implements TelemetryFaults {
    private final Faults faults;

    public TelemetryLoss(Faults faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public boolean acting() {
        return faults.active().has(FaultKind.F8_TELEMETRY_LOSS);
    }

    @Override
    public TelemetryFate fate(TelemetryKind kind, FaultSubject subject) {
        return faults.telemetry(kind, subject);
    }
}
