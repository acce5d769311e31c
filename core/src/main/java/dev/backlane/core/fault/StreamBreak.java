package dev.backlane.core.fault;

/**
 * How an F6 fault (asymmetric routing) breaks the established connections it covers: the replies take another path,
 * and the stateful device on it (a NAT gateway, a firewall, a security group's connection tracking) has no state for
 * them, so it either answers with a reset ({@code reset}) or drops them, leaving both ends waiting ({@code stall}).
 */
public enum StreamBreak {
    RESET("reset"),
    STALL("stall");

    private final String wireName;

    StreamBreak(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
