package dev.backlane.core.alert;

import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SloTargets;
import java.time.Instant;

/** What a rule asks of one key's SLI: a burn rate over two windows, or a level over its baseline. */
public sealed interface AlertCondition permits BurnRateCondition, BaselineCondition {
    /** Reads the condition for {@code key} at {@code now}; windows are divided by {@code timeScale} (1 outside tests). */
    Reading read(AlertIndicator indicator, SliBook book, SliKey key, Instant now, SloTargets slo, long timeScale);

    /** The same condition with its windows divided by {@code timeScale}. */
    AlertCondition scaled(long timeScale);

    /** Whether the condition holds, and in words what was read (for the alert's description). */
    record Reading(boolean holds, String description) {
        static Reading not(String description) {
            return new Reading(false, description);
        }
    }
}
