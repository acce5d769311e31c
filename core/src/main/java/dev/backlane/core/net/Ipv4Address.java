package dev.backlane.core.net;

import java.util.List;
import java.util.Optional;

/** IPv4 addresses as unsigned 32-bit values in a long: strict dotted-quad parsing and formatting. */
public final class Ipv4Address {
    private Ipv4Address() {}

    /** The private ranges (RFC 1918) and the shared address space (RFC 6598): where a VPC's addresses are. */
    private static final List<Ipv4Cidr> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10").stream()
            .map(cidr -> Ipv4Cidr.parse(cidr).orElseThrow())
            .toList();

    /** Whether the address is in a private range or the shared address space. */
    public static boolean isPrivate(long address) {
        return PRIVATE_RANGES.stream().anyMatch(range -> range.contains(address));
    }

    public static Optional<Long> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 15) {
            return Optional.empty();
        }
        long value = 0;
        int octets = 0;
        int octet = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? '.' : text.charAt(i);
            if (c == '.') {
                if (octet < 0 || octets == 4) {
                    return Optional.empty();
                }
                value = (value << 8) | octet;
                octets++;
                octet = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 3) {
                    return Optional.empty();
                }
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
                digits++;
                if (octet > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return octets == 4 ? Optional.of(value) : Optional.empty();
    }

    public static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }
}
