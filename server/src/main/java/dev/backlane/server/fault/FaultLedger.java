package dev.backlane.server.fault;

import dev.backlane.core.fault.Fault;
import java.util.List;

/**
 * Where a server's faults are kept beyond its memory, so that their time boxes hold across a restart: a fault is
 * recorded when made and forgotten when it ends. {@link #none()} keeps nothing (a server without a store, tests).
 */
public interface FaultLedger {
    /** Keeps the fault; throws (and keeps nothing) when the store refuses, so the fault is not made. */
    void record(Fault fault);

    /** Forgets the fault; nothing when it is not kept. */
    void forget(Fault fault);

    /** Every fault kept, ended or not, in the order made. */
    List<Fault> recorded();

    static FaultLedger none() {
        return new FaultLedger() {
            @Override
            public void record(Fault fault) {
            }

            @Override
            public void forget(Fault fault) {
            }

            @Override
            public List<Fault> recorded() {
                return List.of();
            }
        };
    }
}
