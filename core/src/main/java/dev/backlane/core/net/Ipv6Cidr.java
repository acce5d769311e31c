package dev.backlane.core.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IPv6 CIDR block. Parsing accepts only literal addresses (never a host name) and prefixes 0-128. */
public record Ipv6Cidr(BigInteger network, int prefixLength) {
    private static final BigInteger ALL_ONES = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public static Optional<Ipv6Cidr> parse(String text) {
        return parse(text, false);
    }

    public static Optional<Ipv6Cidr> parseLenient(String text) {
        return parse(text, true);
    }

    private static Optional<Ipv6Cidr> parse(String text, boolean clearHostBits) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        Optional<BigInteger> address = parseAddress(text.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (address.isEmpty() || prefix < 0 || prefix > 128 || !text.substring(slash + 1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        BigInteger network = address.get().and(mask(prefix));
        if (!network.equals(address.get()) && !clearHostBits) {
            return Optional.empty();
        }
        return Optional.of(new Ipv6Cidr(network, prefix));
    }

    /** Parses a literal IPv6 address; empty for anything else (IPv4, host names, junk). */
    public static Optional<BigInteger> parseAddress(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!allowed) {
                return Optional.empty();
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            return bytes.length == 16 ? Optional.of(new BigInteger(1, bytes)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static BigInteger mask(int prefixLength) {
        return ALL_ONES.shiftRight(prefixLength).xor(ALL_ONES);
    }

    public BigInteger last() {
        return network.or(ALL_ONES.shiftRight(prefixLength));
    }

    public boolean contains(Ipv6Cidr other) {
        return other.prefixLength >= prefixLength && other.network.and(mask(prefixLength)).equals(network);
    }

    public boolean overlaps(Ipv6Cidr other) {
        return network.compareTo(other.last()) <= 0 && other.network.compareTo(last()) <= 0;
    }

    @Override
    public String toString() {
        byte[] raw = network.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        StringBuilder text = new StringBuilder();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        // Compress the longest run of zero groups, as RFC 5952 asks.
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLength && j - i > 1) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text + "/" + prefixLength;
    }
}
