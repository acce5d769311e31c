package dev.backlane.server.store;

import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The store's schema, brought up to date by the versioned migrations under {@code db/migration} (the
 * same scripts for SQLite and PostgreSQL). A store whose schema is newer than this Backlane knows was
 * written by a newer Backlane: it is refused, never used or silently emptied.
 */
final class StoreSchema {
    private StoreSchema() {}

    static void migrate(DataSource dataSource, String description) {
        Flyway flyway = Flyway.configure(StoreSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("flyway_schema_history")
                .loggers("slf4j")
                .load();
        try {
            MigrationInfo[] applied = flyway.info().applied();
            MigrationInfo newest = Arrays.stream(applied)
                    .filter(info -> info.getVersion() != null)
                    .max(Comparator.comparing(MigrationInfo::getVersion))
                    .orElse(null);
            if (newest != null && newest.getState() == MigrationState.FUTURE_SUCCESS) {
                String known = Arrays.stream(flyway.info().all())
                        .filter(info -> info.getState() != MigrationState.FUTURE_SUCCESS && info.getVersion() != null)
                        .map(info -> info.getVersion().getVersion())
                        .reduce((first, second) -> second)
                        .orElse("none");
                throw new StoreException(description + " has schema version " + newest.getVersion().getVersion()
                        + ", written by a newer Backlane; this one knows schema versions up to " + known
                        + ". Use a newer Backlane, or another store.");
            }
            if (Arrays.stream(applied).anyMatch(info -> info.getState() == MigrationState.FAILED || info.getState() == MigrationState.FUTURE_FAILED)) {
                throw new StoreException(description + " holds a failed schema migration; restore it from a backup");
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot prepare the schema of " + description + ": " + e.getMessage(), e);
        }
    }
}
