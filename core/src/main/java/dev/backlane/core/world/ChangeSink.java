package dev.backlane.core.world;

import dev.backlane.core.model.Scope;
import java.util.List;

/**
 * Where committed changes go before they become visible: the durable store. {@link #persist} returns
 * only once the changes would survive a crash, or throws and the command fails.
 */
public interface ChangeSink {
    void persist(Scope scope, List<Change> changes);

    void replaceAll(World world);

    /** Keeps nothing: for tests and {@code --in-memory}. */
    static ChangeSink none() {
        return new ChangeSink() {
            @Override
            public void persist(Scope scope, List<Change> changes) {}

            @Override
            public void replaceAll(World world) {}
        };
    }
}
