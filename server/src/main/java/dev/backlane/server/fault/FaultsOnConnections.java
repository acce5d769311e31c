package dev.backlane.server.fault;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.dataplane.gateway.Gateways;

/**
 * Tells the gateways when a fault acting on connections starts (so the connections already open get it: F6 breaks
 * those only, and Toxiproxy lays a new toxic on its open links too) and ends (so its handlers leave them at once,
 * expired or removed). Other kinds do not concern connections and are let be.
 */
public final class FaultsOnConnections {
    private FaultsOnConnections() {
    }

    public static void follow(EventStream events, Gateways gateways) {
        events.subscribe(FaultStartedEvent.class, started -> {
            if (actsOnConnections(started.fault())) {
                gateways.faultsStarted();
            }
        });
        events.subscribe(FaultEndedEvent.class, ended -> {
            if (actsOnConnections(ended.fault())) {
                gateways.faultEnded(ended.fault().id());
            }
        });
    }

    static boolean actsOnConnections(Fault fault) {
        return fault.parameters().toxic().isPresent() || fault.kind() == FaultKind.F6_ASYMMETRIC_ROUTING;
    }
}
