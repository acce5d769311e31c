package dev.backlane.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void dnsForwarderTakesAnIpAddressAndAnOptionalPort() {
        assertEquals(new InetSocketAddress("127.0.0.1", 5353), ServerConfig.parseDnsForwarder("127.0.0.1:5353"));
        assertEquals(new InetSocketAddress("10.0.0.2", 53), ServerConfig.parseDnsForwarder("10.0.0.2"));
        assertEquals(new InetSocketAddress("::1", 5300), ServerConfig.parseDnsForwarder("[::1]:5300"));
        assertEquals(new InetSocketAddress("::1", 53), ServerConfig.parseDnsForwarder("::1"));
    }

    @Test
    void dnsForwarderRefusesHostNamesAndBadPorts() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> ServerConfig.parseDnsForwarder("dns.example.com:53"));
        assertTrue(name.getMessage().startsWith("--dns-forwarder:"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.parseDnsForwarder("127.0.0.1:0"));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.parseDnsForwarder("127.0.0.1:65536"));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.parseDnsForwarder("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.parseDnsForwarder("[::1"));
    }

    @Test
    void noForwarderUnlessConfigured() {
        assertEquals(Optional.empty(), ServerConfig.forTests().dnsForwarder());
        InetSocketAddress upstream = new InetSocketAddress("127.0.0.1", 53);
        assertEquals(Optional.of(upstream), ServerConfig.forTests().withDnsForwarder(upstream).withPort(1).dnsForwarder());
    }

    @Test
    void gatewaysHold1024ConnectionsUnlessConfiguredWithinBounds() {
        assertEquals(1024, ServerConfig.forTests().gatewayMaxConnections());
        assertEquals(50_000, ServerConfig.forTests().withGatewayMaxConnections(50_000).withPort(0).gatewayMaxConnections());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> ServerConfig.forTests().withGatewayMaxConnections(0));
        assertTrue(zero.getMessage().startsWith("--gateway-max-connections must be between 1 and 1000000"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.forTests().withGatewayMaxConnections(1_000_001));
    }
}
