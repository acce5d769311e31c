package dev.backlane.server;

import dev.backlane.core.model.IdSource;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * IDs in AWS's long form, from a generator seeded once from the system's secure source.
 *
 * <p>A resource ID's 17 hex digits are {@code 0} (AWS's long IDs are 64-bit numbers, so their first
 * digit is always 0), seven digits that count up from a random start, and nine random ones. Counting
 * up keeps the IDs one server makes next to each other in the store's primary-key index: a batch of
 * creates then changes one or two index pages instead of one per row, so its commit writes fewer
 * pages to the write-ahead log (bench/README.md, "API throughput"). The random start and the random
 * digits keep IDs from different runs apart as before; nothing may read order or meaning into them.
 */
final class RandomIdSource implements IdSource {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int COUNTED_DIGITS = 7;
    private static final int COUNTED_MASK = (1 << (4 * COUNTED_DIGITS)) - 1;

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private int counter = random.nextInt() & COUNTED_MASK;

    @Override
    public synchronized String next(String prefix) {
        char[] digits = new char[17];
        digits[0] = '0';
        int count = counter;
        counter = (counter + 1) & COUNTED_MASK;
        for (int i = COUNTED_DIGITS; i >= 1; i--) {
            digits[i] = HEX[count & 0xf];
            count >>>= 4;
        }
        for (int i = COUNTED_DIGITS + 1; i < digits.length; i++) {
            digits[i] = HEX[random.nextInt(16)];
        }
        return prefix + "-" + new String(digits);
    }

    @Override
    public synchronized String hex(int count) {
        char[] digits = new char[count];
        for (int i = 0; i < count; i++) {
            digits[i] = HEX[random.nextInt(16)];
        }
        return new String(digits);
    }
}
