package dev.backlane.dataplane.gateway;

import java.util.Locale;

/**
 * What a gateway does with a call the path engine finds BLOCKED. On AWS a dropped packet is never answered, so
 * the client waits until it gives up: {@link #STALL}, the default. {@link #RESET} closes the connection with a
 * TCP reset; {@link #ERROR} answers at once with 504 and the explanation, for fast tests.
 */
public enum BlockedTraffic {
    STALL, RESET, ERROR;

    /** The mode named on the command line ({@code stall}, {@code reset}, {@code error}). */
    public static BlockedTraffic parse(String text) {
        for (BlockedTraffic mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--blocked-traffic must be stall, reset or error, not '" + text + "'");
    }

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
