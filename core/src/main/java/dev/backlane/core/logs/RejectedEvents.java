package dev.backlane.core.logs;

/**
 * What PutLogEvents accepted of a batch, as AWS's {@code rejectedLogEventsInfo} says it: events before
 * {@code tooOldEnd} (exclusive) were more than 14 days old, before {@code expiredEnd} older than the group's
 * retention, from {@code tooNewStart} on more than 2 hours in the future. Each bound is null when no event
 * was rejected for that reason.
 */
public record RejectedEvents(Integer tooOldEnd, Integer expiredEnd, Integer tooNewStart, int accepted) {
    public boolean any() {
        return tooOldEnd != null || expiredEnd != null || tooNewStart != null;
    }
}
