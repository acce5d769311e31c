package dev.backlane.core.model;

/**
 * Where new resource IDs come from. Injected so that the core holds no randomness: tests use a
 * sequence, the server a random source.
 */
public interface IdSource {
    /** A new ID of the given prefix in AWS's long form: {@code prefix-} and 17 lower-case hex digits. */
    String next(String prefix);

    /** {@code count} lower-case hex digits, for IDs and names that are not resource IDs (DNS labels). */
    String hex(int count);

    /** IDs counting up from 1, for exact tests: {@code vpc-00000000000000001}, ... */
    static IdSource sequential() {
        return new IdSource() {
            private long next;

            @Override
            public synchronized String next(String prefix) {
                return prefix + "-" + String.format("%017x", ++next);
            }

            @Override
            public synchronized String hex(int count) {
                String digits = String.format("%0" + Math.max(count, 1) + "x", ++next);
                return digits.substring(digits.length() - count);
            }
        };
    }
}
