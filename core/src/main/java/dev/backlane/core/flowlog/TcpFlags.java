package dev.backlane.core.flowlog;

/**
 * The TCP flag values of a record's {@code tcp-flags}, as AWS documents them: the OR of the flags seen
 * in the window. AWS reports FIN, SYN, RST and SYN-ACK; a plain ACK is not reported.
 */
public final class TcpFlags {
    public static final int FIN = 1;
    public static final int SYN = 2;
    public static final int RST = 4;
    public static final int SYN_ACK = 18;

    private TcpFlags() {}
}
