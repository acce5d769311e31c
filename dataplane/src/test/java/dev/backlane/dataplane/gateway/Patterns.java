package dev.backlane.dataplane.gateway;

/** A body of known bytes of any length, generated rather than held, so large transfers need no memory in the test. */
final class Patterns {
    private Patterns() {
    }

    /** The byte at the offset of the pattern. */
    static byte at(long offset) {
        return (byte) ((offset * 31 + (offset >>> 11)) & 0xff);
    }

    /** Fills the first length bytes of the block with the pattern from the offset on. */
    static void fill(byte[] block, long offset, int length) {
        for (int i = 0; i < length; i++) {
            block[i] = at(offset + i);
        }
    }
}
