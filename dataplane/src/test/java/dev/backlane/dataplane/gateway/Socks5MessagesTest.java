package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.dataplane.gateway.Socks5Messages.Destination;
import dev.backlane.dataplane.gateway.Socks5Messages.Greeting;
import dev.backlane.dataplane.gateway.Socks5Messages.Socks5Exception;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class Socks5MessagesTest {
    private static ByteBuf bytes(int... values) {
        ByteBuf buffer = Unpooled.buffer();
        for (int value : values) {
            buffer.writeByte(value);
        }
        return buffer;
    }

    /** Every proper prefix of a message reads as incomplete and consumes nothing. */
    private static <T> void incompleteUntilLastByte(int[] message, Function<ByteBuf, Optional<T>> reader) {
        for (int length = 0; length < message.length; length++) {
            int[] prefix = java.util.Arrays.copyOf(message, length);
            ByteBuf buffer = bytes(prefix);
            assertTrue(reader.apply(buffer).isEmpty(), "prefix of " + length + " bytes");
            assertEquals(0, buffer.readerIndex());
        }
    }

    @Test
    void greetingOfferingNoAuthenticationPicksIt() {
        ByteBuf in = bytes(5, 2, 2, 0, 0x42);
        Greeting greeting = Socks5Messages.greeting(in).orElseThrow();
        assertEquals(Socks5Messages.METHOD_NO_AUTHENTICATION, greeting.chosenMethod());
        assertEquals(1, in.readableBytes(), "bytes after the greeting stay for the next message");
        incompleteUntilLastByte(new int[] {5, 2, 2, 0}, Socks5Messages::greeting);
    }

    @Test
    void greetingOfferingOnlyUsernamePasswordPicksItAndOneOfferingNeitherNone() {
        assertEquals(Socks5Messages.METHOD_USERNAME_PASSWORD, Socks5Messages.greeting(bytes(5, 1, 2)).orElseThrow().chosenMethod());
        assertEquals(Socks5Messages.METHOD_NONE_ACCEPTABLE, Socks5Messages.greeting(bytes(5, 2, 1, 3)).orElseThrow().chosenMethod());
        assertThrows(Socks5Exception.class, () -> Socks5Messages.greeting(bytes(5, 0)));
        assertThrows(Socks5Exception.class, () -> Socks5Messages.greeting(bytes(4, 1, 0)));
    }

    @Test
    void credentialsAreReadWhole() {
        int[] message = {1, 3, 'b', 'o', 'b', 2, 'p', 'w'};
        assertEquals("bob", Socks5Messages.credentials(bytes(message)).orElseThrow());
        incompleteUntilLastByte(message, Socks5Messages::credentials);
        assertThrows(Socks5Exception.class, () -> Socks5Messages.credentials(bytes(2, 0, 0)));
    }

    @Test
    void connectRequestsToADomainOrAnIpv4AddressAreRead() {
        int[] domain = {5, 1, 0, 3, 7, 'a', '.', 'e', 'x', 'a', 'm', 'p', 0x01, (byte) 0xBB & 0xFF};
        assertEquals(new Destination("a.examp", 443), Socks5Messages.request(bytes(domain)).orElseThrow());
        incompleteUntilLastByte(domain, Socks5Messages::request);
        int[] ipv4 = {5, 1, 0, 1, 10, 0, 1, 20, 0x1F, 0x90};
        assertEquals(new Destination("10.0.1.20", 8080), Socks5Messages.request(bytes(ipv4)).orElseThrow());
        incompleteUntilLastByte(ipv4, Socks5Messages::request);
    }

    @Test
    void requestsOutsideConnectToIpv4OrADomainGetTheirReplyCodes() {
        assertEquals(0x07, assertThrows(Socks5Exception.class, () -> Socks5Messages.request(bytes(5, 2, 0, 1, 1))).reply());
        assertEquals(0x08, assertThrows(Socks5Exception.class, () -> Socks5Messages.request(bytes(5, 1, 0, 4, 0))).reply());
        assertEquals(0x08, assertThrows(Socks5Exception.class, () -> Socks5Messages.request(bytes(5, 1, 0, 7, 0))).reply());
        assertEquals(0x04, assertThrows(Socks5Exception.class, () -> Socks5Messages.request(bytes(5, 1, 0, 3, 0))).reply());
        assertEquals(0x01, assertThrows(Socks5Exception.class, () -> Socks5Messages.request(bytes(4, 1, 0, 1, 0))).reply());
        assertEquals(0x01, assertThrows(Socks5Exception.class, () -> Socks5Messages.request(bytes(5, 1, 0, 1, 10, 0, 0, 1, 0, 0))).reply());
    }

    @Test
    void aReplyIsTenBytesWithTheCode() {
        assertArrayEquals(new byte[] {5, 4, 0, 1, 0, 0, 0, 0, 0, 0}, Socks5Messages.reply(Socks5Messages.REPLY_HOST_UNREACHABLE));
    }
}
