package dev.backlane.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.Event;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultCommand;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultRequest;
import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final FaultSubject S3_CALL = FaultSubject.in(new Scope("000000000000", "us-east-1")).with(Field.SERVICE, "s3");

    private final SteppingClock clock = new SteppingClock();
    private final EventStream events = new EventStream();
    private final List<Event> published = new ArrayList<>();
    private final Faults faults = new Faults(new FaultCommand(RegionCatalog.standard()), clock, IdSource.sequential(), events);

    FaultsTest() {
        events.subscribe(Event.class, published::add);
    }

    @AfterEach
    void close() {
        faults.close();
    }

    @Test
    void aFaultActsOnlyInsideItsTimeBoxWhateverTheTimer() {
        Fault fault = create(FaultRequest.of("F2", Map.of()).withDuration("PT1M"));
        assertEquals(List.of(fault), faults.active().faults());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(List.of(fault), faults.list());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(faults.active().isEmpty());
        assertEquals(List.of(), faults.list());
        assertEquals(Optional.empty(), faults.find(fault.id()));
    }

    @Test
    void aFaultStartingNowIsAnnouncedAtOnceAndItsRemovalEndsIt() {
        Fault fault = create(FaultRequest.of("F1", Map.of()));
        assertEquals(List.of(new FaultStartedEvent(fault, clock.instant())), published);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Optional.of(fault), faults.remove(fault.id()));
        assertEquals(new FaultEndedEvent(fault, clock.instant(), FaultEndedEvent.Reason.REMOVED), published.get(1));
        assertEquals(Optional.empty(), faults.remove(fault.id()), "a second removal finds nothing");
        assertEquals(2, published.size());
        assertTrue(faults.active().isEmpty());
    }

    @Test
    void aFaultWaitingForItsStartDoesNotActAndIsRemovedWithoutEvents() {
        Fault later = create(FaultRequest.of("F2", Map.of()).withStartTime(clock.instant().plusSeconds(30).toString()));
        assertTrue(faults.active().isEmpty());
        assertEquals(List.of(later), faults.list());
        faults.remove(later.id());
        assertEquals(List.of(), published);
    }

    @Test
    void withoutFaultsTheOverlayIsTheIndexItselfAndWithThemOneStableObject() {
        WorldIndex base = WorldIndex.of(World.empty());
        assertSame(base, faults.overlay(base));
        create(FaultRequest.of("F2", Map.of()));
        WorldIndex overlay = faults.overlay(base);
        assertFalse(overlay == base);
        assertEquals(1, overlay.faults().faults().size());
        assertSame(overlay, faults.overlay(base), "the DNS listeners' answers cached on it stay valid");
    }

    @Test
    void throttlingCountsOnlyTheCallsItsScopeAndOperationsCover() {
        create(FaultRequest.of("F7", Map.of("service", "s3")).withPercentage(50).withOperations(List.of("GetObject")));
        assertEquals(Optional.empty(), faults.answering(S3_CALL, "PutObject"));
        assertEquals(Optional.empty(), faults.answering(S3_CALL.with(Field.SERVICE, "sqs"), "GetObject"));
        assertEquals(Optional.empty(), faults.answering(S3_CALL, "GetObject"));
        assertEquals(FaultKind.F7_THROTTLING, faults.answering(S3_CALL, "GetObject").orElseThrow().kind());
        assertEquals(Optional.empty(), faults.answering(S3_CALL, "GetObject"));
    }

    private Fault create(FaultRequest request) {
        return faults.create(request, World.empty(), id -> Optional.empty());
    }
}
