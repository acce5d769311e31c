package dev.backlane.server;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move forward by hand, starting at {@link TestApi#NOW}. */
public final class SteppingClock implements InstantSource {
    private Instant now = TestApi.NOW;

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}
