package dev.backlane.server.api.sts;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.StsSessionRecord;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * STS sessions kept in the cloud's world as {@link StsSessionRecord}s, and so in its store: each in the role's account (in
 * the server's default region, STS being global), so that their credentials act as the session after a restart and on every
 * server of a shared store. Recording a session forgets its account's sessions that expired more than {@link #KEPT_EXPIRED}
 * ago, so the records stay bounded by the sessions begun in a day.
 */
public final class WorldSessionLedger implements SessionLedger {
    static final Duration KEPT_EXPIRED = Duration.ofDays(1);

    private final Cloud cloud;
    private final String region;

    public WorldSessionLedger(Cloud cloud, String region) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.region = requireNonNull(region, "region is null");
    }

    @Override
    public void record(StsSessions.Session session) {
        cloud.write(new Scope(session.account(), region), transaction -> {
            List<String> forgotten = transaction.all(ResourceTypes.STS_SESSION).stream()
                    .filter(kept -> kept.expiration().plus(KEPT_EXPIRED).isBefore(transaction.now())).map(StsSessionRecord::id).toList();
            forgotten.forEach(id -> transaction.remove(ResourceTypes.STS_SESSION, id));
            return transaction.put(ResourceTypes.STS_SESSION, new StsSessionRecord(session.accessKeyId(), session.roleArn(),
                    session.sessionName(), session.account(), session.arn(), session.assumedRoleId(), session.expiration()));
        });
    }

    @Override
    public Optional<StsSessions.Session> find(String accessKeyId) {
        World world = cloud.snapshot();
        for (Scope scope : world.scopes()) {
            if (scope.region().equals(region)) {
                Optional<StsSessionRecord> found = world.find(scope, ResourceTypes.STS_SESSION, accessKeyId);
                if (found.isPresent()) {
                    StsSessionRecord record = found.get();
                    return Optional.of(new StsSessions.Session(record.roleArn(), record.sessionName(), record.account(), record.arn(),
                            record.assumedRoleId(), record.id(), null, null, record.expiration()));
                }
            }
        }
        return Optional.empty();
    }
}
