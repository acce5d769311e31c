package dev.backlane.core.analysis;

import java.util.Locale;

/** The protocols a path can be explained for, with their IANA numbers as network ACLs write them. */
public enum Protocol {
    TCP("tcp", "6"),
    UDP("udp", "17"),
    ICMP("icmp", "1");

    private final String awsName;
    private final String number;

    Protocol(String awsName, String number) {
        this.awsName = awsName;
        this.number = number;
    }

    public String awsName() {
        return awsName;
    }

    public String number() {
        return number;
    }

    /** Whether the protocol has ports (ICMP has types and codes instead). */
    public boolean hasPorts() {
        return switch (this) {
            case TCP, UDP -> true;
            case ICMP -> false;
        };
    }

    /** {@code tcp}, {@code udp}, {@code icmp} or their numbers, in any case. */
    public static Protocol parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Protocol protocol : values()) {
            if (protocol.awsName.equals(lower) || protocol.number.equals(lower)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("protocol must be tcp, udp or icmp, not '" + text + "'");
    }
}
