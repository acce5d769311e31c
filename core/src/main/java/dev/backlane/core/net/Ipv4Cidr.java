package dev.backlane.core.net;

import java.util.Optional;

/**
 * An IPv4 CIDR block, kept as the network address and the prefix length. Parsing is strict: four
 * decimal octets of 0-255, a prefix of 0-32, and no host bits set unless {@link #parseLenient} is used.
 */
public record Ipv4Cidr(long network, int prefixLength) implements Comparable<Ipv4Cidr> {
    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        if ((network & ~mask(prefixLength) & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /** Parses {@code a.b.c.d/n}; empty if it is not a valid block or has host bits set. */
    public static Optional<Ipv4Cidr> parse(String text) {
        return parse(text, false);
    }

    /** Parses {@code a.b.c.d/n}, clearing host bits as AWS does for security group and ACL rules. */
    public static Optional<Ipv4Cidr> parseLenient(String text) {
        return parse(text, true);
    }

    private static Optional<Ipv4Cidr> parse(String text, boolean clearHostBits) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash == text.length() - 1 || text.length() - slash > 3) {
            return Optional.empty();
        }
        Optional<Long> address = Ipv4Address.parse(text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int prefix = 0;
        for (int i = slash + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            prefix = prefix * 10 + (c - '0');
        }
        if (prefix > 32) {
            return Optional.empty();
        }
        long network = address.get() & mask(prefix);
        if (network != address.get() && !clearHostBits) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Cidr(network, prefix));
    }

    public static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public long first() {
        return network;
    }

    public long last() {
        return network + size() - 1;
    }

    public boolean contains(long address) {
        return address >= first() && address <= last();
    }

    public boolean contains(Ipv4Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    public boolean overlaps(Ipv4Cidr other) {
        return first() <= other.last() && other.first() <= last();
    }

    @Override
    public int compareTo(Ipv4Cidr other) {
        int byNetwork = Long.compare(network, other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public String toString() {
        return Ipv4Address.format(network) + "/" + prefixLength;
    }
}
