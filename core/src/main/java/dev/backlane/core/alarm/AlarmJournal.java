package dev.backlane.core.alarm;

import java.util.List;

/**
 * Where {@link AlarmStore} keeps its changes durably (the server's store). {@link #write} is called with the changes of
 * one scope made by one call, in order, before the call returns and before any transition is published; when it
 * throws, the store takes its changes back and the call fails, so the alarms in memory are never ahead of the journal.
 */
public interface AlarmJournal {
    /** Keeps the changes, all or none; throws when they cannot be kept. */
    void write(List<AlarmChange> changes);

    /** A journal that keeps nothing: alarms in memory only. */
    static AlarmJournal none() {
        return changes -> { };
    }
}
