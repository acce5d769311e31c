package dev.backlane.core.flowlog;

/**
 * Packets and IP bytes of a TCP flow when only its payload bytes are seen (a gateway relays a byte
 * stream, not packets). Each direction is cut into full-size segments of {@link #SEGMENT_PAYLOAD}
 * bytes, the payload of a 1500-byte Ethernet MTU after 20 bytes of IPv4 header, 20 of TCP header and
 * 12 of the timestamp option; each packet carries {@link #HEADER_BYTES} of headers. The side that opens
 * a connection sends SYN and the handshake's last ACK (2 packets), the side that accepts sends SYN-ACK
 * (1); each side's FIN or RST adds 1. Pure acknowledgements are not counted: their number depends on the
 * receiver's delayed-ACK timing, which a relay cannot see. docs/flow-logs.md explains the choice.
 */
public final class PacketEstimate {
    public static final int SEGMENT_PAYLOAD = 1448;
    public static final int HEADER_BYTES = 52;

    private PacketEstimate() {}

    /** What one direction of a TCP flow sent in a window: its packets, its bytes with headers, and the flags AWS reports. */
    public record Estimate(long packets, long bytes, int tcpFlags) {}

    /**
     * One direction's packets in a window: {@code payloadBytes} of data, whether this side opened the
     * connection ({@code initiator}) or accepted it in this window, and whether it closed or reset it.
     */
    public static Estimate tcp(long payloadBytes, Opening opening, Closing closing) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes is negative: " + payloadBytes);
        }
        long dataPackets = (payloadBytes + SEGMENT_PAYLOAD - 1) / SEGMENT_PAYLOAD;
        int flags = 0;
        long control = 0;
        switch (opening) {
            case NONE -> { }
            case INITIATOR -> {
                control += 2;
                flags |= TcpFlags.SYN;
            }
            case RESPONDER -> {
                control += 1;
                flags |= TcpFlags.SYN_ACK;
            }
        }
        switch (closing) {
            case NONE -> { }
            case FIN -> {
                control += 1;
                flags |= TcpFlags.FIN;
            }
            case RST -> {
                control += 1;
                flags |= TcpFlags.RST;
            }
        }
        long packets = dataPackets + control;
        return new Estimate(packets, payloadBytes + packets * HEADER_BYTES, flags);
    }

    /** A SYN as Linux sends it: 20 bytes of IPv4 header, 20 of TCP header and 20 of options (MSS, SACK, timestamps, window scale). */
    public static final int SYN_BYTES = 60;
    /** When Linux resends an unanswered SYN, in seconds after the first: the initial 1 s timeout doubling, six retries. */
    private static final long[] SYN_RETRIES_SECONDS = {1, 3, 7, 15, 31, 63};

    /**
     * The SYNs a client sends to a destination that drops them, over {@code waitedNanos} before it gives up: the
     * first and each retry Linux sends in that time. What a REJECT record counts for a connection that never opened.
     */
    public static Estimate unansweredSyns(long waitedNanos) {
        long packets = 1;
        for (long retry : SYN_RETRIES_SECONDS) {
            if (waitedNanos >= retry * 1_000_000_000L) {
                packets++;
            }
        }
        return new Estimate(packets, packets * SYN_BYTES, TcpFlags.SYN);
    }

    /** Whether this direction's side opened the connection in the window, accepted it, or neither. */
    public enum Opening {
        NONE,
        INITIATOR,
        RESPONDER
    }

    /** Whether this direction's side closed the connection in the window (FIN), reset it (RST), or neither. */
    public enum Closing {
        NONE,
        FIN,
        RST
    }
}
