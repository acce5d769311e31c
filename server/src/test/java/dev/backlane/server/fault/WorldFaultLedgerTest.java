package dev.backlane.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.Event;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultCommand;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultParameters;
import dev.backlane.core.fault.FaultRequest;
import dev.backlane.core.fault.FaultScope;
import dev.backlane.core.fault.TelemetryKind;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Faults kept in the world: a second {@link Faults} on the same world (a restarted server) takes up what the first made. */
class WorldFaultLedgerTest {
    private static final Scope DEFAULT = new Scope("000000000000", "us-east-1");

    private final SteppingClock clock = new SteppingClock();
    private final Cloud cloud = new Cloud(World.empty(), clock, IdSource.sequential(), transaction -> {}, ChangeSink.none());
    private final WorldFaultLedger ledger = new WorldFaultLedger(cloud, DEFAULT);

    private Faults faults(EventStream events) {
        return new Faults(new FaultCommand(RegionCatalog.standard()), clock, IdSource.sequential(), events, ledger);
    }

    @Test
    void aFaultIsKeptInTheScopeItNamesWithItsParameters() {
        try (Faults first = faults(new EventStream())) {
            Fault throttle = first.create(FaultRequest.of("F7", Map.of("account", "111122223333", "region", "eu-west-1", "service", "ec2"))
                    .withOperations(List.of("DescribeVpcs")).withPercentage(25), World.empty(), id -> Optional.empty());
            Fault anywhere = first.create(FaultRequest.of("F2", Map.of()), World.empty(), id -> Optional.empty());
            assertTrue(cloud.snapshot().find(new Scope("111122223333", "eu-west-1"), ResourceTypes.FAULT, throttle.id()).isPresent());
            assertTrue(cloud.snapshot().find(DEFAULT, ResourceTypes.FAULT, anywhere.id()).isPresent(), "a fault naming no account goes to the default scope");
            assertEquals(java.util.Set.of(throttle, anywhere), java.util.Set.copyOf(ledger.recorded()), "read back equal, optional parameters included");
            first.remove(anywhere.id());
            assertEquals(List.of(throttle), ledger.recorded(), "a removed fault is forgotten");
        }
    }

    @Test
    void everyParameterIsReadBackAsWritten() {
        Fault telemetry = new Fault("fault-0123456789abcdef0", FaultKind.F8_TELEMETRY_LOSS, FaultScope.everything(),
                new FaultParameters(List.of(), List.of(), Optional.of(40), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(5L),
                        Optional.empty(), Optional.of(Duration.ofSeconds(90)), Set.of(TelemetryKind.values()[0])),
                clock.instant(), clock.instant().plusSeconds(60));
        ledger.record(telemetry);
        assertEquals(List.of(telemetry), ledger.recorded());
    }

    @Test
    void afterARestartAnEndedFaultEndsAndALiveOneActsUntilItsOriginalEnd() {
        Fault shortFault;
        Fault longFault;
        try (Faults first = faults(new EventStream())) {
            shortFault = first.create(FaultRequest.of("F2", Map.of()).withDuration("PT1M"), World.empty(), id -> Optional.empty());
            longFault = first.create(FaultRequest.of("F3", Map.of("availabilityZone", "us-east-1a")).withDuration("PT10M"), World.empty(),
                    id -> Optional.empty());
        }
        // The server is down for five minutes: the short fault's end passes while nothing runs.
        clock.advance(Duration.ofMinutes(5));
        EventStream events = new EventStream();
        List<Event> published = new ArrayList<>();
        events.subscribe(Event.class, published::add);
        try (Faults second = faults(events)) {
            second.resume();
            assertEquals(List.of(new FaultEndedEvent(shortFault, shortFault.endTime(), FaultEndedEvent.Reason.EXPIRED)),
                    published.stream().filter(FaultEndedEvent.class::isInstance).toList());
            assertEquals(List.of(longFault), second.list());
            assertEquals(List.of(longFault), ledger.recorded(), "the ended fault is forgotten by the store too");
            clock.advance(Duration.ofMinutes(5));
            assertTrue(second.active().isEmpty(), "the resumed fault ends at its original end");
        }
    }
}
