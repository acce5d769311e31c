package dev.backlane.core.logs;

import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Function;

/** A cloud with no default resources and a clock the test moves. */
final class LogsTestCloud {
    static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private Instant now = START;
    final Cloud cloud = new Cloud(World.empty(), new InstantSource() {
        @Override
        public Instant instant() {
            return now;
        }
    }, IdSource.sequential(), transaction -> {}, ChangeSink.none());

    <R> R write(Function<Transaction, R> command) {
        return cloud.write(SCOPE, command);
    }

    ScopeState state() {
        return cloud.snapshot(SCOPE).scope(SCOPE);
    }

    Instant now() {
        return now;
    }

    long nowMillis() {
        return now.toEpochMilli();
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
