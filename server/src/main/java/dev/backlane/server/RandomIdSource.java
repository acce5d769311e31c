package dev.backlane.server;

import dev.backlane.core.model.IdSource;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Random IDs in AWS's long form, from a generator seeded once from the system's secure source. */
final class RandomIdSource implements IdSource {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());

    @Override
    public synchronized String next(String prefix) {
        return prefix + "-" + hex(17);
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
