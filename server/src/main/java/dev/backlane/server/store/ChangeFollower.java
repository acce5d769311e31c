package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.world.Cloud;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows what other servers sharing the store write: every {@link #INTERVAL_MILLIS} it reads the
 * store's head sequence number (one indexed row) and, when another server has moved it, has the cloud
 * catch up. Writers catch up anyway before every batch; this bounds how stale an idle server's reads
 * can be to well under a second.
 */
public final class ChangeFollower implements AutoCloseable {
    static final long INTERVAL_MILLIS = 200;
    private static final Logger LOG = Logger.getLogger(ChangeFollower.class.getName());

    private final SqlStore store;
    private final Cloud cloud;
    private final PeriodicTask poller;

    public ChangeFollower(SqlStore store, Cloud cloud) {
        this.store = requireNonNull(store, "store is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.poller = PeriodicTask.start("backlane-change-follower", INTERVAL_MILLIS, this::poll);
    }

    private void poll() {
        try {
            if (store.head() != store.position()) {
                cloud.refresh();
            }
        } catch (SQLException | RuntimeException e) {
            // The store is unreachable for now; writes report it to their callers, and the next poll retries.
            LOG.log(Level.FINE, "cannot follow the store's changes", e);
        }
    }

    @Override
    public void close() {
        poller.close();
    }
}
