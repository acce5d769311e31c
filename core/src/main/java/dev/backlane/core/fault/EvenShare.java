package dev.backlane.core.fault;

/**
 * Picks exactly {@code percentage}% of the items it is asked about, spread evenly and without randomness: item n is
 * picked when it carries the share past another whole item, {@code floor(n*p/100) > floor((n-1)*p/100)} — at 25%,
 * every fourth. Tests know which items are picked. Thread-safe.
 */
public final class EvenShare {
    private final int percentage;
    private long items;

    public EvenShare(int percentage) {
        if (percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("percentage " + percentage + " is not between 0 and 100");
        }
        this.percentage = percentage;
    }

    /** Whether the next item is picked. */
    public synchronized boolean next() {
        items++;
        return items * percentage / 100 > (items - 1) * percentage / 100;
    }
}
