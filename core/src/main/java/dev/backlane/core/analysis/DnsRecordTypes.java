package dev.backlane.core.analysis;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** DNS record types by number and mnemonic (RFC 1035, 3596, 2782, 9460, 8659); unknown ones are {@code TYPE<n>} (RFC 3597). */
public final class DnsRecordTypes {
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "A"), Map.entry(2, "NS"), Map.entry(5, "CNAME"),
            Map.entry(6, "SOA"), Map.entry(12, "PTR"), Map.entry(15, "MX"), Map.entry(16, "TXT"), Map.entry(28, "AAAA"), Map.entry(33, "SRV"),
            Map.entry(35, "NAPTR"), Map.entry(43, "DS"), Map.entry(64, "SVCB"), Map.entry(65, "HTTPS"), Map.entry(99, "SPF"), Map.entry(255, "ANY"),
            Map.entry(257, "CAA"));
    private static final int MAX_TYPE = 65535;

    private DnsRecordTypes() {
    }

    public static String name(int type) {
        return NAMES.getOrDefault(type, "TYPE" + type);
    }

    /** The number of a mnemonic ({@code aaaa}), of {@code TYPE<n>} or of a plain number; empty for anything else. */
    public static Optional<Integer> number(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (Map.Entry<Integer, String> entry : NAMES.entrySet()) {
            if (entry.getValue().equals(upper)) {
                return Optional.of(entry.getKey());
            }
        }
        String digits = upper.startsWith("TYPE") ? upper.substring(4) : upper;
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int number = Integer.parseInt(digits);
        return number <= MAX_TYPE ? Optional.of(number) : Optional.empty();
    }
}
