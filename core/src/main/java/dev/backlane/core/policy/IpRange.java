package dev.backlane.core.policy;

/**
 * A CIDR block from an IpAddress condition, parsed once. A bare address is a single host (/32 or
 * /128). An IPv4 block never matches an IPv6 address and the other way round.
 */
final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** The range, or null when the text is not an address or CIDR block. */
    static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = IpAddresses.parse(address);
        if (bytes == null) {
            return null;
        }
        int maximum = bytes.length * 8;
        int prefix = maximum;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(length);
            if (prefix > maximum) {
                return null;
            }
        }
        return new IpRange(bytes, prefix);
    }

    boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
