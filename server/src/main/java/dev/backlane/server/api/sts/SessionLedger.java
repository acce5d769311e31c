package dev.backlane.server.api.sts;

import java.util.Optional;

/** Where STS's role sessions are kept beyond the process: a session begun is recorded, and found again by its access key. */
public interface SessionLedger {
    /** Keeps the session (and may forget sessions long expired). */
    void record(StsSessions.Session session);

    /** The session with this access key ID, expired or not, if it was recorded and not yet forgotten. */
    Optional<StsSessions.Session> find(String accessKeyId);

    /** Keeps nothing: sessions live as long as the process. */
    static SessionLedger none() {
        return new SessionLedger() {
            @Override
            public void record(StsSessions.Session session) {}

            @Override
            public Optional<StsSessions.Session> find(String accessKeyId) {
                return Optional.empty();
            }
        };
    }
}
