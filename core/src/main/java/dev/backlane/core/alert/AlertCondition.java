package dev.backlane.core.alert;

import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SloTargets;

/** What a rule asks of one key's SLI: a burn rate over two windows, or a level over its baseline. */
public sealed interface AlertCondition permits BurnRateCondition, BaselineCondition {
    /** Reads the condition for {@code key} at the counts' time; {@code timeScale} (1 outside tests) only names the windows. */
    Reading read(AlertIndicator indicator, WindowCounts counts, SliKey key, SloTargets slo, long timeScale);

    /** The same condition with its windows divided by {@code timeScale}. */
    AlertCondition scaled(long timeScale);

    /** Whether the condition holds, and in words what was read (for the alert's description). */
    record Reading(boolean holds, String description) {
        static Reading not(String description) {
            return new Reading(false, description);
        }
    }
}
