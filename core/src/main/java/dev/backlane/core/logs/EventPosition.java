package dev.backlane.core.logs;

import java.math.BigInteger;

/**
 * Where an event sits in its stream: its timestamp, then the batch that brought it, then its place in that
 * batch. Written as 56 decimal digits, the width of AWS's GetLogEvents tokens and event IDs; the place is
 * counted from 1, so position 0 comes before every event.
 */
public record EventPosition(long timestamp, long batch, int index) implements Comparable<EventPosition> {
    static final EventPosition START = new EventPosition(0, 0, -1);
    private static final BigInteger INDEX_SCALE = BigInteger.TEN.pow(18);
    private static final BigInteger BATCH_SCALE = BigInteger.TEN.pow(19);

    String digits() {
        return String.format("%019d%019d%018d", Math.max(0, timestamp), batch, index + 1);
    }

    /** The position written {@code digits}, or empty when it is not one. */
    static java.util.Optional<EventPosition> parse(String digits) {
        if (digits.length() != 56 || !digits.chars().allMatch(Character::isDigit)) {
            return java.util.Optional.empty();
        }
        BigInteger value = new BigInteger(digits);
        BigInteger[] timestampAndRest = value.divideAndRemainder(BATCH_SCALE.multiply(INDEX_SCALE));
        BigInteger[] batchAndIndex = timestampAndRest[1].divideAndRemainder(INDEX_SCALE);
        return java.util.Optional.of(new EventPosition(timestampAndRest[0].longValueExact(), batchAndIndex[0].longValueExact(),
                batchAndIndex[1].intValueExact() - 1));
    }

    @Override
    public int compareTo(EventPosition other) {
        int byTime = Long.compare(timestamp, other.timestamp);
        if (byTime != 0) {
            return byTime;
        }
        int byBatch = Long.compare(batch, other.batch);
        return byBatch != 0 ? byBatch : Integer.compare(index, other.index);
    }
}
