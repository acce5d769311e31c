package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the client's side of a SOCKS5 handshake (RFC 1928) from the bytes received so far: the greeting with the
 * methods it offers, the username/password sub-negotiation (RFC 1929), and the request. Each read returns empty
 * while the message is incomplete, and leaves the buffer untouched then; a message that breaks the protocol throws
 * {@link Socks5Exception} with the reply code the client is to be told. Every message is at most a few hundred
 * bytes, so the handshake holds bounded memory.
 */
final class Socks5Messages {
    static final int VERSION = 0x05;
    static final int AUTH_VERSION = 0x01;
    static final int METHOD_NO_AUTHENTICATION = 0x00;
    static final int METHOD_USERNAME_PASSWORD = 0x02;
    static final int METHOD_NONE_ACCEPTABLE = 0xFF;
    static final int COMMAND_CONNECT = 0x01;
    static final int ADDRESS_IPV4 = 0x01;
    static final int ADDRESS_DOMAIN = 0x03;
    static final int ADDRESS_IPV6 = 0x04;

    static final int REPLY_SUCCEEDED = 0x00;
    static final int REPLY_GENERAL_FAILURE = 0x01;
    static final int REPLY_NOT_ALLOWED = 0x02;
    static final int REPLY_HOST_UNREACHABLE = 0x04;
    static final int REPLY_CONNECTION_REFUSED = 0x05;
    static final int REPLY_TTL_EXPIRED = 0x06;
    static final int REPLY_COMMAND_NOT_SUPPORTED = 0x07;
    static final int REPLY_ADDRESS_TYPE_NOT_SUPPORTED = 0x08;

    /** The longest handshake message: a request naming a 255-byte domain (4 + 1 + 255 + 2), or credentials (3 + 255 + 255). */
    static final int MAX_MESSAGE = 513;

    private Socks5Messages() {
    }

    /** A message that breaks the protocol, and the reply code (or, for the greeting and credentials, the status) to answer. */
    static final class Socks5Exception extends RuntimeException {
        private final int reply;

        Socks5Exception(int reply, String message) {
            super(message);
            this.reply = reply;
        }

        int reply() {
            return reply;
        }
    }

    /** The methods a greeting offers. */
    record Greeting(boolean noAuthentication, boolean usernamePassword) {
        /** The method the gateway picks: none needed if the client offers it, else username/password (any is accepted). */
        int chosenMethod() {
            return noAuthentication ? METHOD_NO_AUTHENTICATION : usernamePassword ? METHOD_USERNAME_PASSWORD : METHOD_NONE_ACCEPTABLE;
        }
    }

    /** A CONNECT request's destination. */
    record Destination(String host, int port) {
        Destination {
            requireNonNull(host, "host is null");
        }
    }

    /** {@code VER NMETHODS METHODS...}. */
    static Optional<Greeting> greeting(ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return Optional.empty();
        }
        int version = in.getUnsignedByte(start);
        int count = in.getUnsignedByte(start + 1);
        if (version != VERSION) {
            throw new Socks5Exception(METHOD_NONE_ACCEPTABLE, "not SOCKS version 5 but " + version);
        }
        if (count == 0) {
            throw new Socks5Exception(METHOD_NONE_ACCEPTABLE, "the greeting offers no method");
        }
        if (in.readableBytes() < 2 + count) {
            return Optional.empty();
        }
        boolean none = false;
        boolean password = false;
        for (int i = 0; i < count; i++) {
            int method = in.getUnsignedByte(start + 2 + i);
            none |= method == METHOD_NO_AUTHENTICATION;
            password |= method == METHOD_USERNAME_PASSWORD;
        }
        in.skipBytes(2 + count);
        return Optional.of(new Greeting(none, password));
    }

    /** {@code VER ULEN UNAME PLEN PASSWD} (RFC 1929); the user name is returned, the password is not kept. */
    static Optional<String> credentials(ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return Optional.empty();
        }
        int version = in.getUnsignedByte(start);
        if (version != AUTH_VERSION) {
            throw new Socks5Exception(0x01, "not username/password version 1 but " + version);
        }
        int userLength = in.getUnsignedByte(start + 1);
        if (in.readableBytes() < 3 + userLength) {
            return Optional.empty();
        }
        int passwordLength = in.getUnsignedByte(start + 2 + userLength);
        if (in.readableBytes() < 3 + userLength + passwordLength) {
            return Optional.empty();
        }
        String user = in.toString(start + 2, userLength, StandardCharsets.UTF_8);
        in.skipBytes(3 + userLength + passwordLength);
        return Optional.of(user);
    }

    /** {@code VER CMD RSV ATYP DST.ADDR DST.PORT}: only CONNECT, to an IPv4 address or a domain name. */
    static Optional<Destination> request(ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < 5) {
            return Optional.empty();
        }
        int version = in.getUnsignedByte(start);
        int command = in.getUnsignedByte(start + 1);
        int type = in.getUnsignedByte(start + 3);
        if (version != VERSION) {
            throw new Socks5Exception(REPLY_GENERAL_FAILURE, "the request is not SOCKS version 5 but " + version);
        }
        if (command != COMMAND_CONNECT) {
            throw new Socks5Exception(REPLY_COMMAND_NOT_SUPPORTED, "command " + command + " is not supported: only CONNECT (1) is");
        }
        int addressLength;
        switch (type) {
            case ADDRESS_IPV4 -> addressLength = 4;
            case ADDRESS_DOMAIN -> {
                addressLength = 1 + in.getUnsignedByte(start + 4);
                if (addressLength == 1) {
                    throw new Socks5Exception(REPLY_HOST_UNREACHABLE, "the domain name is empty");
                }
            }
            case ADDRESS_IPV6 -> throw new Socks5Exception(REPLY_ADDRESS_TYPE_NOT_SUPPORTED,
                    "IPv6 destinations are not supported: Backlane's VPCs are IPv4");
            default -> throw new Socks5Exception(REPLY_ADDRESS_TYPE_NOT_SUPPORTED, "address type " + type + " is not one of SOCKS5's");
        }
        if (in.readableBytes() < 4 + addressLength + 2) {
            return Optional.empty();
        }
        String host = type == ADDRESS_IPV4
                ? in.getUnsignedByte(start + 4) + "." + in.getUnsignedByte(start + 5) + "." + in.getUnsignedByte(start + 6) + "." + in.getUnsignedByte(start + 7)
                : in.toString(start + 5, addressLength - 1, StandardCharsets.US_ASCII);
        int port = in.getUnsignedShort(start + 4 + addressLength);
        if (port == 0) {
            throw new Socks5Exception(REPLY_GENERAL_FAILURE, "port 0 is no destination");
        }
        in.skipBytes(4 + addressLength + 2);
        return Optional.of(new Destination(host, port));
    }

    /** A reply to a request: {@code VER REP RSV ATYP=IPv4 BND.ADDR=0.0.0.0 BND.PORT=0} (the bound address tells the client nothing here). */
    static byte[] reply(int code) {
        return new byte[] {VERSION, (byte) code, 0, ADDRESS_IPV4, 0, 0, 0, 0, 0, 0};
    }
}
